package org.dermkg.ontology.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dermkg.ontology.DermOntology;
import org.dermkg.ontology.OntologyException;
import org.dermkg.ontology.OntologySource;
import org.dermkg.ontology.build.OntologyCompiler;
import org.dermkg.ontology.owl.OntologyIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code derm validate --ontology FILE}: the same build on a user's ontology or extension. */
class ValidateFileTest {
  @TempDir Path dir;

  private static final String PREFIXES =
      """
      @prefix owl: <http://www.w3.org/2002/07/owl#> .
      @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
      @prefix dcterms: <http://purl.org/dc/terms/> .
      @prefix obo: <http://purl.obolibrary.org/obo/> .
      @prefix DERM: <https://w3id.org/dermkg/DERM_> .
      """;

  private static final String HEADER =
      """
      <https://example.org/ext.owl> a owl:Ontology ;
          owl:imports <https://w3id.org/dermkg/derm.owl> ;
          owl:versionIRI <https://example.org/ext/1/ext.owl> ;
          dcterms:title "Extension" ; dcterms:description "Adds a subtype." ;
          dcterms:license <https://creativecommons.org/licenses/by/4.0/> .
      """;

  @Test
  void theShippedOntologyWrittenToAFilePassesToo() {
    OntologyIO.write(DermOntology.compileShipped().ontology(), dir, "derm");
    ValidationReport r =
        DermOntology.validateFile(dir.resolve("derm.owl"), DermOntology.Options.defaults());
    assertFalse(
        r.failed(), () -> r.results().stream().filter(c -> !c.passed()).toList().toString());
  }

  @Test
  void anExtensionImportingDermIsCheckedAgainstIt() throws IOException {
    Path ext =
        Files.writeString(
            dir.resolve("ext.ttl"),
            PREFIXES
                + HEADER
                + """
        DERM:0001998 a owl:Class ; rdfs:subClassOf DERM:0001145 ; DERM:0000011 4 ;
            rdfs:label "Erythrodermic psoriasis" ;
            obo:IAO_0000115 "A psoriasis involving most of the body surface." .
        """);
    ValidationReport ok = DermOntology.validateFile(ext, DermOntology.Options.defaults());
    assertFalse(
        ok.failed(), () -> ok.results().stream().filter(c -> !c.passed()).toList().toString());
    assertTrue(Integer.parseInt(ok.facts().get("disease classes")) > 380, "DERM was imported");

    // the same extension, but its new class is also put under 'Basal cell carcinoma'
    Path bad =
        Files.writeString(
            dir.resolve("bad.ttl"),
            PREFIXES
                + HEADER
                + """
        DERM:0001998 a owl:Class ; rdfs:subClassOf DERM:0001145 , DERM:0001291 ; DERM:0000011 4 ;
            rdfs:label "Erythrodermic psoriasis" ;
            obo:IAO_0000115 "A psoriasis involving most of the body surface." .
        """);
    ValidationReport r = DermOntology.validateFile(bad, DermOntology.Options.defaults());
    assertTrue(r.failed());
    assertTrue(failing(r).contains("multiple_parents"), failing(r)::toString);
  }

  @Test
  void aDiseaseMadeMalignantAndBenignIsUnsatisfiableWithAnExplanation() throws IOException {
    Path bad =
        Files.writeString(
            dir.resolve("both.ttl"),
            PREFIXES
                + HEADER
                + """
        DERM:0001997 a owl:Class ; rdfs:subClassOf DERM:0001262 ; DERM:0000011 4 ;
            rdfs:label "Malignant keratosis" ; obo:IAO_0000115 "A contradiction." ;
            owl:equivalentClass [ a owl:Class ; owl:intersectionOf ( DERM:0001262 DERM:0001291 ) ] .
        """);
    ValidationReport r = DermOntology.validateFile(bad, DermOntology.Options.defaults());
    CheckResult unsat =
        r.results().stream()
            .filter(c -> c.check().id().equals("unsatisfiable_class"))
            .findFirst()
            .orElseThrow();
    assertEquals(1, unsat.violations().size(), unsat.violations()::toString);
    Violation v = unsat.violations().get(0);
    assertTrue(v.subject().endsWith("DERM_0001997"), v::toString);
    String why = String.join("\n", v.explanation());
    assertTrue(why.contains("'Benign proliferative skin lesion' [DERM:0001222]"), why);
    assertTrue(why.contains("DisjointWith") || why.contains("DisjointClasses"), why);
    assertTrue(why.contains("'Malignant keratosis' [DERM:0001997]"), why);
    assertTrue(
        v.explanation().size() <= 8, "a justification is minimal, not the whole module: " + why);
  }

  @Test
  void unresolvableImportsAreReportedNotFetched() throws IOException {
    Path f =
        Files.writeString(
            dir.resolve("imp.ttl"),
            PREFIXES
                + """
        <https://example.org/x.owl> a owl:Ontology ; owl:imports <http://example.invalid/none.owl> ;
            owl:versionIRI <https://example.org/x/1> ; dcterms:title "x" ; dcterms:description "x" ;
            dcterms:license <https://creativecommons.org/licenses/by/4.0/> .
        """);
    ValidationReport r = DermOntology.validateFile(f, DermOntology.Options.defaults());
    // the profile check also objects to the unloaded import; nothing else is reported
    assertEquals(List.of("missing_import", "owl2_dl_profile"), failing(r));
  }

  @Test
  void unparseableAndMissingFilesAreInputErrors() throws IOException {
    Path f =
        Files.writeString(
            dir.resolve("broken.ttl"), PREFIXES + "DERM:1 a owl:Class ; rdfs:label \"x ");
    OntologyException e =
        assertThrows(
            OntologyException.class,
            () -> DermOntology.validateFile(f, DermOntology.Options.defaults()));
    assertEquals(OntologyException.Code.ONTOLOGY_PARSE, e.code());
    assertTrue(e.getMessage().contains("broken.ttl"));
    OntologyException m =
        assertThrows(
            OntologyException.class,
            () ->
                DermOntology.validateFile(
                    dir.resolve("none.owl"), DermOntology.Options.defaults()));
    assertEquals(OntologyException.Code.SOURCE_MISSING, m.code());
  }

  @Test
  void sourceTreeWithoutRulesUsesTheShippedRules() {
    OntologySource tiny = new OntologySource(org.dermkg.ontology.Fixtures.path("source/tiny"));
    assertFalse(Files.isDirectory(tiny.rules()));
    ValidationReport r = DermOntology.validate(tiny, DermOntology.Options.defaults());
    assertTrue(r.results().stream().anyMatch(c -> c.check().id().equals("missing_definition")));
    assertEquals(0, OntologyCompiler.compile(tiny).notes().size());
  }

  private static List<String> failing(ValidationReport r) {
    return r.results().stream()
        .filter(c -> !c.passed() && c.check().severity() == Severity.ERROR)
        .map(c -> c.check().id())
        .toList();
  }
}
