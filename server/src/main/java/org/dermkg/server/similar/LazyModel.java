package org.dermkg.server.similar;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.dermkg.embeddings.model.ClipModel;

/**
 * One model per directory, loaded on first use and shared by text search and classification (a
 * ViT-B/16 is 600 MB). {@link #get} throws UnsupportedOperationException when the directory has no
 * model.
 */
public final class LazyModel implements Supplier<ClipModel> {
  private static final Map<Path, LazyModel> SHARED = new ConcurrentHashMap<>();

  private final Path dir;
  private ClipModel model;

  private LazyModel(Path dir) {
    this.dir = dir;
  }

  /** The shared holder of a model directory. */
  public static LazyModel of(Path dir) {
    return SHARED.computeIfAbsent(dir.toAbsolutePath().normalize(), LazyModel::new);
  }

  /** Whether the directory holds an exported model. */
  public boolean present() {
    return Files.isRegularFile(dir.resolve("config.json"));
  }

  @Override
  public synchronized ClipModel get() {
    if (model == null) {
      if (!present()) {
        throw new UnsupportedOperationException(
            "no model at " + dir + " (export one: README, DermLIP models)");
      }
      model = ClipModel.load(dir, false);
    }
    return model;
  }

  /** Closes the model if it was loaded (it loads again on next use). */
  public synchronized void close() {
    if (model != null) {
      model.close();
      model = null;
    }
  }
}
