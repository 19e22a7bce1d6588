package org.dermkg.graph.datasets;

import java.nio.file.Path;
import java.util.List;

/**
 * A dataset as read: its description, its images, and the rows refused (with line and reason).
 *
 * @param metadata the metadata file read
 */
public record DatasetRead(
    DatasetInfo info, Path metadata, List<DatasetImage> images, List<Reject> rejects) {
  public DatasetRead {
    images = List.copyOf(images);
    rejects = List.copyOf(rejects);
  }

  /** A refused row. */
  public record Reject(long line, String reason, String raw) {}
}
