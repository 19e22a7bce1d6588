package org.dermkg.server.http;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dermkg.zeroshot.model.LazyModel;

/**
 * What the server reads beside the store: the models (each loaded on first use; whoever made them
 * closes them after the server) with where their class weights are cached, the largest upload
 * accepted, Derm1M's image tree (the browser's thumbnails; empty: none served) and the benchmark
 * datasets' folders by dataset name (their images in the browser; none by default). The first model
 * is the default; the others are asked for by slug ({@code ?model=} on /api/similar and
 * /api/classify, a string argument of {@code dkg:similarTo}).
 */
public record ModelSettings(
    List<Served> models,
    long maxUploadBytes,
    Optional<Path> imageRoot,
    Map<String, Path> datasetImageRoots) {
  /** The default upload limit: 20 MiB. */
  public static final long MAX_UPLOAD = 20L << 20;

  /** A served model: its slug, the model, its class-weight cache. */
  public record Served(String slug, LazyModel model, Path cacheDir) {}

  public ModelSettings {
    if (maxUploadBytes <= 0) {
      throw new IllegalArgumentException("upload limit must be positive");
    }
    if (models.isEmpty()) {
      throw new IllegalArgumentException("at least the default model (which may be absent)");
    }
    models = List.copyOf(models);
    datasetImageRoots = Map.copyOf(datasetImageRoots);
  }

  /** No benchmark dataset's images served. */
  public ModelSettings(List<Served> models, long maxUploadBytes, Optional<Path> imageRoot) {
    this(models, maxUploadBytes, imageRoot, Map.of());
  }

  /** These settings, serving the benchmark datasets' folders by dataset name. */
  public ModelSettings withDatasetImages(Map<String, Path> roots) {
    return new ModelSettings(models, maxUploadBytes, imageRoot, roots);
  }

  /** One model, the default, named "default". */
  public ModelSettings(
      LazyModel model, Path cacheDir, long maxUploadBytes, Optional<Path> imageRoot) {
    this(List.of(new Served("default", model, cacheDir)), maxUploadBytes, imageRoot);
  }

  /** The default model. */
  public LazyModel model() {
    return models.get(0).model();
  }

  /** The default model's class-weight cache. */
  public Path cacheDir() {
    return models.get(0).cacheDir();
  }

  /** The models by slug, the default first. */
  public Map<String, Served> bySlug() {
    Map<String, Served> m = new LinkedHashMap<>();
    models.forEach(s -> m.putIfAbsent(s.slug(), s));
    return m;
  }

  /**
   * The model a request names, or the default.
   *
   * @throws HttpException 400 naming the served models when the name is unknown
   */
  Served pick(Optional<String> slug) {
    if (slug.isEmpty() || slug.get().isBlank()) {
      return models.get(0);
    }
    return models.stream()
        .filter(s -> s.slug().equals(slug.get()))
        .findFirst()
        .orElseThrow(
            () ->
                Call.bad(
                    "unknown model '"
                        + slug.get()
                        + "'; this server has "
                        + models.stream().map(Served::slug).toList()));
  }
}
