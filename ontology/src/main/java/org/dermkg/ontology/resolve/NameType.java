package org.dermkg.ontology.resolve;

/** How a name belongs to a term, best first. */
public enum NameType {
  LABEL,
  EXACT_SYNONYM,
  DERM1M_NAME,
  RELATED_SYNONYM
}
