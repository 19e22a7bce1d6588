package org.dermkg.zeroshot.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.dermkg.embeddings.EmbeddingsException;
import org.dermkg.embeddings.model.ClipModel;

/**
 * The model of one directory, loaded on first use, so that text search and classification in one
 * process share it (a ViT-B/16 is 600 MB). One owner makes it, hands it to its users and closes it
 * when they are done (the serve command, a CLI command, a test); after {@link #close()} it loads
 * nothing more. Thread-safe.
 */
public final class LazyModel implements Supplier<ClipModel>, AutoCloseable {
  private final Path dir;
  private ClipModel model;
  private boolean closed;

  /** A holder of the model in {@code dir}; nothing is read until {@link #get()}. */
  public LazyModel(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
  }

  /** The model directory. */
  public Path dir() {
    return dir;
  }

  /** Whether the directory holds an exported model. */
  public boolean present() {
    return Files.isRegularFile(dir.resolve("config.json"));
  }

  /**
   * The model, loaded on the first call.
   *
   * @throws EmbeddingsException {@code MODEL_MISSING} when the directory holds no model
   * @throws IllegalStateException after {@link #close()}
   */
  @Override
  public synchronized ClipModel get() {
    if (closed) {
      throw new IllegalStateException("the model of " + dir + " is closed");
    }
    if (model == null) {
      if (!present()) {
        throw new EmbeddingsException(
            EmbeddingsException.Code.MODEL_MISSING,
            "no model at " + dir + " (export one: README, DermLIP models)");
      }
      model = ClipModel.load(dir, false);
    }
    return model;
  }

  /** Closes the model if it was loaded; idempotent. */
  @Override
  public synchronized void close() {
    closed = true;
    if (model != null) {
      model.close();
      model = null;
    }
  }
}
