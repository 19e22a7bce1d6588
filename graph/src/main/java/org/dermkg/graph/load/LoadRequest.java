package org.dermkg.graph.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dermkg.graph.GraphException;
import org.dermkg.graph.GraphException.Code;
import org.dermkg.graph.store.DiskGuard;

/**
 * What to load: a dataset folder in the Derm1M release layout (CSV files and the image tree their
 * file names point into), where to write the report and rejects, and whether to check the images.
 *
 * @param dataset the folder holding the CSVs and the image tree
 * @param csvFiles Derm1M_v2_pretrain.csv and/or Derm1M_v2_validation.csv
 * @param conceptCsv concept.csv, if present
 * @param reportDir where load-report.json, load-report.txt and rejects.tsv go
 * @param probeImages read each image file's header (format, width, height); false marks every image
 *     "missing" without touching the disk
 * @param validate run the SHACL shapes on the image data after the load
 * @param minFreeBytes free space to keep on the store's disk: a load refuses to start with less,
 *     and stops (committing nothing) when the free space falls below it
 */
public record LoadRequest(
    Path dataset,
    List<Path> csvFiles,
    Optional<Path> conceptCsv,
    Path reportDir,
    boolean probeImages,
    boolean validate,
    long minFreeBytes) {

  public static final String PRETRAIN = "Derm1M_v2_pretrain.csv";
  public static final String VALIDATION = "Derm1M_v2_validation.csv";
  public static final String CONCEPTS = "concept.csv";

  public LoadRequest {
    csvFiles = List.copyOf(csvFiles);
  }

  /** Finds the release files in {@code dataset}; at least one main CSV must be there. */
  public static LoadRequest of(Path dataset, Path reportDir) {
    if (!Files.isDirectory(dataset)) {
      throw new GraphException(Code.INPUT_MISSING, "no dataset folder " + dataset);
    }
    List<Path> files = new ArrayList<>();
    for (String name : List.of(PRETRAIN, VALIDATION)) {
      if (Files.isRegularFile(dataset.resolve(name))) {
        files.add(dataset.resolve(name));
      }
    }
    if (files.isEmpty()) {
      throw new GraphException(
          Code.INPUT_MISSING, "no " + PRETRAIN + " or " + VALIDATION + " in " + dataset);
    }
    Path concepts = dataset.resolve(CONCEPTS);
    return new LoadRequest(
        dataset,
        files,
        Files.isRegularFile(concepts) ? Optional.of(concepts) : Optional.empty(),
        reportDir,
        true,
        true,
        DiskGuard.DEFAULT_MIN_FREE);
  }

  public LoadRequest withValidation(boolean v) {
    return new LoadRequest(dataset, csvFiles, conceptCsv, reportDir, probeImages, v, minFreeBytes);
  }

  public LoadRequest withImageProbing(boolean p) {
    return new LoadRequest(dataset, csvFiles, conceptCsv, reportDir, p, validate, minFreeBytes);
  }

  /** The free space to keep on the store's disk (bytes). */
  public LoadRequest withMinFreeBytes(long bytes) {
    if (bytes < 0) {
      throw new GraphException(Code.BAD_ARGUMENT, "the free-space reserve must be >= 0: " + bytes);
    }
    return new LoadRequest(dataset, csvFiles, conceptCsv, reportDir, probeImages, validate, bytes);
  }

  /** "pretrain", "validation" or "concept", from a file's name. */
  static String split(Path file) {
    String n = file.getFileName().toString();
    if (n.equals(CONCEPTS)) {
      return "concept";
    }
    return n.toLowerCase(java.util.Locale.ROOT).contains("validation") ? "validation" : "pretrain";
  }
}
