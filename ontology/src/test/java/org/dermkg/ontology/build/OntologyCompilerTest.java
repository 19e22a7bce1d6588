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
    // the xrefs column, the exact matches of the curated mapping sets (xrefs/*.sssom.tsv) and
    // the exact cross-references derived through them (xrefs/target-xrefs.tsv)
    assertEquals(
        Set.of("UMLS:C0033860", "MONDO:0005083", "ICD10CM:L40.0"),
        Set.copyOf(g.values(iri("DERM:0001003"), Obo.DB_XREF)));
    String skos = "http://www.w3.org/2004/02/skos/core#";
    assertEquals(
        Set.of(
            "http://purl.obolibrary.org/obo/MONDO_0005083",
            "http://purl.bioontology.org/ontology/ICD10CM/L40.0",
            "http://linkedlifedata.com/resource/umls/id/C0033860"),
        Set.copyOf(g.values(iri("DERM:0001003"), skos + "exactMatch")));
    assertEquals(
        Set.of(
            "http://purl.obolibrary.org/obo/MONDO_0005073",
            "http://purl.bioontology.org/ontology/ICD10CM/D22.9"),
        Set.copyOf(g.values(iri("DERM:0001005"), skos + "closeMatch")));
    // a derived cross-reference names the class it came through
    assertTrue(
        c.ontology()
            .annotationAssertionAxioms(iri("DERM:0001003"))
            .filter(a -> a.getValue().toString().contains("ICD10CM/L40.0"))
            .flatMap(a -> a.annotations())
            .anyMatch(a -> a.getValue().asLiteral().get().getLiteral().equals("MONDO:0005083")),
        "oboInOwl:source on the derived match");
    assertTrue(g.values(iri("DERM:0001005"), Obo.DB_XREF).isEmpty(), "a close match is no xref");
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
  void aMappingOfAnObsoleteOrUnknownClassIsRefusedNamingTheRow() throws Exception {
    Path tree = tmp.resolve("tree");
    copy(Fixtures.path("source/tiny"), tree);
    Path sssom = tree.resolve("xrefs/derm-mondo.sssom.tsv");
    java.nio.file.Files.writeString(
        sssom,
        java.nio.file.Files.readString(sssom)
            .replace("DERM:0001005\tNevus", "DERM:0001006\tobsolete Moles"));
    org.dermkg.ontology.OntologyException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            org.dermkg.ontology.OntologyException.class,
            () -> OntologyCompiler.compile(new OntologySource(tree)));
    assertEquals("ONT-MAPPING-FORMAT", e.code().id());
    assertTrue(e.getMessage().contains("derm-mondo.sssom.tsv:10"), e.getMessage());
    assertTrue(e.getMessage().contains("is obsolete"), e.getMessage());
  }

  private static void copy(Path from, Path to) throws java.io.IOException {
    try (var s = java.nio.file.Files.walk(from)) {
      for (Path p : s.toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (java.nio.file.Files.isDirectory(p)) {
          java.nio.file.Files.createDirectories(t);
        } else {
          java.nio.file.Files.copy(p, t);
        }
      }
    }
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
