package org.dermkg.server.http;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The files the server reads beside the store: the model directory (loaded on first use), where
 * class weights are cached, the largest upload accepted, and the dataset's image tree (the
 * browser's thumbnails; empty: none served).
 */
public record ModelSettings(
    Path modelDir, Path cacheDir, long maxUploadBytes, Optional<Path> imageRoot) {
  /** The default upload limit: 20 MiB. */
  public static final long MAX_UPLOAD = 20L << 20;

  public ModelSettings {
    if (maxUploadBytes <= 0) {
      throw new IllegalArgumentException("upload limit must be positive");
    }
  }
}
