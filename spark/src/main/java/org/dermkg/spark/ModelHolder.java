package org.dermkg.spark;

import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import org.dermkg.embeddings.model.ClipModel;

/**
 * The models of this JVM, loaded on first use and kept for the JVM's life: every task of an
 * executor (and, in local mode, the driver) shares one {@link ClipModel} per model directory and
 * device (ClipModel is thread-safe); an executor whose tasks get different GPUs holds one per GPU.
 * Closed by a shutdown hook.
 */
final class ModelHolder {
  private static final Map<String, ClipModel> MODELS = new ConcurrentHashMap<>();
  private static final Map<String, Integer> LOADS = new ConcurrentHashMap<>();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> MODELS.values().forEach(ClipModel::close), "derm-spark-models"));
  }

  private ModelHolder() {}

  /**
   * The model of a directory on a device ({@link TaskDevice}), loading it the first time.
   *
   * @param device a CUDA device number, or empty for the CPU
   * @throws org.dermkg.embeddings.EmbeddingsException as {@link ClipModel#load} does (and again on
   *     the next call: a failed load is not kept)
   */
  static ClipModel get(String dir, OptionalInt device) {
    String key = Path.of(dir).toAbsolutePath().normalize() + "#" + TaskDevice.key(device);
    return MODELS.computeIfAbsent(
        key,
        k -> {
          LOADS.merge(k, 1, Integer::sum);
          return ClipModel.load(Path.of(dir), device);
        });
  }

  /** How many times this JVM loaded a model (tests: one per JVM and directory). */
  static int loads() {
    return LOADS.values().stream().mapToInt(Integer::intValue).sum();
  }
}
