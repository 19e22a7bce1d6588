package org.dermkg.ontology.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.dermkg.ontology.DermOntology;
import org.dermkg.ontology.Fixtures;
import org.dermkg.ontology.OntologySource;
import org.dermkg.ontology.validate.Severity;
import org.dermkg.ontology.validate.ValidationReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The three report formats say the same thing, about a source tree with one planted warning. */
class ReportsTest {
  static ValidationReport report;

  @BeforeAll
  static void validate() {
    report =
        DermOntology.validate(
            new OntologySource(Fixtures.path("checks/reference_label_mismatch")),
            new DermOntology.Options(Severity.WARN, List.of(), Optional.empty(), Set.of()));
  }

  @Test
  void failOnWarnFailsOnAWarning() {
    assertTrue(report.failed());
    assertEquals(1, report.exitCode());
    assertEquals(1, report.count(Severity.WARN));
    assertEquals(0, report.count(Severity.ERROR));
  }

  @Test
  void json() throws Exception {
    JsonNode j = new ObjectMapper().readTree(JsonReport.render(report));
    assertEquals(false, j.get("passed").asBoolean());
    assertEquals(1, j.get("counts").get("WARN").asInt());
    assertEquals(report.results().size(), j.get("checks").size());
    JsonNode failing = null;
    for (JsonNode c : j.get("checks")) {
      if (!c.get("passed").asBoolean()) {
        failing = c;
      }
    }
    assertEquals("reference_label_mismatch", failing.get("id").asText());
    assertTrue(failing.get("violations").get(0).get("message").asText().contains("findings.tsv:4"));
  }

  @Test
  void junitXmlHasOneTestCasePerCheck() throws Exception {
    Document doc =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(
                new ByteArrayInputStream(
                    JUnitReport.render(report).getBytes(StandardCharsets.UTF_8)));
    Element suite = doc.getDocumentElement();
    assertEquals("testsuite", suite.getTagName());
    NodeList cases = suite.getElementsByTagName("testcase");
    assertEquals(report.results().size(), cases.getLength());
    assertEquals("1", suite.getAttribute("failures"));
    NodeList failures = suite.getElementsByTagName("failure");
    assertEquals(1, failures.getLength());
    Element parent = (Element) failures.item(0).getParentNode();
    assertEquals("reference_label_mismatch", parent.getAttribute("name"));
    assertTrue(failures.item(0).getTextContent().contains("Psoriasis plaque type"));
  }

  @Test
  void markdownLeadsWithTheVerdictAndListsTheViolation() {
    String md = MarkdownReport.render(report);
    assertTrue(md.startsWith("# Validation report\n\n**FAILED** (fail on WARN)"));
    assertTrue(md.contains("### WARN `reference_label_mismatch`"));
    assertTrue(
        md.contains("| `missing_definition` Every term has a definition | ERROR | rule | pass |"));
  }

  @Test
  void filesAreWritten(@TempDir Path dir) {
    List<Path> files = ReportFiles.write(report, dir);
    assertEquals(
        List.of(ReportFiles.MARKDOWN, ReportFiles.JSON, ReportFiles.JUNIT),
        files.stream().map(p -> p.getFileName().toString()).toList());
  }
}
