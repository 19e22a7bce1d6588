package org.dermkg.ontology.validate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dermkg.ontology.mapping.XrefTargets;
import org.dermkg.ontology.owl.ClassGraph;
import org.dermkg.ontology.vocab.Obo;
import org.semanticweb.owlapi.model.IRI;

/**
 * Checks of the curated cross-ontology mappings (skos:exactMatch, closeMatch, broadMatch,
 * narrowMatch to MONDO and DOID classes, compiled from {@code xrefs/*.sssom.tsv}): targets that are
 * live classes of the reference slice, one exact match per target, no class and ancestor exactly
 * matching the same target, and no mapping across the benign/malignant line.
 */
final class XrefChecks {
  static final IRI BENIGN = IRI.create(org.dermkg.ontology.vocab.Derm.TERM_PREFIX + "0001222");
  static final IRI MALIGNANT = IRI.create(org.dermkg.ontology.vocab.Derm.TERM_PREFIX + "0001308");

  private XrefChecks() {}

  static List<Check> all() {
    return List.of(
        SimpleCheck.of(
            "xref_unknown_target",
            "Mappings point at live MONDO and DOID classes",
            Severity.ERROR,
            "mapping",
            "Every MONDO or DOID target of a mapping is a class of the reference slice (xrefs/targets.tsv): not a typo, not obsolete.",
            XrefChecks::unknown),
        SimpleCheck.of(
            "xref_exact_shared",
            "One exact match per target",
            Severity.ERROR,
            "mapping",
            "No MONDO or DOID class is the exact match of two unrelated DERM classes (one of them is a close, broad or narrow match).",
            ctx -> shared(ctx, false)),
        SimpleCheck.of(
            "xref_exact_ancestor",
            "A class and its ancestor do not exactly match the same target",
            Severity.ERROR,
            "mapping",
            "A class and one of its ancestors never both exactMatch the same target: the child is narrower than it.",
            ctx -> shared(ctx, true)),
        SimpleCheck.of(
            "xref_crosses_malignancy",
            "Mappings do not cross benign/malignant",
            Severity.ERROR,
            "mapping",
            "A class under 'Benign proliferative skin lesion' never maps to a malignant target, nor one under 'Malignant skin neoplasm' to a benign one (the target's kind in xrefs/targets.tsv).",
            XrefChecks::malignancy));
  }

  /** A mapping of a live class. */
  record Mapping(IRI subject, String predicate, String target) {}

  static List<Mapping> mappings(ClassGraph g) {
    List<Mapping> out = new ArrayList<>();
    for (IRI c : g.classes()) {
      if (g.isDeprecated(c)) {
        continue;
      }
      for (String p : Obo.SKOS_MATCHES) {
        for (String v : g.values(c, Obo.SKOS + p)) {
          out.add(new Mapping(c, p, Obo.curie(v)));
        }
      }
    }
    out.sort(
        java.util.Comparator.comparing((Mapping m) -> m.subject().toString())
            .thenComparing(Mapping::target));
    return out;
  }

  private static Violation violation(ClassGraph g, Mapping m, String message) {
    return new Violation(
        m.subject().toString(), g.label(m.subject()), g.display(m.subject()) + " " + message);
  }

  private static List<Violation> unknown(ValidationContext ctx) {
    ClassGraph g = ctx.graph();
    XrefTargets t = ctx.xrefTargets();
    List<Violation> out = new ArrayList<>();
    for (Mapping m : mappings(g)) {
      if (t.covers(m.target()) && !t.byId().containsKey(m.target())) {
        out.add(
            violation(
                g,
                m,
                m.predicate()
                    + " "
                    + m.target()
                    + ", which is no live class of the reference slice (a typo, or obsolete)"));
      }
    }
    return out;
  }

  private static List<Violation> shared(ValidationContext ctx, boolean ancestors) {
    ClassGraph g = ctx.graph();
    Map<String, List<IRI>> byTarget = new LinkedHashMap<>();
    for (Mapping m : mappings(g)) {
      if (m.predicate().equals("exactMatch")) {
        byTarget.computeIfAbsent(m.target(), k -> new ArrayList<>()).add(m.subject());
      }
    }
    List<Violation> out = new ArrayList<>();
    byTarget.forEach(
        (target, classes) -> {
          for (int i = 0; i < classes.size(); i++) {
            for (int j = i + 1; j < classes.size(); j++) {
              IRI a = classes.get(i);
              IRI b = classes.get(j);
              boolean related =
                  g.ancestorsOrSelf(a).contains(b) || g.ancestorsOrSelf(b).contains(a);
              if (related == ancestors) {
                out.add(
                    new Violation(
                        a.toString(),
                        g.label(a),
                        g.display(a)
                            + " and "
                            + g.display(b)
                            + " both exactMatch "
                            + target
                            + (related ? " (one is the other's ancestor)" : "")));
              }
            }
          }
        });
    return out;
  }

  private static List<Violation> malignancy(ValidationContext ctx) {
    ClassGraph g = ctx.graph();
    XrefTargets t = ctx.xrefTargets();
    List<Violation> out = new ArrayList<>();
    for (Mapping m : mappings(g)) {
      XrefTargets.Target target = t.byId().get(m.target());
      if (target == null || target.kind().isEmpty()) {
        continue;
      }
      Set<IRI> up = g.ancestorsOrSelf(m.subject());
      String side = up.contains(BENIGN) ? "benign" : up.contains(MALIGNANT) ? "malignant" : "";
      if (!side.isEmpty() && !side.equals(target.kind())) {
        out.add(
            violation(
                g,
                m,
                "("
                    + side
                    + ") "
                    + m.predicate()
                    + " "
                    + m.target()
                    + " '"
                    + target.label()
                    + "' ("
                    + target.kind()
                    + ")"));
      }
    }
    return out;
  }
}
