package org.dermkg.ontology.validate;

import java.util.ArrayList;
import java.util.List;
import org.dermkg.ontology.mapping.LabelSet;
import org.dermkg.ontology.owl.ClassGraph;
import org.dermkg.ontology.resolve.Resolution;
import org.semanticweb.owlapi.model.IRI;

/** Checks of the benchmark label-set mappings against the ontology. */
final class MappingChecks {
  private MappingChecks() {}

  static List<Check> all() {
    return List.of(
        mapping(
            "mapping_dead_class",
            "Label-set mappings point to live classes",
            Severity.ERROR,
            "Every mapping's object is a declared, non-deprecated class of the ontology.",
            MappingChecks::dead),
        mapping(
            "mapping_label_mismatch",
            "Mapping object labels are current",
            Severity.WARN,
            "The object_label column repeats the class's current label.",
            MappingChecks::label),
        mapping(
            "mapping_resolution",
            "Label-set labels resolve to their classes",
            Severity.ERROR,
            "Every label of a label set resolves (derm resolve) to exactly the class it is mapped to.",
            MappingChecks::resolution));
  }

  private interface RowCheck {
    void check(
        ValidationContext ctx, LabelSet set, LabelSet.Mapping m, IRI object, List<Violation> out);
  }

  private static Check mapping(
      String id, String title, Severity s, String description, RowCheck body) {
    return SimpleCheck.of(
        id,
        title,
        s,
        "mapping",
        description,
        ctx -> {
          List<Violation> out = new ArrayList<>();
          for (LabelSet set : ctx.labelSets()) {
            for (LabelSet.Mapping m : set.mappings()) {
              body.check(ctx, set, m, IRI.create(set.expand(m.objectId())), out);
            }
          }
          return out;
        });
  }

  private static String where(LabelSet set, LabelSet.Mapping m) {
    return set.name() + " '" + m.subjectLabel() + "' (" + m.where() + ")";
  }

  private static void dead(
      ValidationContext ctx, LabelSet set, LabelSet.Mapping m, IRI object, List<Violation> out) {
    ClassGraph g = ctx.graph();
    if (!g.isDeclared(object)) {
      out.add(
          new Violation(
              m.where(),
              m.subjectLabel(),
              where(set, m)
                  + " maps to "
                  + m.objectId()
                  + ", which is not a class of the ontology"));
    } else if (g.isDeprecated(object)) {
      List<String> by = g.values(object, org.dermkg.ontology.vocab.Obo.TERM_REPLACED_BY);
      out.add(
          new Violation(
              m.where(),
              m.subjectLabel(),
              where(set, m)
                  + " maps to deprecated "
                  + g.display(object)
                  + (by.isEmpty()
                      ? ""
                      : "; use its replacement " + g.display(IRI.create(by.get(0))))));
    }
  }

  private static void label(
      ValidationContext ctx, LabelSet set, LabelSet.Mapping m, IRI object, List<Violation> out) {
    ClassGraph g = ctx.graph();
    if (g.isDeclared(object)
        && !m.objectLabel().isEmpty()
        && !m.objectLabel().equals(g.label(object))) {
      out.add(
          new Violation(
              m.where(),
              m.subjectLabel(),
              where(set, m)
                  + ": object_label '"
                  + m.objectLabel()
                  + "' but the class is now labelled '"
                  + g.label(object)
                  + "'"));
    }
  }

  private static void resolution(
      ValidationContext ctx, LabelSet set, LabelSet.Mapping m, IRI object, List<Violation> out) {
    Resolution r = ctx.resolver().resolve(m.subjectLabel());
    String expected = object.toString();
    if (r.isEmpty()) {
      out.add(
          new Violation(
              m.where(), m.subjectLabel(), where(set, m) + " does not resolve to any class"));
    } else if (!r.isUnique() || !r.candidates().get(0).term().iri().equals(expected)) {
      List<String> got =
          r.candidates().stream().map(c -> c.term().id() + " '" + c.term().label() + "'").toList();
      out.add(
          new Violation(
              m.where(),
              m.subjectLabel(),
              where(set, m)
                  + " resolves to "
                  + String.join(", ", got)
                  + " instead of "
                  + m.objectId()));
    }
  }
}
