package org.dermkg.ontology.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.dermkg.ontology.DermOntology;
import org.dermkg.ontology.Fixtures;
import org.dermkg.ontology.OntologySource;
import org.dermkg.ontology.mapping.LabelSets;
import org.dermkg.ontology.mapping.XrefTargets;
import org.dermkg.ontology.owl.OntologyIO;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.semanticweb.owlapi.apibinding.OWLManager;

/**
 * One planted fault per check (ROBOT's one-fixture-per-rule pattern): fixtures/checks/base.ttl is a
 * tiny clean ontology on which every check passes; {@code <check>.ttl} adds the fault (and {@code
 * <check>.remove.ttl} takes triples away, {@code <check>.sssom.tsv} replaces the label set), and
 * its {@code # expect:} line names what the check must report. A check without a fixture fails
 * here.
 */
class CheckFixturesTest {
  @TempDir Path tmp;

  private static List<Check> allChecks() {
    return ValidationBuild.builder()
        .ontology(emptyOntology())
        .ruleDirs(List.of(OntologySource.shipped().rules()))
        .build()
        .checks();
  }

  private static org.semanticweb.owlapi.model.OWLOntology emptyOntology() {
    try {
      return OWLManager.createOWLOntologyManager().createOntology();
    } catch (org.semanticweb.owlapi.model.OWLOntologyCreationException e) {
      throw new IllegalStateException(e);
    }
  }

  @TestFactory
  Stream<DynamicTest> eachCheckCatchesItsPlantedFault() {
    return allChecks().stream()
        .map(c -> DynamicTest.dynamicTest(c.info().id(), () -> assertCatches(c.info().id())));
  }

  @Test
  void everyCheckPassesOnTheCleanBase() throws IOException {
    ValidationReport r = validateMerged("base", Optional.empty(), Set.of());
    for (CheckResult c : r.results()) {
      assertTrue(c.passed(), () -> c.check().id() + " fails on the clean base: " + c.violations());
    }
    assertFalse(r.failed());
  }

  @Test
  void everyCheckPassesOnTheCleanTinySourceTree() {
    ValidationReport r =
        DermOntology.validate(
            new OntologySource(Fixtures.path("source/tiny")), DermOntology.Options.defaults());
    for (CheckResult c : r.results()) {
      assertTrue(
          c.passed(), () -> c.check().id() + " fails on the tiny source tree: " + c.violations());
    }
  }

  @Test
  void everyFixtureBelongsToACheck() throws IOException {
    Set<String> ids = new HashSet<>();
    allChecks().forEach(c -> ids.add(c.info().id()));
    try (Stream<Path> files = Files.list(Fixtures.path("checks"))) {
      for (Path f : files.toList()) {
        String id =
            f.getFileName()
                .toString()
                .replaceFirst("(\\.remove)?\\.(ttl|sssom\\.tsv|targets\\.tsv)$", "");
        if (!id.equals("base")) {
          assertTrue(ids.contains(id), () -> "fixture " + f.getFileName() + " names no check");
        }
      }
    }
  }

  private void assertCatches(String id) throws IOException {
    Path dir = Fixtures.path("checks");
    Path ttl = dir.resolve(id + ".ttl");
    Path tree = dir.resolve(id);
    ValidationReport report;
    String expect;
    Set<String> others = new HashSet<>();
    allChecks().forEach(c -> others.add(c.info().id()));
    others.remove(id);
    if (Files.isRegularFile(ttl)) {
      expect = expectation(ttl);
      report = validateMerged(id, Optional.of(ttl), others);
    } else if (Files.isDirectory(tree)) {
      expect = expectation(tree.resolve("README"));
      report =
          DermOntology.validate(
              new OntologySource(tree),
              new DermOntology.Options(Severity.ERROR, List.of(), Optional.empty(), others));
    } else {
      fail("check '" + id + "' has no planted-fault fixture (fixtures/checks/" + id + ".ttl)");
      return;
    }
    assertEquals(1, report.results().size());
    CheckResult result = report.results().get(0);
    assertEquals(id, result.check().id());
    assertFalse(result.violations().isEmpty(), () -> id + " missed its planted fault");
    assertTrue(
        result.violations().stream()
            .anyMatch(
                v ->
                    (v.subject() + " " + v.message() + " " + v.explanation()).contains(expect)
                        || v.subject().contains(expect.replace("DERM:", "DERM_"))),
        () -> id + " reported " + result.violations() + " but nothing mentioning '" + expect + "'");
  }

  private static String expectation(Path file) throws IOException {
    return Files.readAllLines(file).stream()
        .filter(l -> l.startsWith("# expect: "))
        .map(l -> l.substring("# expect: ".length()).strip())
        .findFirst()
        .orElseThrow(() -> new AssertionError(file + " has no '# expect:' line"));
  }

  /** Base + fixture − removals, written to a file and loaded like a user's ontology. */
  private ValidationReport validateMerged(String id, Optional<Path> fixture, Set<String> skip)
      throws IOException {
    Path dir = Fixtures.path("checks");
    Model m = RDFDataMgr.loadModel(dir.resolve("base.ttl").toString());
    if (fixture.isPresent()) {
      m.add(RDFDataMgr.loadModel(fixture.get().toString()));
    }
    Path remove = dir.resolve(id + ".remove.ttl");
    if (Files.isRegularFile(remove)) {
      m.remove(RDFDataMgr.loadModel(remove.toString()));
    }
    Path merged = tmp.resolve(id + ".ttl");
    try (OutputStream out = Files.newOutputStream(merged)) {
      RDFDataMgr.write(out, m, Lang.TURTLE);
    }
    Path sssom = dir.resolve(id + ".sssom.tsv");
    Path mappings = Files.isRegularFile(sssom) ? sssom : dir.resolve("base.sssom.tsv");
    OntologyIO.Loaded loaded = OntologyIO.load(OWLManager.createOWLOntologyManager(), merged);
    return ValidationBuild.builder()
        .ontology(loaded.ontology())
        .missingImports(loaded.missingImports())
        .labelSets(List.of(LabelSets.read(mappings)))
        .xrefTargets(XrefTargets.read(dir.resolve("base.targets.tsv")))
        .ruleDirs(List.of(OntologySource.shipped().rules()))
        .skip(skip)
        .build()
        .run();
  }
}
