package org.dermkg.ontology.table;

import org.dermkg.ontology.OntologyException.Code;
import org.dermkg.ontology.vocab.Derm;

/**
 * A reference cell {@code DERM:0001234 ! Label}: the ID is authoritative, the label after {@code !}
 * is a reader's aid that the build compares with the referenced term's label.
 */
public record Ref(String id, String labelHint, Tsv.Row row, String column) {

  /** Parses a reference cell; the ID must be a DERM CURIE. */
  public static Ref parse(String cell, Tsv.Row row, String column) {
    String id = cell;
    String hint = "";
    int bang = cell.indexOf(" ! ");
    if (bang >= 0) {
      id = cell.substring(0, bang).strip();
      hint = cell.substring(bang + 3).strip();
    }
    if (!Derm.isCurie(id)) {
      throw row.error(
          Code.TABLE_ROW,
          column,
          "'" + cell + "' is not a reference of the form DERM:0000000 ! label");
    }
    return new Ref(id, hint, row, column);
  }

  @Override
  public String toString() {
    return labelHint.isEmpty() ? id : id + " ! " + labelHint;
  }
}
