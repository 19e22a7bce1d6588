/**
 * The Derm1M knowledge graph: image, caption and label loaders over TDB2, linked to the ontology
 * (issue 3).
 */
package org.dermkg.graph;
