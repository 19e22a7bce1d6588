/**
 * The validation build: reasoners with justifications, structural QC, SPARQL rules, OWL 2 profile
 * and mapping checks.
 */
package org.dermkg.ontology.validate;
