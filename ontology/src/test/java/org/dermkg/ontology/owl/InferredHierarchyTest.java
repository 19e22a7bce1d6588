package org.dermkg.ontology.owl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.vocabulary.RDFS;
import org.junit.jupiter.api.Test;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.model.IRI;
import org.semanticweb.owlapi.model.OWLClass;
import org.semanticweb.owlapi.model.OWLDataFactory;
import org.semanticweb.owlapi.model.OWLObjectProperty;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyCreationException;
import org.semanticweb.owlapi.model.OWLOntologyManager;

class InferredHierarchyTest {
  private static final String NS = "https://example.org/t#";

  /**
   * Naevus ≡ Lesion ⊓ ∃shows.Pigment; Freckle ⊑ Lesion, Freckle ⊑ ∃shows.Pigment. The reasoner puts
   * Freckle under Naevus, which no axiom states.
   */
  private static OWLOntology definedClassFixture() throws OWLOntologyCreationException {
    OWLOntologyManager m = OWLManager.createOWLOntologyManager();
    OWLDataFactory f = m.getOWLDataFactory();
    OWLOntology o = m.createOntology(IRI.create(NS));
    OWLClass lesion = f.getOWLClass(IRI.create(NS + "Lesion"));
    OWLClass naevus = f.getOWLClass(IRI.create(NS + "Naevus"));
    OWLClass freckle = f.getOWLClass(IRI.create(NS + "Freckle"));
    OWLClass pigment = f.getOWLClass(IRI.create(NS + "Pigment"));
    OWLObjectProperty shows = f.getOWLObjectProperty(IRI.create(NS + "shows"));
    m.addAxiom(
        o,
        f.getOWLEquivalentClassesAxiom(
            naevus,
            f.getOWLObjectIntersectionOf(lesion, f.getOWLObjectSomeValuesFrom(shows, pigment))));
    m.addAxiom(o, f.getOWLSubClassOfAxiom(freckle, lesion));
    m.addAxiom(o, f.getOWLSubClassOfAxiom(freckle, f.getOWLObjectSomeValuesFrom(shows, pigment)));
    return o;
  }

  private static Triple sub(String a, String b) {
    return Triple.create(
        NodeFactory.createURI(NS + a), RDFS.subClassOf.asNode(), NodeFactory.createURI(NS + b));
  }

  @Test
  void reasonerAddsTheSubclassLinkNoAxiomStates() throws Exception {
    OWLOntology o = definedClassFixture();
    List<Triple> inferred = InferredHierarchy.of(o);
    assertTrue(inferred.contains(sub("Freckle", "Naevus")), inferred::toString);
    assertTrue(inferred.contains(sub("Naevus", "Lesion")), inferred::toString);
    // direct links only: Freckle ⊑ Lesion holds but goes through Naevus
    assertFalse(inferred.contains(sub("Freckle", "Lesion")), inferred::toString);

    Model rdf = OntologyIO.toJena(o);
    assertFalse(rdf.getGraph().contains(sub("Freckle", "Naevus")));
    int added = InferredHierarchy.addTo(rdf, o);
    assertTrue(rdf.getGraph().contains(sub("Freckle", "Naevus")));
    // Naevus ⊑ Lesion is only implied by the equivalence, so it is added too
    assertEquals(2, added);
    assertEquals(0, InferredHierarchy.addTo(rdf, o), "adding again changes nothing");
  }
}
