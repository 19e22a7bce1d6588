/** Label resolution: free text to ontology classes, with normalisation and ranked match types. */
package org.dermkg.ontology.resolve;
