package org.dermkg.ontology.owl;

import java.util.ArrayList;
import java.util.List;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.vocabulary.RDFS;
import org.semanticweb.HermiT.ReasonerFactory;
import org.semanticweb.elk.owlapi.ElkReasonerFactory;
import org.semanticweb.owlapi.model.OWLClass;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.parameters.Imports;
import org.semanticweb.owlapi.profiles.OWL2ELProfile;
import org.semanticweb.owlapi.reasoner.InferenceType;
import org.semanticweb.owlapi.reasoner.OWLReasoner;

/**
 * The classified class hierarchy of an ontology as RDF: one {@code rdfs:subClassOf} triple per
 * direct named superclass a reasoner infers (ELK for OWL 2 EL ontologies, HermiT otherwise).
 * Asserted links are among them; adding the result to the asserted RDF makes the inferred hierarchy
 * queryable with plain SPARQL. Unsatisfiable classes contribute nothing.
 */
public final class InferredHierarchy {
  private InferredHierarchy() {}

  /** The direct named subclass links of the classified ontology, owl:Thing excluded. */
  public static List<Triple> of(OWLOntology ontology) {
    boolean el = new OWL2ELProfile().checkOntology(ontology).isInProfile();
    OWLReasoner reasoner =
        el
            ? new ElkReasonerFactory().createReasoner(ontology)
            : new ReasonerFactory().createReasoner(ontology);
    try {
      if (!reasoner.isConsistent()) {
        return List.of();
      }
      reasoner.precomputeInferences(InferenceType.CLASS_HIERARCHY);
      Node sub = RDFS.subClassOf.asNode();
      List<Triple> out = new ArrayList<>();
      ontology
          .classesInSignature(Imports.INCLUDED)
          .filter(c -> !c.isOWLThing() && !c.isOWLNothing())
          .sorted()
          .filter(reasoner::isSatisfiable)
          .forEach(
              c ->
                  reasoner
                      .getSuperClasses(c, true)
                      .entities()
                      .filter(s -> !s.isOWLThing())
                      .sorted()
                      .forEach(s -> out.add(Triple.create(node(c), sub, node(s)))));
      return out;
    } finally {
      reasoner.dispose();
    }
  }

  /** Adds the inferred links missing from {@code rdf}; returns how many were added. */
  public static int addTo(Model rdf, OWLOntology ontology) {
    int added = 0;
    for (Triple t : of(ontology)) {
      if (!rdf.getGraph().contains(t)) {
        rdf.getGraph().add(t);
        added++;
      }
    }
    return added;
  }

  private static Node node(OWLClass c) {
    return NodeFactory.createURI(c.getIRI().toString());
  }
}
