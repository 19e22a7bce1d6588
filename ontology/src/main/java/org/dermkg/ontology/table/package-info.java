/** Strict readers for the curated TSV source tables. */
package org.dermkg.ontology.table;
