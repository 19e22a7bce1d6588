/**
 * The dermatology ontology: curated source tables compiled to OWL 2 ({@link
 * org.dermkg.ontology.build}), label resolution ({@link org.dermkg.ontology.resolve}), the Derm1M
 * importer ({@link org.dermkg.ontology.importer}) and the validation build ({@link
 * org.dermkg.ontology.validate}). Entry points are the facades {@link
 * org.dermkg.ontology.DermOntology} and {@link org.dermkg.ontology.validate.ValidationBuild}.
 */
package org.dermkg.ontology;
