/** Validation reports as Markdown, JSON and JUnit XML. */
package org.dermkg.ontology.report;
