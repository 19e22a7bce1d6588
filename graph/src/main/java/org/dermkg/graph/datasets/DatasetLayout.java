package org.dermkg.graph.datasets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A published dataset layout: where its metadata file is, which columns it must have, and how one
 * of its rows becomes images. {@link #read} reads a dataset folder.
 */
public abstract class DatasetLayout {
  /** A row the layout refuses, with the reason. */
  static final class RowProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RowProblem(String reason) {
      super(reason, null, false, false);
    }
  }

  /** The dataset's description (its node in the graph). */
  public abstract DatasetInfo info();

  /** Metadata file names this layout is found by, relative to the dataset folder. */
  abstract List<String> metadataFiles();

  abstract Set<String> required();

  /** The images one row describes (Derm7pt: two). */
  abstract List<DatasetImage> images(MetadataTable.Row row, ImageFiles files);

  /** The layout's metadata file in {@code dir}, if there. */
  public Optional<Path> metadata(Path dir) {
    return metadataFiles().stream().map(dir::resolve).filter(Files::isRegularFile).findFirst();
  }

  /** Reads a dataset folder of this layout. */
  public DatasetRead read(Path dir) {
    Path file =
        metadata(dir)
            .orElseThrow(
                () ->
                    new org.dermkg.graph.GraphException(
                        org.dermkg.graph.GraphException.Code.INPUT_MISSING,
                        dir
                            + " has no "
                            + info().name()
                            + " metadata file (looked for "
                            + metadataFiles()
                            + ")"));
    ImageFiles files = ImageFiles.of(dir);
    List<DatasetImage> images = new ArrayList<>();
    List<DatasetRead.Reject> rejects = new ArrayList<>();
    MetadataTable.read(
        file,
        required(),
        row -> {
          try {
            images.addAll(images(row, files));
          } catch (RowProblem p) {
            rejects.add(new DatasetRead.Reject(row.line(), p.getMessage(), row.raw()));
          }
        },
        rejects::add);
    return new DatasetRead(info(), file, images, rejects);
  }

  /** The known values of {@code columns}, by column, in that order. */
  static java.util.Map<String, String> kept(MetadataTable.Row r, List<String> columns) {
    java.util.Map<String, String> kept = new java.util.LinkedHashMap<>();
    for (String c : columns) {
      r.known(c).ifPresent(v -> kept.put(c, v));
    }
    return kept;
  }

  /** "male"/"female" from the ways datasets write them; empty otherwise. */
  static Optional<String> sex(Optional<String> v) {
    return v.map(s -> s.toLowerCase(java.util.Locale.ROOT))
        .flatMap(
            s ->
                s.equals("male") || s.equals("m")
                    ? Optional.of("male")
                    : s.equals("female") || s.equals("f")
                        ? Optional.of("female")
                        : Optional.empty());
  }

  /** A Fitzpatrick type 1–6, else empty. */
  static java.util.OptionalInt fitzpatrick(java.util.OptionalInt v) {
    return v.isPresent() && v.getAsInt() >= 1 && v.getAsInt() <= 6
        ? v
        : java.util.OptionalInt.empty();
  }
}
