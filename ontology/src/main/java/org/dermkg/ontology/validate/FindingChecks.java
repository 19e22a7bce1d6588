package org.dermkg.ontology.validate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.dermkg.ontology.owl.ClassGraph;
import org.dermkg.ontology.table.Branch;
import org.dermkg.ontology.vocab.Derm;
import org.semanticweb.owlapi.model.AxiomType;
import org.semanticweb.owlapi.model.ClassExpressionType;
import org.semanticweb.owlapi.model.IRI;
import org.semanticweb.owlapi.model.OWLClass;
import org.semanticweb.owlapi.model.OWLObjectSomeValuesFrom;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLSubClassOfAxiom;

/** Checks that findings link diseases to existing concepts and body sites. */
final class FindingChecks {
  private record Edge(String property, Branch subject, Branch filler, String noun) {}

  private static final Map<String, Edge> EDGES =
      Map.of(
          Derm.HAS_TYPICAL_FINDING,
              new Edge("has typical finding", Branch.DISEASE, Branch.FINDING, "finding"),
          Derm.HAS_CONCEPT,
              new Edge("has concept", Branch.FINDING, Branch.CONCEPT, "clinical concept"),
          Derm.AT_SITE, new Edge("at site", Branch.FINDING, Branch.BODY_SITE, "body site"));

  private FindingChecks() {}

  static List<Check> all() {
    return List.of(
        SimpleCheck.of(
            "finding_reference",
            "Findings reference existing terms",
            Severity.ERROR,
            "structure",
            "'has typical finding' links a disease to a finding; 'has concept' a finding to a clinical concept; 'at site' a finding to a body site. Each end must be a declared class of that branch.",
            FindingChecks::references),
        SimpleCheck.of(
            "finding_without_concept",
            "Every finding has a concept",
            Severity.ERROR,
            "structure",
            "A typical finding names at least one clinical concept.",
            FindingChecks::withoutConcept));
  }

  private static List<OWLSubClassOfAxiom> restrictions(OWLOntology o) {
    return o.importsClosure()
        .flatMap(x -> x.axioms(AxiomType.SUBCLASS_OF))
        .filter(
            a ->
                a.getSubClass().isNamed()
                    && a.getSuperClass().getClassExpressionType()
                        == ClassExpressionType.OBJECT_SOME_VALUES_FROM)
        .toList();
  }

  private static List<Violation> references(ValidationContext ctx) {
    ClassGraph g = ctx.graph();
    List<Violation> out = new ArrayList<>();
    for (OWLSubClassOfAxiom ax : restrictions(ctx.ontology())) {
      OWLObjectSomeValuesFrom some = (OWLObjectSomeValuesFrom) ax.getSuperClass();
      if (some.getProperty().isAnonymous()) {
        continue;
      }
      Edge e = EDGES.get(some.getProperty().asOWLObjectProperty().getIRI().toString());
      if (e == null) {
        continue;
      }
      IRI subject = ax.getSubClass().asOWLClass().getIRI();
      if (!g.branch(subject).equals(Optional.of(e.subject()))) {
        out.add(
            violation(
                g, subject, " uses '" + e.property() + "' but is not a " + e.subject().cliName()));
      }
      for (OWLClass filler : some.getFiller().classesInSignature().toList()) {
        fillerViolation(g, e, subject, filler.getIRI()).ifPresent(out::add);
      }
    }
    return out;
  }

  /**
   * A filler of {@code subject}'s {@code e} restriction that is undeclared or in the wrong branch.
   */
  private static Optional<Violation> fillerViolation(ClassGraph g, Edge e, IRI subject, IRI f) {
    if (!g.isDeclared(f)) {
      return Optional.of(
          violation(
              g,
              subject,
              " '" + e.property() + "' " + g.display(f) + ", which is not a declared class"));
    }
    if (!g.branch(f).equals(Optional.of(e.filler()))) {
      return Optional.of(
          violation(
              g,
              subject,
              " '" + e.property() + "' " + g.display(f) + ", which is not a " + e.noun()));
    }
    return Optional.empty();
  }

  private static Violation violation(ClassGraph g, IRI subject, String rest) {
    return new Violation(subject.toString(), g.label(subject), g.display(subject) + rest);
  }

  private static List<Violation> withoutConcept(ValidationContext ctx) {
    ClassGraph g = ctx.graph();
    Set<IRI> withConcept = new HashSet<>();
    for (OWLSubClassOfAxiom ax : restrictions(ctx.ontology())) {
      OWLObjectSomeValuesFrom some = (OWLObjectSomeValuesFrom) ax.getSuperClass();
      if (!some.getProperty().isAnonymous()
          && some.getProperty()
              .asOWLObjectProperty()
              .getIRI()
              .toString()
              .equals(Derm.HAS_CONCEPT)) {
        withConcept.add(ax.getSubClass().asOWLClass().getIRI());
      }
    }
    IRI root = IRI.create(Derm.FINDING_ROOT);
    List<Violation> out = new ArrayList<>();
    for (IRI c : g.classes()) {
      if (!c.equals(root)
          && !g.isDeprecated(c)
          && g.isDeclared(c)
          && g.branch(c).equals(Optional.of(Branch.FINDING))
          && !withConcept.contains(c)) {
        out.add(
            new Violation(c.toString(), g.label(c), g.display(c) + " names no clinical concept"));
      }
    }
    return out;
  }
}
