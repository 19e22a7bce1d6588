/** Resolving Derm1M's label columns against the ontology. */
package org.dermkg.graph.label;
