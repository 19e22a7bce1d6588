package org.dermkg.ontology.resolve;

/**
 * How a query matched, best first: the term's ID or IRI; its label as typed (ignoring case and
 * surrounding space); a synonym as typed; a Derm1M name as typed; and the normalised forms (see
 * {@link LabelNormalizer}).
 */
public enum MatchType {
  ID("id"),
  /** An id of another ontology (MONDO:0005083) that a curated mapping links to the class. */
  XREF("xref"),
  EXACT("exact"),
  SYNONYM("synonym"),
  DERM1M_NAME("derm1m-name"),
  NORMALISED("normalised");

  private final String display;

  MatchType(String display) {
    this.display = display;
  }

  /** The lower-case name printed by {@code derm resolve} and used in JSON. */
  public String display() {
    return display;
  }
}
