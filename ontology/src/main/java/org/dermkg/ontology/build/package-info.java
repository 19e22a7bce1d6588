/** Compiling the curated source tables into OWL 2. */
package org.dermkg.ontology.build;
