package org.dermkg.server.http;

import java.nio.file.Path;

/**
 * What the classification API needs: the model directory (loaded on first use), where class weights
 * are cached, and the largest upload accepted.
 */
public record ModelSettings(Path modelDir, Path cacheDir, long maxUploadBytes) {
  /** The default upload limit: 20 MiB. */
  public static final long MAX_UPLOAD = 20L << 20;

  public ModelSettings {
    if (maxUploadBytes <= 0) {
      throw new IllegalArgumentException("upload limit must be positive");
    }
  }
}
