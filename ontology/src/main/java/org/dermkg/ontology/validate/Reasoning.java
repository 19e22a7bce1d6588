package org.dermkg.ontology.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.semanticweb.HermiT.ReasonerFactory;
import org.semanticweb.elk.owlapi.ElkReasonerFactory;
import org.semanticweb.owlapi.model.OWLClass;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.profiles.OWL2ELProfile;
import org.semanticweb.owlapi.reasoner.InferenceType;
import org.semanticweb.owlapi.reasoner.Node;
import org.semanticweb.owlapi.reasoner.OWLReasoner;

/**
 * The reasoning stage: HermiT decides consistency (complete for OWL 2 DL); ELK classifies the
 * ontology when it is in the OWL 2 EL profile (fast and complete there), otherwise HermiT
 * classifies. Records unsatisfiable classes and groups of named classes inferred equivalent.
 */
record Reasoning(
    boolean consistent,
    boolean inEl,
    String classifier,
    List<OWLClass> unsatisfiable,
    List<Set<OWLClass>> equivalentGroups,
    long consistencyMillis,
    long classificationMillis) {

  static Reasoning run(OWLOntology ontology) {
    long t0 = System.nanoTime();
    OWLReasoner hermit = new ReasonerFactory().createReasoner(ontology);
    boolean consistent = hermit.isConsistent();
    long t1 = System.nanoTime();
    boolean inEl = new OWL2ELProfile().checkOntology(ontology).isInProfile();
    if (!consistent) {
      hermit.dispose();
      return new Reasoning(false, inEl, "none", List.of(), List.of(), ms(t0, t1), 0);
    }
    OWLReasoner classifier;
    String name;
    if (inEl) {
      hermit.dispose();
      classifier = new ElkReasonerFactory().createReasoner(ontology);
      name = "ELK";
    } else {
      classifier = hermit;
      name = "HermiT";
    }
    try {
      classifier.precomputeInferences(InferenceType.CLASS_HIERARCHY);
      List<OWLClass> unsat = unsatisfiable(classifier);
      List<Set<OWLClass>> groups = equivalentGroups(ontology, classifier, unsat);
      long t2 = System.nanoTime();
      return new Reasoning(true, inEl, name, unsat, groups, ms(t0, t1), ms(t1, t2));
    } finally {
      classifier.dispose();
    }
  }

  private static List<OWLClass> unsatisfiable(OWLReasoner classifier) {
    return classifier
        .getUnsatisfiableClasses()
        .entities()
        .filter(c -> !c.isOWLNothing())
        .sorted()
        .toList();
  }

  /** Each set of two or more equivalent named classes once, keyed by its smallest member. */
  private static List<Set<OWLClass>> equivalentGroups(
      OWLOntology ontology, OWLReasoner classifier, List<OWLClass> unsat) {
    List<Set<OWLClass>> groups = new ArrayList<>();
    ontology
        .classesInSignature()
        .filter(c -> !c.isOWLThing() && !c.isOWLNothing() && !unsat.contains(c))
        .sorted()
        .forEach(
            c -> {
              Node<OWLClass> node = classifier.getEquivalentClasses(c);
              Set<OWLClass> named =
                  node.entities()
                      .filter(e -> !e.isOWLThing())
                      .collect(Collectors.toCollection(java.util.TreeSet::new));
              if (named.size() > 1 && named.iterator().next().equals(c)) {
                groups.add(named);
              }
            });
    return groups;
  }

  private static long ms(long from, long to) {
    return (to - from) / 1_000_000;
  }
}
