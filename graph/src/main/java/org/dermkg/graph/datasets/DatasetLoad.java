package org.dermkg.graph.datasets;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.dermkg.graph.GraphException;
import org.dermkg.graph.GraphException.Code;
import org.dermkg.graph.shacl.DataValidator;
import org.dermkg.graph.store.DermStore;
import org.dermkg.ontology.OntologySnapshot;
import org.dermkg.ontology.OntologySource;

/**
 * {@code derm load --dataset}: a benchmark dataset in its published layout (named, found from the
 * folder, or described by a mapping file) read, its labels resolved, written into the store beside
 * the others, its graph checked with the SHACL shapes, and a report written per dataset ({@code
 * dataset-NAME.json}, and {@code dataset-NAME-rejects.tsv} when rows were refused).
 */
public final class DatasetLoad {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * The outcome.
   *
   * @param validation the SHACL result, when checked
   */
  public record Report(
      DatasetImport.Summary summary,
      Optional<DataValidator.Result> validation,
      Path reportFile,
      Optional<Path> rejectsFile,
      double seconds) {
    public boolean hasViolations() {
      return validation.map(v -> !v.conforms()).orElse(false);
    }

    /** A few lines for the terminal. */
    public String text() {
      DatasetImport.Summary s = summary;
      StringBuilder b = new StringBuilder();
      b.append(s.dataset())
          .append(": ")
          .append(s.images())
          .append(" images into ")
          .append(s.graph());
      b.append(String.format(java.util.Locale.ROOT, " (%.1f s)%n", seconds));
      b.append("  rows refused: ").append(s.rejected()).append('\n');
      b.append("  by class: ").append(s.byClass()).append('\n');
      b.append("  by Fitzpatrick type: ").append(s.bySkinType()).append('\n');
      if (!s.unresolved().isEmpty()) {
        b.append("  unresolved labels: ").append(s.unresolved()).append('\n');
      }
      validation.ifPresent(
          v ->
              b.append("  SHACL: ")
                  .append(v.conforms() ? "conforms" : v.violations() + " violations")
                  .append('\n'));
      return b.toString();
    }
  }

  private DatasetLoad() {}

  /** Runs the whole load. */
  public static Report run(
      DermStore store,
      OntologySnapshot snapshot,
      Path data,
      Optional<String> name,
      Optional<Path> mapping,
      Path reportDir,
      boolean validate) {
    long t0 = System.nanoTime();
    if (!Files.isDirectory(data)) {
      throw new GraphException(Code.INPUT_MISSING, "no dataset folder " + data);
    }
    DatasetLayout layout =
        mapping.isPresent() || name.filter(n -> !n.equalsIgnoreCase("auto")).isPresent()
            ? DatasetLayouts.of(name.orElse(null), mapping)
            : DatasetLayouts.detect(data);
    DatasetRead read = layout.read(data);
    DatasetLabels labels = new DatasetLabels(snapshot, OntologySource.shipped().mappings());
    DatasetImport.Summary s = new DatasetImport(snapshot).write(store, read, labels.resolve(read));
    Optional<DataValidator.Result> v =
        validate
            ? Optional.of(DataValidator.validate(store, snapshot, DatasetImport.graph(s.dataset())))
            : Optional.empty();
    double seconds = (System.nanoTime() - t0) / 1e9;
    return write(reportDir, read, s, v, seconds);
  }

  /**
   * {@code derm load --dataset SkinCon}: SkinCon's concept annotations applied to the
   * Fitzpatrick17k and DDI images already in the store; a few lines for the terminal.
   */
  public static String skinCon(DermStore store, OntologySnapshot snapshot, Path data) {
    StringBuilder b = new StringBuilder();
    for (SkinCon.Summary s : SkinCon.apply(store, snapshot, data)) {
      b.append("SkinCon on ").append(s.target()).append(": ").append(s.annotations());
      b.append(" concepts on ").append(s.images()).append(" images into ").append(s.graph());
      b.append("\n  rows for no loaded image: ").append(s.unmatched());
      b.append("; rows marked 'do not consider' or malformed: ").append(s.skipped()).append('\n');
      if (!s.unresolved().isEmpty()) {
        b.append("  concept columns that resolved to no concept: ")
            .append(s.unresolved())
            .append('\n');
      }
    }
    return b.toString();
  }

  private static Report write(
      Path dir,
      DatasetRead read,
      DatasetImport.Summary s,
      Optional<DataValidator.Result> v,
      double seconds) {
    String stem = "dataset-" + s.dataset().replaceAll("[^A-Za-z0-9._-]", "_");
    Path json = dir.resolve(stem + ".json");
    Path rejects = dir.resolve(stem + "-rejects.tsv");
    try {
      Files.createDirectories(dir);
      Files.writeString(
          json, JSON.writeValueAsString(json(read, s, v, seconds)), StandardCharsets.UTF_8);
      Files.deleteIfExists(rejects);
      if (!read.rejects().isEmpty()) {
        Files.writeString(rejects, rejectsTsv(read), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new GraphException(
          Code.WRITE_FAILED, "cannot write the report to " + dir + ": " + e.getMessage(), e);
    }
    return new Report(
        s, v, json, read.rejects().isEmpty() ? Optional.empty() : Optional.of(rejects), seconds);
  }

  private static Map<String, Object> json(
      DatasetRead read, DatasetImport.Summary s, Optional<DataValidator.Result> v, double seconds) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("dataset", s.dataset());
    m.put("metadata", read.metadata().toString());
    m.put("graph", s.graph());
    m.put("images", s.images());
    m.put("rowsRejected", s.rejected());
    m.put("quads", s.quads());
    m.put("byClass", s.byClass());
    m.put("unresolvedLabels", s.unresolved());
    m.put("byFitzpatrickType", s.bySkinType());
    v.ifPresent(x -> m.put("validation", x.summary()));
    m.put("seconds", seconds);
    return m;
  }

  private static String rejectsTsv(DatasetRead read) {
    StringBuilder b = new StringBuilder("file\tline\treason\traw\n");
    for (DatasetRead.Reject r : read.rejects()) {
      b.append(read.metadata().getFileName()).append('\t').append(r.line()).append('\t');
      b.append(esc(r.reason())).append('\t').append(esc(r.raw())).append('\n');
    }
    return b.toString();
  }

  private static String esc(String s) {
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
  }
}
