package org.dermkg.server.http;

import java.nio.file.Path;
import java.util.Optional;
import org.dermkg.zeroshot.model.LazyModel;

/**
 * What the server reads beside the store: the model (loaded on first use; whoever made it closes it
 * after the server), where class weights are cached, the largest upload accepted, and the dataset's
 * image tree (the browser's thumbnails; empty: none served).
 */
public record ModelSettings(
    LazyModel model, Path cacheDir, long maxUploadBytes, Optional<Path> imageRoot) {
  /** The default upload limit: 20 MiB. */
  public static final long MAX_UPLOAD = 20L << 20;

  public ModelSettings {
    if (maxUploadBytes <= 0) {
      throw new IllegalArgumentException("upload limit must be positive");
    }
  }
}
