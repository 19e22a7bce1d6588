/**
 * Multi-granular zero-shot prompt sets from the hierarchy: a {@link
 * org.dermkg.sparql.prompts.Selection} picks the classes (a benchmark label set, explicit ids or
 * labels, a level, a subtree, a SPARQL SELECT or coarse groups), {@link
 * org.dermkg.sparql.prompts.Strategy strategies} turn each class into phrases (names, synonyms,
 * ancestor context, descendant expansion, finding and concept descriptors) and templates turn the
 * phrases into prompts. {@link org.dermkg.sparql.prompts.PromptGenerator} is the entry point;
 * {@link org.dermkg.sparql.prompts.PromptWriter} writes the open_clip-ready JSON and the CSV.
 */
package org.dermkg.sparql.prompts;
