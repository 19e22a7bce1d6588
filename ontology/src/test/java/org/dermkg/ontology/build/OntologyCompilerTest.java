package org.dermkg.ontology.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.dermkg.ontology.Fixtures;
import org.dermkg.ontology.OntologySource;
import org.dermkg.ontology.owl.ClassGraph;
import org.dermkg.ontology.owl.OntologyIO;
import org.dermkg.ontology.vocab.Derm;
import org.dermkg.ontology.vocab.Obo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.model.AxiomType;
import org.semanticweb.owlapi.model.IRI;
import org.semanticweb.owlapi.model.OWLOntology;

class OntologyCompilerTest {
  @TempDir Path tmp;

  private static IRI iri(String curie) {
    return IRI.create(Derm.curieToIri(curie));
  }

  @Test
  void tablesBecomeAxiomsAndAnnotations() {
    CompiledOntology c = OntologyCompiler.compile(new OntologySource(Fixtures.path("source/tiny")));
    ClassGraph g = ClassGraph.of(c.ontology());
    assertEquals(List.of(iri("DERM:0001002")), g.parents(iri("DERM:0001003")));
    assertEquals(List.of("3"), g.values(iri("DERM:0001003"), Derm.LEVEL));
    assertEquals(List.of("0"), g.values(iri("DERM:0001000"), Derm.LEVEL));
    assertEquals(
        Set.of("Psoriasis vulgaris", "PSO"),
        Set.copyOf(g.values(iri("DERM:0001003"), Obo.RELATED_SYNONYM)));
    assertEquals(List.of("UMLS:C0033860"), g.values(iri("DERM:0001003"), Obo.DB_XREF));
    assertEquals(
        Set.of("Melanocytic nevus, Nevus", "Moles"),
        Set.copyOf(g.values(iri("DERM:0001005"), Derm.DERM1M_NAME)));
    assertTrue(g.isDeprecated(iri("DERM:0001006")));
    assertTrue(g.parents(iri("DERM:0001006")).isEmpty());
    // the abbreviation carries its OMO synonym type as an axiom annotation
    assertTrue(
        c.ontology()
            .axioms(AxiomType.ANNOTATION_ASSERTION)
            .anyMatch(
                a ->
                    a.getValue().asLiteral().map(l -> l.getLiteral().equals("PSO")).orElse(false)
                        && a.annotations()
                            .anyMatch(x -> x.getValue().toString().contains("OMO_0003000"))));
    // finding restrictions: psoriasis has a typical finding made of two concepts at one site
    long restrictions =
        c.ontology()
            .axioms(AxiomType.SUBCLASS_OF)
            .filter(a -> !a.getSuperClass().isNamed())
            .count();
    assertEquals(5 + 6 + 1, restrictions);
    assertTrue(c.notes().isEmpty(), c.notes().toString());
  }

  @Test
  void staleReferenceLabelsBecomeNotes() {
    CompiledOntology c =
        OntologyCompiler.compile(
            new OntologySource(Fixtures.path("checks/reference_label_mismatch")));
    assertEquals(1, c.notes().size());
    assertTrue(c.notes().get(0).where().startsWith("findings.tsv:4"));
    assertTrue(c.notes().get(0).message().contains("'Psoriasis plaque type'"));
  }

  @Test
  void writtenFilesReloadToTheSameAxioms() throws Exception {
    OWLOntology o =
        OntologyCompiler.compile(new OntologySource(Fixtures.path("source/tiny"))).ontology();
    List<Path> files = OntologyIO.write(o, tmp, "derm");
    for (Path f : files) {
      assertTrue(Files.size(f) > 1000, f.toString());
      OWLOntology back = OntologyIO.load(OWLManager.createOWLOntologyManager(), f).ontology();
      assertEquals(o.getLogicalAxiomCount(), back.getLogicalAxiomCount(), f.toString());
      assertEquals(
          o.getAxiomCount(AxiomType.ANNOTATION_ASSERTION),
          back.getAxiomCount(AxiomType.ANNOTATION_ASSERTION));
    }
  }
}
