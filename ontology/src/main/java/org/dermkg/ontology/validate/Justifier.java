package org.dermkg.ontology.validate;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.dermkg.ontology.OntologyException;
import org.dermkg.ontology.OntologyException.Code;
import org.semanticweb.HermiT.ReasonerFactory;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.model.OWLAxiom;
import org.semanticweb.owlapi.model.OWLClass;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyCreationException;
import org.semanticweb.owlapi.model.OWLOntologyManager;
import org.semanticweb.owlapi.modularity.locality.LocalityClass;
import org.semanticweb.owlapi.modularity.locality.SyntacticLocalityModuleExtractor;
import org.semanticweb.owlapi.reasoner.OWLReasoner;

/**
 * Finds one justification (a minimal set of axioms) for an unsatisfiable class or an inconsistent
 * ontology, using HermiT on a syntactic ⊥-locality module and QuickXPlain's divide-and-conquer
 * contraction (O(k log n) reasoner calls for a justification of k axioms out of n).
 */
final class Justifier {
  private final OWLOntology ontology;
  private final OWLOntologyManager scratch = OWLManager.createOWLOntologyManager();
  private final ReasonerFactory hermit = new ReasonerFactory();

  Justifier(OWLOntology ontology) {
    this.ontology = ontology;
  }

  /** A minimal axiom set that makes {@code cls} unsatisfiable. */
  List<OWLAxiom> whyUnsatisfiable(OWLClass cls) {
    List<OWLAxiom> module =
        new SyntacticLocalityModuleExtractor(LocalityClass.BOTTOM, logicalAxioms())
            .extract(java.util.stream.Stream.of(cls))
            .filter(OWLAxiom::isLogicalAxiom)
            .toList();
    return minimal(
        module, axioms -> fault(axioms, r -> !r.isConsistent() || !r.isSatisfiable(cls)));
  }

  /** A minimal axiom set that makes the ontology inconsistent. */
  List<OWLAxiom> whyInconsistent() {
    return minimal(logicalAxioms().toList(), axioms -> fault(axioms, r -> !r.isConsistent()));
  }

  private java.util.stream.Stream<OWLAxiom> logicalAxioms() {
    return ontology.importsClosure().flatMap(OWLOntology::axioms).filter(OWLAxiom::isLogicalAxiom);
  }

  /** Runs HermiT on a scratch ontology of {@code axioms} and asks whether the fault shows. */
  private boolean fault(Set<OWLAxiom> axioms, Predicate<OWLReasoner> fault) {
    try {
      OWLOntology o = scratch.createOntology(axioms);
      OWLReasoner r = hermit.createReasoner(o);
      try {
        return fault.test(r);
      } finally {
        r.dispose();
        scratch.removeOntology(o);
      }
    } catch (OWLOntologyCreationException e) {
      throw new OntologyException(Code.REASONER_FAILED, "cannot build a scratch ontology: " + e, e);
    }
  }

  private static List<OWLAxiom> minimal(List<OWLAxiom> axioms, Predicate<Set<OWLAxiom>> fault) {
    if (!fault.test(new LinkedHashSet<>(axioms))) {
      return List.of();
    }
    return new ArrayList<>(quickXplain(new LinkedHashSet<>(), false, axioms, fault));
  }

  /** QuickXPlain: the minimal subset of {@code c} that, with {@code b}, shows the fault. */
  private static Set<OWLAxiom> quickXplain(
      Set<OWLAxiom> b, boolean bChanged, List<OWLAxiom> c, Predicate<Set<OWLAxiom>> fault) {
    if (bChanged && fault.test(b)) {
      return Set.of();
    }
    if (c.size() == 1) {
      return new LinkedHashSet<>(c);
    }
    List<OWLAxiom> c1 = c.subList(0, c.size() / 2);
    List<OWLAxiom> c2 = c.subList(c.size() / 2, c.size());
    Set<OWLAxiom> b1 = new LinkedHashSet<>(b);
    b1.addAll(c1);
    Set<OWLAxiom> d2 = quickXplain(b1, !c1.isEmpty(), c2, fault);
    Set<OWLAxiom> b2 = new LinkedHashSet<>(b);
    b2.addAll(d2);
    Set<OWLAxiom> d1 = quickXplain(b2, !d2.isEmpty(), c1, fault);
    Set<OWLAxiom> out = new LinkedHashSet<>(d1);
    out.addAll(d2);
    return out;
  }
}
