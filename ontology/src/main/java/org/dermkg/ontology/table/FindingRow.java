package org.dermkg.ontology.table;

import java.util.List;

/** One row of findings.tsv: a typical presentation of a disease, made of concepts at sites. */
public record FindingRow(
    String id,
    String label,
    Ref disease,
    List<Ref> concepts,
    List<Ref> sites,
    String definition,
    String comment,
    Tsv.Row row) {

  public FindingRow {
    concepts = List.copyOf(concepts);
    sites = List.copyOf(sites);
  }
}
