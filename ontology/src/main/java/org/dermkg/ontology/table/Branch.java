package org.dermkg.ontology.table;

import org.dermkg.ontology.vocab.Derm;

/** The four top-level branches of the ontology, each rooted at one class and kept in one table. */
public enum Branch {
  DISEASE("diseases.tsv", Derm.DISEASE_ROOT),
  CONCEPT("concepts.tsv", Derm.CONCEPT_ROOT),
  BODY_SITE("body-sites.tsv", Derm.BODY_SITE_ROOT),
  FINDING("findings.tsv", Derm.FINDING_ROOT);

  private final String table;
  private final String rootIri;

  Branch(String table, String rootIri) {
    this.table = table;
    this.rootIri = rootIri;
  }

  /** File name of the branch's source table. */
  public String table() {
    return table;
  }

  /** IRI of the branch's root class. */
  public String rootIri() {
    return rootIri;
  }

  /** Lower-case name used on the command line and in JSON ("disease", "body-site"...). */
  public String cliName() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
