/** Benchmark label sets shipped as SSSOM mapping files, and their RDF form. */
package org.dermkg.ontology.mapping;
