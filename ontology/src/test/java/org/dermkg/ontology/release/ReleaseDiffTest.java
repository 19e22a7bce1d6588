package org.dermkg.ontology.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dermkg.ontology.Fixtures;
import org.dermkg.ontology.OntologyException;
import org.dermkg.ontology.OntologySource;
import org.dermkg.ontology.build.OntologyCompiler;
import org.dermkg.ontology.owl.OntologyIO;
import org.dermkg.ontology.vocab.Derm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semanticweb.owlapi.model.IRI;
import org.semanticweb.owlapi.model.OWLClass;
import org.semanticweb.owlapi.model.OWLDataFactory;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyManager;

/** derm diff OLD NEW: each kind of change lands in its section, and nothing else does. */
class ReleaseDiffTest {
  @TempDir Path tmp;

  private static OWLOntology tiny() {
    return OntologyCompiler.compile(new OntologySource(Fixtures.path("source/tiny"))).ontology();
  }

  private static IRI iri(String curie) {
    return IRI.create(Derm.curieToIri(curie));
  }

  @Test
  void everyKindOfChangeIsReportedInItsSection() {
    OWLOntology a = tiny();
    OWLOntology b = tiny();
    OWLOntologyManager m = b.getOWLOntologyManager();
    OWLDataFactory df = m.getOWLDataFactory();
    OWLClass psoriasis = df.getOWLClass(iri("DERM:0001003"));
    String skos = "http://www.w3.org/2004/02/skos/core#";
    IRI mondo = IRI.create("http://purl.obolibrary.org/obo/MONDO_0005083");
    // relabel, move, change a mapping
    b.annotationAssertionAxioms(psoriasis.getIRI())
        .filter(
            x ->
                x.getProperty().isLabel()
                    || x.getProperty().getIRI().toString().equals(skos + "exactMatch")
                        && x.getValue().equals(mondo))
        .toList()
        .forEach(x -> b.removeAxiom(x));
    m.addAxiom(
        b,
        df.getOWLAnnotationAssertionAxiom(
            psoriasis.getIRI(), df.getRDFSLabel(df.getOWLLiteral("Plaque psoriasis"))));
    m.addAxiom(
        b,
        df.getOWLAnnotationAssertionAxiom(
            df.getOWLAnnotationProperty(IRI.create(skos + "closeMatch")),
            psoriasis.getIRI(),
            mondo));
    // (its parent link and its typical-finding restriction go; the parent link comes back moved)
    b.subClassAxiomsForSubClass(psoriasis).toList().forEach(x -> b.removeAxiom(x));
    m.addAxiom(b, df.getOWLSubClassOfAxiom(psoriasis, df.getOWLClass(iri("DERM:0001001"))));
    // add a class, obsolete one
    OWLClass added = df.getOWLClass(iri("DERM:0001099"));
    m.addAxiom(b, df.getOWLDeclarationAxiom(added));
    m.addAxiom(b, df.getOWLSubClassOfAxiom(added, df.getOWLClass(iri("DERM:0001002"))));
    m.addAxiom(
        b,
        df.getOWLAnnotationAssertionAxiom(
            added.getIRI(), df.getRDFSLabel(df.getOWLLiteral("Lichen planus"))));
    m.addAxiom(b, df.getDeprecatedOWLAnnotationAssertionAxiom(iri("DERM:0001005")));

    String md = ReleaseDiff.of(a, b, "old.owl", "new.owl");
    assertTrue(md.startsWith("# Release diff: old.owl → new.owl"), md);
    assertTrue(
        md.contains(
            "## Classes added (1)\n\n- 'Lichen planus' (DERM:0001099) under"
                + " 'Non-infectious inflammatory skin disease' (DERM:0001002)"),
        md);
    assertTrue(md.contains("## Classes removed (0)\n\nNone."), md);
    assertTrue(md.contains("## Classes made obsolete (1)\n\n- 'Nevus' (DERM:0001005)"), md);
    assertTrue(md.contains("- DERM:0001003: 'Psoriasis' → 'Plaque psoriasis'"), md);
    assertTrue(
        md.contains(
            "## Parents moved (1)\n\n- 'Plaque psoriasis' (DERM:0001003): − 'Non-infectious"
                + " inflammatory skin disease' (DERM:0001002) + 'Inflammatory skin disease'"
                + " (DERM:0001001)"),
        md);
    assertTrue(
        md.contains(
            "(DERM:0001003): − skos:exactMatch MONDO:0005083 + skos:closeMatch MONDO:0005083"),
        md);
    assertTrue(md.contains("| SubClassOf | 2 | 2 |"), md);
    assertTrue(md.contains("## Synonyms changed (0)"), md);
  }

  @Test
  void identicalReleasesDifferInNothingAndFilesOfAnySyntaxCompare() throws Exception {
    OWLOntology a = tiny();
    Path dir = Files.createDirectories(tmp.resolve("rel"));
    Release.write(new OntologySource(Fixtures.path("source/tiny")), dir);
    String md = ReleaseDiff.of(dir.resolve("derm.owl"), dir.resolve("derm.ttl"));
    assertTrue(md.contains("| **all** | 0 | 0 |"), md);
    assertEquals(8, md.split("\nNone\\.\n", -1).length - 1, md);
    assertTrue(OntologyIO.write(a, tmp, "a").size() == 2);
    OntologyException e =
        assertThrows(
            OntologyException.class,
            () -> ReleaseDiff.of(dir.resolve("derm.owl"), tmp.resolve("missing.owl")));
    assertTrue(e.getMessage().contains("missing.owl"), e.getMessage());
  }
}
