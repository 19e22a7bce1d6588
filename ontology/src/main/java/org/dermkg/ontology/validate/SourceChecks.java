package org.dermkg.ontology.validate;

import java.util.List;
import org.dermkg.ontology.vocab.Derm;

/** Checks of how the ontology was produced: table reference hints and unresolved imports. */
final class SourceChecks {
  private SourceChecks() {}

  static List<Check> all() {
    return List.of(
        SimpleCheck.of(
            "reference_label_mismatch",
            "Table references name the right term",
            Severity.WARN,
            "structure",
            "In the source tables a reference 'DERM:0001234 ! label' repeats the referenced term's current label.",
            ctx ->
                ctx.notes().stream()
                    .map(
                        n ->
                            new Violation(
                                Derm.curieToIri(n.termId()), "", n.where() + ": " + n.message()))
                    .toList()),
        SimpleCheck.of(
            "missing_import",
            "Imports resolve",
            Severity.ERROR,
            "structure",
            "Every owl:imports resolves to an ontology the build has (nothing is downloaded).",
            ctx ->
                ctx.missingImports().stream()
                    .map(
                        i ->
                            new Violation(
                                i, "", "owl:imports <" + i + "> could not be resolved offline"))
                    .toList()));
  }
}
