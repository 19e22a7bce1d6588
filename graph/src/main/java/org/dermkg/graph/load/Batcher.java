package org.dermkg.graph.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.Quad;
import org.dermkg.graph.GraphException;
import org.dermkg.graph.GraphException.Code;

/**
 * Collects quads into batches for the writing thread, dropping repeats of the current image's quads
 * (an image's rows usually come together and repeat its labels; the store would ignore a repeat
 * anyway, but writing it costs as much as writing a new quad).
 */
final class Batcher implements Consumer<Quad> {
  private final BlockingQueue<List<Quad>> queue;
  private final LoadStats stats;
  private List<Quad> batch = new ArrayList<>(ParseStage.BATCH);
  private final java.util.Set<Quad> current = new java.util.HashSet<>();
  private Node currentImage;

  Batcher(BlockingQueue<List<Quad>> queue, LoadStats stats) {
    this.queue = queue;
    this.stats = stats;
  }

  /** The quads that follow belong to this image. */
  void image(Node img) {
    if (!img.equals(currentImage)) {
      currentImage = img;
      current.clear();
    }
  }

  @Override
  public void accept(Quad q) {
    if (q.getSubject().equals(currentImage) && !current.add(q)) {
      stats.duplicates++;
      return;
    }
    batch.add(q);
    stats.quads.incrementAndGet();
    if (batch.size() >= ParseStage.BATCH) {
      flush();
    }
  }

  void flush() {
    put(queue, batch);
    batch = new ArrayList<>(ParseStage.BATCH);
  }

  static void put(BlockingQueue<List<Quad>> queue, List<Quad> batch) {
    try {
      queue.put(batch);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GraphException(Code.LOAD_FAILED, "the load was interrupted");
    }
  }
}
