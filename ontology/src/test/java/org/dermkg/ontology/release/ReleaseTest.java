package org.dermkg.ontology.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.dermkg.ontology.Fixtures;
import org.dermkg.ontology.OntologySource;
import org.dermkg.ontology.mapping.XrefSets;
import org.geneontology.obographs.core.io.OgJsonReader;
import org.geneontology.obographs.core.model.Graph;
import org.geneontology.obographs.core.model.GraphDocument;
import org.geneontology.obographs.core.model.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.obolibrary.oboformat.model.Clause;
import org.obolibrary.oboformat.model.Frame;
import org.obolibrary.oboformat.model.OBODoc;
import org.obolibrary.oboformat.parser.OBOFormatParser;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.model.OWLOntology;

/**
 * Every release artefact loads the way OBO tools load it: the OWL files and the base file with the
 * OWL API (what ROBOT and Protégé use), derm.obo with the OBO 1.4 parser ROBOT uses and converted
 * back to OWL, derm.json with the OBO Graphs reader, the SSSOM sets with the strict reader.
 */
class ReleaseTest {
  @TempDir Path tmp;

  private static OWLOntology load(Path f) {
    return org.dermkg.ontology.owl.OntologyIO.load(OWLManager.createOWLOntologyManager(), f)
        .ontology();
  }

  private static long dermClasses(OWLOntology o) {
    return o.classesInSignature()
        .filter(c -> c.getIRI().toString().startsWith("https://w3id.org/dermkg/DERM_"))
        .count();
  }

  /**
   * DERM classes of an ontology read from derm.obo: the OWL API's OBO parser (ROBOT's) ignores the
   * header's idspace, so DERM:0001003 comes back as an OBO PURL (obo:DERM_0001003).
   */
  private static long oboDermClasses(OWLOntology o) {
    return o.classesInSignature()
        .filter(c -> c.getIRI().toString().startsWith("http://purl.obolibrary.org/obo/DERM_"))
        .count();
  }

  @Test
  void theTinyReleaseHasEveryArtefactAndEachLoads() throws Exception {
    List<Path> files = Release.write(new OntologySource(Fixtures.path("source/tiny")), tmp);
    Set<String> names =
        files.stream().map(p -> tmp.relativize(p).toString()).collect(Collectors.toSet());
    assertEquals(
        Set.of(
            "derm.owl",
            "derm.ttl",
            "derm.obo",
            "derm.json",
            "derm-base.owl",
            "mappings/derm-mondo.sssom.tsv",
            "mappings/derm-xrefs.sssom.tsv"),
        names);
    OWLOntology owl = load(tmp.resolve("derm.owl"));
    // OBO 1.4: the parser, the frame, the xref with its provenance qualifier
    OBODoc doc = new OBOFormatParser().parse(tmp.resolve("derm.obo").toFile());
    Frame psoriasis = doc.getTermFrame("DERM:0001003");
    assertEquals("Psoriasis", psoriasis.getTagValue("name"));
    Clause icd =
        psoriasis.getClauses("xref").stream()
            .filter(c -> c.getValue().toString().equals("ICD10CM:L40.0"))
            .findFirst()
            .orElseThrow(() -> new AssertionError(psoriasis.getClauses("xref")));
    assertTrue(
        icd.getQualifierValues().stream()
            .anyMatch(
                q -> q.getQualifier().equals("source") && q.getValue().equals("MONDO:0005083")),
        icd.toString());
    OWLOntology fromObo = load(tmp.resolve("derm.obo"));
    assertEquals(dermClasses(owl), oboDermClasses(fromObo));
    assertEquals(
        "DERM https://w3id.org/dermkg/DERM_",
        doc.getHeaderFrame().getClause("idspace").getValues().stream()
            .limit(2)
            .map(Object::toString)
            .collect(Collectors.joining(" ")));
    // OBO Graphs JSON
    GraphDocument gd = OgJsonReader.readFile(tmp.resolve("derm.json").toFile());
    Graph g = gd.getGraphs().get(0);
    assertEquals("https://w3id.org/dermkg/derm.owl", g.getId());
    Node p =
        g.getNodes().stream()
            .filter(n -> n.getId().equals("https://w3id.org/dermkg/DERM_0001003"))
            .findFirst()
            .orElseThrow();
    assertEquals("Psoriasis", p.getLabel());
    assertTrue(
        p.getMeta().getXrefs().stream().anyMatch(x -> x.getVal().equals("ICD10CM:L40.0")),
        p.getMeta().toString());
    assertTrue(
        g.getEdges().stream()
            .anyMatch(
                e ->
                    e.getSub().endsWith("DERM_0001003")
                        && e.getPred().equals("is_a")
                        && e.getObj().endsWith("DERM_0001002")));
    assertEquals(
        dermClasses(owl),
        g.getNodes().stream().filter(n -> n.getId().contains("/DERM_")).count()
            - owl.objectPropertiesInSignature()
                .filter(x -> x.getIRI().toString().contains("/DERM_"))
                .count()
            - owl.annotationPropertiesInSignature()
                .filter(x -> x.getIRI().toString().contains("/DERM_"))
                .count()
            - owl.dataPropertiesInSignature()
                .filter(x -> x.getIRI().toString().contains("/DERM_"))
                .count());
    // base: the ontology's own axioms, none about another vocabulary's entities
    OWLOntology base = load(tmp.resolve("derm-base.owl"));
    assertEquals(dermClasses(owl), dermClasses(base));
    assertTrue(
        base.axioms(org.semanticweb.owlapi.model.AxiomType.ANNOTATION_ASSERTION)
            .allMatch(a -> a.getSubject().toString().contains("w3id.org/dermkg/")),
        "only annotations of the ontology's own entities");
    assertTrue(
        owl.axioms(org.semanticweb.owlapi.model.AxiomType.ANNOTATION_ASSERTION)
            .anyMatch(a -> !a.getSubject().toString().contains("w3id.org/dermkg/")),
        "the full file has some (else the base test proves nothing)");
    assertEquals(
        "https://w3id.org/dermkg/derm-base.owl",
        base.getOntologyID().getOntologyIRI().orElseThrow().toString());
    XrefSets.XrefSet derived = XrefSets.read(tmp.resolve("mappings/derm-xrefs.sssom.tsv"));
    assertTrue(
        derived.rows().stream()
            .anyMatch(
                r -> r.subjectId().equals("DERM:0001003") && r.objectId().equals("ICD10CM:L40.0")),
        derived.rows().toString());
  }

  @Test
  void theShippedReleaseLoadsInTheOboParserWithEveryClass() throws Exception {
    Release.write(OntologySource.shipped(), tmp);
    OWLOntology owl = load(tmp.resolve("derm.owl"));
    OWLOntology obo = load(tmp.resolve("derm.obo"));
    assertTrue(dermClasses(owl) > 800, "classes: " + dermClasses(owl));
    assertEquals(dermClasses(owl), oboDermClasses(obo));
    assertEquals(
        owl.getAxiomCount(org.semanticweb.owlapi.model.AxiomType.SUBCLASS_OF),
        obo.getAxiomCount(org.semanticweb.owlapi.model.AxiomType.SUBCLASS_OF));
    OBODoc doc = new OBOFormatParser().parse(tmp.resolve("derm.obo").toFile());
    assertTrue(
        doc.getTermFrame("DERM:0001242").getClauses("xref").stream()
            .anyMatch(c -> c.getValue().toString().equals("ICD10CM:C43")));
    GraphDocument gd = OgJsonReader.readFile(tmp.resolve("derm.json").toFile());
    assertTrue(gd.getGraphs().get(0).getNodes().size() > 800);
    assertTrue(Files.size(tmp.resolve("mappings/derm-xrefs.sssom.tsv")) > 10_000);
    assertEquals(3, Files.list(tmp.resolve("mappings")).count());
  }
}
