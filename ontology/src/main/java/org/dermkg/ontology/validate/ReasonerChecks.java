package org.dermkg.ontology.validate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dermkg.ontology.owl.ClassGraph;
import org.semanticweb.owlapi.model.IRI;
import org.semanticweb.owlapi.model.OWLAxiom;
import org.semanticweb.owlapi.model.OWLClass;

/** Checks answered by the reasoners (see {@link Reasoning}), with justifications as explanation. */
final class ReasonerChecks {
  /** Explanations are computed for at most this many root unsatisfiable classes. */
  static final int MAX_EXPLAINED = 20;

  private ReasonerChecks() {}

  static List<Check> all() {
    return List.of(new Inconsistent(), new Unsatisfiable(), new Equivalent());
  }

  private static List<String> render(ValidationContext ctx, List<OWLAxiom> axioms) {
    List<String> lines = new ArrayList<>();
    for (OWLAxiom a : axioms) {
      lines.add(ctx.renderer().render(a));
    }
    return lines;
  }

  static final class Inconsistent implements Check {
    @Override
    public CheckInfo info() {
      return new CheckInfo(
          "inconsistent_ontology",
          "Ontology is consistent",
          Severity.ERROR,
          "HermiT finds no model of the ontology; the explanation is a minimal set of axioms that cannot all hold.",
          "reasoner");
    }

    @Override
    public List<Violation> run(ValidationContext ctx) {
      if (ctx.reasoning().consistent()) {
        return List.of();
      }
      String iri =
          ctx.ontology()
              .getOntologyID()
              .getOntologyIRI()
              .map(IRI::toString)
              .orElse("(anonymous ontology)");
      return List.of(
          new Violation(
              iri,
              "",
              "the ontology is inconsistent; these axioms cannot all be true:",
              render(ctx, ctx.justifier().whyInconsistent())));
    }
  }

  static final class Unsatisfiable implements Check {
    @Override
    public CheckInfo info() {
      return new CheckInfo(
          "unsatisfiable_class",
          "No unsatisfiable classes",
          Severity.ERROR,
          "A class that can have no instances (equivalent to owl:Nothing); each root cause comes with the axioms that force it.",
          "reasoner");
    }

    @Override
    public List<Violation> run(ValidationContext ctx) {
      Reasoning r = ctx.reasoning();
      if (!r.consistent() || r.unsatisfiable().isEmpty()) {
        return List.of();
      }
      ClassGraph g = ctx.graph();
      Set<IRI> unsat = new HashSet<>();
      r.unsatisfiable().forEach(c -> unsat.add(c.getIRI()));
      List<Violation> out = new ArrayList<>();
      int explained = 0;
      for (OWLClass c : r.unsatisfiable()) {
        IRI iri = c.getIRI();
        IRI cause = unsatisfiableAncestor(g, iri, unsat);
        if (cause != null) {
          out.add(
              violation(
                  g,
                  iri,
                  " is unsatisfiable because its ancestor " + g.display(cause) + " is",
                  List.of()));
        } else if (explained++ < MAX_EXPLAINED) {
          out.add(
              violation(
                  g,
                  iri,
                  " is unsatisfiable; these axioms together force it to be empty:",
                  render(ctx, ctx.justifier().whyUnsatisfiable(c))));
        } else {
          out.add(violation(g, iri, " is unsatisfiable (not explained: limit reached)", List.of()));
        }
      }
      return out;
    }

    /** The first unsatisfiable proper ancestor of {@code iri} (its root cause), or null. */
    private static IRI unsatisfiableAncestor(ClassGraph g, IRI iri, Set<IRI> unsat) {
      return g.ancestorsOrSelf(iri).stream()
          .filter(a -> !a.equals(iri) && unsat.contains(a))
          .findFirst()
          .orElse(null);
    }

    private static Violation violation(
        ClassGraph g, IRI iri, String rest, List<String> explanation) {
      return new Violation(iri.toString(), g.label(iri), g.display(iri) + rest, explanation);
    }
  }

  static final class Equivalent implements Check {
    @Override
    public CheckInfo info() {
      return new CheckInfo(
          "inferred_equivalent_classes",
          "No named classes inferred equivalent",
          Severity.ERROR,
          "Two named classes that the reasoner proves equivalent are duplicates (or sit in a subclass cycle).",
          "reasoner");
    }

    @Override
    public List<Violation> run(ValidationContext ctx) {
      List<Violation> out = new ArrayList<>();
      ClassGraph g = ctx.graph();
      for (Set<OWLClass> group : ctx.reasoning().equivalentGroups()) {
        List<String> names = group.stream().map(c -> g.display(c.getIRI())).toList();
        IRI first = group.iterator().next().getIRI();
        out.add(
            new Violation(
                first.toString(),
                g.label(first),
                "inferred equivalent: " + String.join(" ≡ ", names)));
      }
      return out;
    }
  }
}
