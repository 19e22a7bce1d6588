package org.dermkg.server.cli;

import java.nio.file.Path;
import java.util.Locale;
import org.dermkg.embeddings.index.HnswIndex;
import org.dermkg.server.config.DermConfig;
import org.dermkg.server.config.DermConfig.Key;
import picocli.CommandLine.Option;

/**
 * Which exported model a command uses and where that model's vector files and cached class weights
 * live ({@code <embeddings>/<slug>}), shared by embed, similar, classify, evaluate and serve (which
 * takes the configured defaults).
 */
final class ModelOptions {
  @Option(
      names = "--model",
      paramLabel = "DIR",
      description = "Exported model directory (DERM_MODEL).")
  String model;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Vector files folder, one sub-folder per model (DERM_EMBEDDINGS).")
  String out;

  @Option(
      names = "--slug",
      paramLabel = "NAME",
      description = "Model name in paths and IRIs (default: the model directory's name).")
  String slug;

  /** The model directory. */
  Path modelDir(DermConfig config) {
    return config.path(Key.MODEL, model);
  }

  /** The model's name in paths and IRIs. */
  String slug(DermConfig config) {
    return slug != null ? slug : slugOf(modelDir(config));
  }

  /** The model's folder of vector files and cached class weights. */
  Path dir(DermConfig config) {
    return config.path(Key.EMBEDDINGS, out).resolve(slug(config));
  }

  /** The image vectors' base path ({@code images.f32}, {@code images.ids}). */
  Path images(DermConfig config) {
    return dir(config).resolve("images");
  }

  /** How the HNSW index of the image vectors is built (index.threads, index.int8). */
  static HnswIndex.Params indexParams(DermConfig config) {
    HnswIndex.Params d = HnswIndex.Params.defaults();
    long threads = config.number(Key.INDEX_THREADS, null);
    if (threads < 0) {
      throw new IllegalArgumentException("configuration key index.threads must be >= 0");
    }
    return new HnswIndex.Params(
        d.m(),
        d.beamWidth(),
        d.ef(),
        threads == 0 ? d.threads() : (int) threads,
        config.flag(Key.INDEX_INT8, null));
  }

  /** [a-z0-9-] of a path's last name, at most 63 characters. */
  static String slugOf(Path path) {
    String n = path.toAbsolutePath().normalize().getFileName().toString().toLowerCase(Locale.ROOT);
    String s = n.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    return s.isEmpty() ? "model" : s.length() > 63 ? s.substring(0, 63) : s;
  }
}
