package org.dermkg.graph.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dermkg.graph.GraphException;
import org.dermkg.graph.GraphException.Code;

/**
 * The report folder of a load: load-report.json and load-report.txt (rejects.tsv is the parser's).
 */
final class ReportFiles {
  static final String JSON = "load-report.json";
  static final String TEXT = "load-report.txt";

  private ReportFiles() {}

  /**
   * Creates the report folder before anything is loaded ({@link Code#WRITE_FAILED} if it cannot).
   */
  static void prepare(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new GraphException(
          Code.WRITE_FAILED, "cannot create the report folder " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Writes the report's JSON and summary into {@code dir}. */
  static void write(Path dir, LoadReport report) {
    write(dir.resolve(JSON), report.json());
    write(dir.resolve(TEXT), report.summary());
  }

  private static void write(Path p, String text) {
    try {
      Files.writeString(p, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new GraphException(Code.WRITE_FAILED, "cannot write " + p + ": " + e.getMessage(), e);
    }
  }
}
