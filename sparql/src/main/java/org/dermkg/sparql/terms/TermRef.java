package org.dermkg.sparql.terms;

import org.dermkg.ontology.vocab.Derm;

/**
 * A class by IRI, short id and preferred label.
 *
 * @param iri the class IRI
 * @param id the CURIE ({@code DERM:0001234}) for DERM terms, else the IRI
 * @param label the preferred label, else the id
 */
public record TermRef(String iri, String id, String label) {

  /** A reference with the id derived from the IRI and the label defaulting to the id. */
  public static TermRef of(String iri, String label) {
    String id = Derm.iriToCurie(iri).orElse(iri);
    return new TermRef(iri, id, label == null || label.isBlank() ? id : label);
  }
}
