package org.dermkg.ontology.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dermkg.ontology.OntologyException;
import org.dermkg.ontology.OntologyException.Code;
import org.dermkg.ontology.validate.ValidationReport;

/** Writes the three report files into one directory. */
public final class ReportFiles {
  public static final String MARKDOWN = "validation-report.md";
  public static final String JSON = "validation-report.json";
  public static final String JUNIT = "TEST-derm-validate.xml";

  private ReportFiles() {}

  /** Writes Markdown, JSON and JUnit XML reports; returns their paths. */
  public static List<Path> write(ValidationReport r, Path dir) {
    try {
      Files.createDirectories(dir);
      Path md =
          Files.writeString(
              dir.resolve(MARKDOWN), MarkdownReport.render(r), StandardCharsets.UTF_8);
      Path json =
          Files.writeString(dir.resolve(JSON), JsonReport.render(r), StandardCharsets.UTF_8);
      Path xml =
          Files.writeString(dir.resolve(JUNIT), JUnitReport.render(r), StandardCharsets.UTF_8);
      return List.of(md, json, xml);
    } catch (IOException e) {
      throw new OntologyException(
          Code.WRITE_FAILED, "cannot write reports to " + dir + ": " + e.getMessage(), e);
    }
  }
}
