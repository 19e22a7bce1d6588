package org.dermkg.graph.load;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.jena.graph.Node;
import org.dermkg.graph.GraphException;
import org.dermkg.graph.GraphException.Code;
import org.dermkg.graph.image.ImageInfo;
import org.dermkg.graph.image.ImageProbe;

/**
 * Reads image headers ahead of the parser on a few I/O threads, so that the parsing thread does not
 * wait on the disk for each new image (at Derm1M scale, 400,000 small reads; with a cold page cache
 * they used to stall the whole load). The images go to the threads in batches of {@value #BATCH}:
 * one task per image woke a parked thread for every file (a futex round trip costing more than the
 * read itself). Results come back to the parsing thread in the order the images were submitted, so
 * counts, samples and quads are the same as with reading in line.
 */
final class ProbeAhead implements AutoCloseable {
  /** Images read ahead at most; the parser waits for the oldest batch beyond this. */
  static final int WINDOW = 1024;

  /** Images per task of an I/O thread. */
  static final int BATCH = 64;

  static final int THREADS = 8;

  /** What the parsing thread does with an image once its header is read. */
  interface Ready {
    void accept(Node img, String filename, ImageInfo info);
  }

  /** One image waiting for its header. */
  private record Item(Node img, String filename, Path file) {}

  /** Images submitted together, and their headers once read (in the same order). */
  private record Batch(List<Item> items, Future<ImageInfo[]> infos) {}

  private final ExecutorService pool;
  private final ArrayDeque<Batch> pending = new ArrayDeque<>();
  private final Ready ready;
  private List<Item> filling = new ArrayList<>(BATCH);

  /**
   * @param probe whether to read headers at all (false: every image is "missing", no threads)
   */
  ProbeAhead(boolean probe, Ready ready) {
    this.ready = ready;
    AtomicInteger n = new AtomicInteger();
    this.pool =
        probe
            ? Executors.newFixedThreadPool(
                THREADS,
                r -> {
                  Thread t = new Thread(r, "derm-image-probe-" + n.incrementAndGet());
                  t.setDaemon(true);
                  return t;
                })
            : null;
  }

  /** Queues an image's header read, then hands on every image at the front that is done. */
  void submit(Node img, String filename, Path file) {
    if (pool == null) {
      ready.accept(img, filename, ImageInfo.missing());
      return;
    }
    filling.add(new Item(img, filename, file));
    if (filling.size() < BATCH) {
      return;
    }
    dispatch();
    // the batches pending and the one filling stay within the window
    while (pending.size() >= WINDOW / BATCH) {
      handOnFront();
    }
    while (!pending.isEmpty() && pending.peek().infos().isDone()) {
      handOnFront();
    }
  }

  /** Hands on every image still pending, waiting for their reads. */
  void finish() {
    if (!filling.isEmpty()) {
      dispatch();
    }
    while (!pending.isEmpty()) {
      handOnFront();
    }
  }

  private void dispatch() {
    List<Item> items = filling;
    Future<ImageInfo[]> infos =
        pool.submit(
            () -> {
              ImageInfo[] out = new ImageInfo[items.size()];
              for (int i = 0; i < out.length; i++) {
                out[i] = ImageProbe.probe(items.get(i).file());
              }
              return out;
            });
    pending.add(new Batch(items, infos));
    filling = new ArrayList<>(BATCH);
  }

  private void handOnFront() {
    Batch b = pending.poll();
    ImageInfo[] infos = get(b.infos());
    for (int i = 0; i < infos.length; i++) {
      Item item = b.items().get(i);
      ready.accept(item.img(), item.filename(), infos[i]);
    }
  }

  private static ImageInfo[] get(Future<ImageInfo[]> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GraphException(Code.LOAD_FAILED, "the load was interrupted");
    } catch (ExecutionException e) {
      // ImageProbe turns every I/O problem into an "unreadable" result; anything else is a bug
      throw new IllegalStateException("reading an image header failed", e.getCause());
    }
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
