/**
 * OWL-level helpers shared by the resolver and the validation build: class graph, rendering, I/O.
 */
package org.dermkg.ontology.owl;
