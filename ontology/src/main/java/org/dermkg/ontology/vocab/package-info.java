/** IRI constants of the DERM ontology and of the OBO vocabularies it uses. */
package org.dermkg.ontology.vocab;
