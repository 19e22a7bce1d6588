package org.dermkg.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dermkg.graph.FixtureDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The derm verbs of issue #2 with their exit codes, run in-process. */
class CliTest {
  @TempDir Path tmp;

  record Run(int exit, String out, String err) {}

  static Run derm(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = DermCommand.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int exit = cl.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  /**
   * A copy of the committed fixture dataset ({@link FixtureDataset}) in {@code tmp/demo}, loaded
   * (without the SHACL check) into {@code tmp/store} through the CLI; returns the store.
   */
  static Path demoStore(Path tmp) {
    Path data = FixtureDataset.copyTo(tmp.resolve("demo"));
    Path store = tmp.resolve("store");
    Run load =
        derm(
            "load",
            "--data",
            data.toString(),
            "--store",
            store.toString(),
            "--no-validate",
            "--report",
            tmp.resolve("r").toString());
    assertEquals(0, load.exit(), load.out() + load.err());
    return store;
  }

  @Test
  void validateTheShippedOntologyPassesAndWritesThreeReports() {
    Run r = derm("validate", "--out", tmp.toString());
    assertEquals(0, r.exit(), r.out() + r.err());
    assertTrue(r.out().startsWith("PASSED: 0 errors, 0 warnings, 0 infos"), r.out());
    for (String f :
        new String[] {"validation-report.md", "validation-report.json", "TEST-derm-validate.xml"}) {
      assertTrue(Files.isRegularFile(tmp.resolve(f)), f);
    }
  }

  @Test
  void validateAnUnsatisfiableExtensionFailsWithTheWhy() throws IOException {
    Path ext =
        Files.writeString(
            tmp.resolve("ext.ttl"),
            """
        @prefix owl: <http://www.w3.org/2002/07/owl#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        @prefix DERM: <https://w3id.org/dermkg/DERM_> .
        <https://example.org/ext.owl> a owl:Ontology ; owl:imports <https://w3id.org/dermkg/derm.owl> .
        DERM:0001997 a owl:Class ; rdfs:subClassOf DERM:0001262 ; rdfs:label "Malignant keratosis" ;
            owl:equivalentClass [ a owl:Class ; owl:intersectionOf ( DERM:0001262 DERM:0001291 ) ] .
        """);
    Run r = derm("validate", "--ontology", ext.toString(), "--out", tmp.resolve("rep").toString());
    assertEquals(1, r.exit(), r.out() + r.err());
    assertTrue(r.out().startsWith("FAILED"), r.out());
    assertTrue(r.out().contains("ERROR unsatisfiable_class (1)"), r.out());
    assertTrue(
        r.out()
            .contains(
                "'Benign proliferative skin lesion' [DERM:0001222] DisjointWith 'Malignant skin neoplasm' [DERM:0001308]"),
        r.out());
  }

  @Test
  void validateAnExtensionWithASubclassCycleFailsNamingTheCycle() throws IOException {
    // Inflammatory skin disease made a subclass of its own descendant
    Path ext =
        Files.writeString(
            tmp.resolve("cycle.ttl"),
            """
        @prefix owl: <http://www.w3.org/2002/07/owl#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        @prefix DERM: <https://w3id.org/dermkg/DERM_> .
        <https://example.org/cycle.owl> a owl:Ontology ; owl:imports <https://w3id.org/dermkg/derm.owl> .
        DERM:0001001 rdfs:subClassOf DERM:0001003 .
        """);
    Run r = derm("validate", "--ontology", ext.toString(), "--out", tmp.resolve("rep").toString());
    assertEquals(1, r.exit(), r.out() + r.err());
    assertTrue(r.out().startsWith("FAILED"), r.out());
    assertTrue(r.out().contains("ERROR hierarchy_cycle"), r.out());
    assertTrue(r.out().contains("subclass cycle: "), r.out());
    assertTrue(r.out().contains("DERM:0001001") && r.out().contains("DERM:0001003"), r.out());
  }

  @Test
  void failOnThresholdAndBadInputExitCodes() throws IOException {
    assertEquals(2, derm("validate", "--fail-on", "sometimes").exit());
    Run missing = derm("validate", "--ontology", tmp.resolve("nope.owl").toString());
    assertEquals(2, missing.exit());
    assertTrue(missing.err().contains("ONT-SOURCE-MISSING"), missing.err());
    Path broken = Files.writeString(tmp.resolve("broken.owl"), "<rdf:RDF");
    Run parse = derm("validate", "--ontology", broken.toString(), "--out", tmp.toString());
    assertEquals(2, parse.exit());
    assertTrue(
        parse.err().contains("ONT-PARSE") && parse.err().contains("broken.owl"), parse.err());
    assertEquals(2, derm("validate", "--skip", "no_such_check").exit());
  }

  @Test
  void resolvePrintsIdLabelAndMatchType() {
    Run r =
        derm("resolve", "Naevus comedonicus", "superficial spreading melanoma ssm", "xanthomas");
    assertEquals(0, r.exit(), r.err());
    String[] lines = r.out().strip().split("\n");
    assertEquals(3, lines.length);
    assertTrue(
        lines[0].startsWith("Naevus comedonicus\tDERM:0001229\tNevus comedonicus\tsynonym\t"),
        lines[0]);
    assertTrue(lines[1].contains("\tSuperficial spreading melanoma\tderm1m-name\t"), lines[1]);
    assertTrue(lines[2].contains("\tXanthoma\tnormalised\t"), lines[2]);
  }

  @Test
  void resolveExitCodesForNoMatchAndAmbiguity() {
    Run none = derm("resolve", "psoriasis", "certainly not a disease");
    assertEquals(1, none.exit());
    assertTrue(none.err().contains("no match: certainly not a disease"));
    Run amb = derm("resolve", "melanocytic");
    assertEquals(3, amb.exit());
    assertEquals(2, amb.out().strip().split("\n").length);
    assertEquals(2, derm("resolve", "--kind", "organ", "skin").exit());
  }

  @Test
  void resolveJsonAndKinds() throws IOException {
    Run r = derm("resolve", "--json", "--kind", "concept", "scaly");
    assertEquals(0, r.exit());
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertEquals("Scale", j.get(0).get("label").asText());
    assertEquals("concept", j.get(0).get("kind").asText());
    assertEquals("synonym", j.get(0).get("match").asText());
  }

  @Test
  void buildWritesTheReleaseAndDiffComparesTwo() throws IOException {
    Run r = derm("build", "--out", tmp.toString());
    assertEquals(0, r.exit(), r.err());
    for (String f :
        List.of(
            "derm.owl",
            "derm.ttl",
            "derm.obo",
            "derm.json",
            "derm-base.owl",
            "mappings/derm-mondo.sssom.tsv",
            "mappings/derm-doid.sssom.tsv",
            "mappings/derm-xrefs.sssom.tsv")) {
      assertTrue(Files.isRegularFile(tmp.resolve(f)), f);
    }
    // the release against itself in another syntax: nothing changed
    Run d = derm("diff", tmp.resolve("derm.owl").toString(), tmp.resolve("derm.ttl").toString());
    assertEquals(0, d.exit(), d.err());
    assertTrue(d.out().contains("| **all** | 0 | 0 |"), d.out());
    assertTrue(d.out().contains("## Classes added (0)"), d.out());
    Run bad = derm("diff", tmp.resolve("derm.owl").toString(), tmp.resolve("nope.owl").toString());
    assertEquals(2, bad.exit(), bad.err());
    assertTrue(bad.err().contains("nope.owl"), bad.err());
  }

  @Test
  void loadDatasetWritesABenchmarkDatasetBesideTheOthers() throws IOException {
    Path ham = Files.createDirectories(tmp.resolve("ham"));
    Files.writeString(
        ham.resolve("HAM10000_metadata.csv"),
        "lesion_id,image_id,dx,dx_type,age,sex,localization\n"
            + "HAM_1,ISIC_1,mel,histo,60.0,male,back\n"
            + "HAM_1,ISIC_2,mel,histo,60.0,male,back\n"
            + "HAM_2,ISIC_3,zz,histo,60.0,male,back\n");
    Path store = tmp.resolve("ds-store");
    Path reports = tmp.resolve("ds-reports");
    Run r =
        derm(
            "load",
            "--dataset",
            "auto",
            "--data",
            ham.toString(),
            "--store",
            store.toString(),
            "--report",
            reports.toString());
    assertEquals(0, r.exit(), r.out() + r.err());
    assertTrue(r.out().contains("HAM10000: 2 images"), r.out());
    assertTrue(r.out().contains("DERM:0001242=2"), r.out());
    assertTrue(r.out().contains("SHACL: conforms"), r.out());
    assertTrue(Files.readString(reports.resolve("dataset-HAM10000-rejects.tsv")).contains("\t4\t"));
    JsonNode j = new ObjectMapper().readTree(reports.resolve("dataset-HAM10000.json").toFile());
    assertEquals(2, j.get("images").asInt());
    Run bad =
        derm(
            "load", "--dataset", "ISIC2020", "--data", ham.toString(), "--store", store.toString());
    assertEquals(2, bad.exit());
    assertTrue(bad.err().contains("known layouts are"), bad.err());
  }

  @Test
  void mappingsPrintsTheCoverageTables() {
    Run r = derm("mappings");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("| ICD10CM | "), r.out());
    assertTrue(r.out().contains("| mapped | "), r.out());
  }
}
