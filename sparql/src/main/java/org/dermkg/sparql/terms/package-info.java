/**
 * The typed facade over the named queries ({@link org.dermkg.sparql.terms.TermService}) and the
 * records it returns: terms, their hierarchy, findings, image pages and counts.
 */
package org.dermkg.sparql.terms;
