package org.dermkg.graph.load;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
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
 * they used to stall the whole load). Results come back to the parsing thread in the order the
 * images were submitted, so counts, samples and quads are the same as with reading in line.
 */
final class ProbeAhead implements AutoCloseable {
  /** Images read ahead at most; the parser waits for the oldest beyond this. */
  static final int WINDOW = 1024;

  static final int THREADS = 8;

  /** What the parsing thread does with an image once its header is read. */
  interface Ready {
    void accept(Node img, String filename, ImageInfo info);
  }

  private record Pending(Node img, String filename, Future<ImageInfo> info) {}

  private final ExecutorService pool;
  private final ArrayDeque<Pending> pending = new ArrayDeque<>();
  private final Ready ready;

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
    Future<ImageInfo> info =
        pool == null
            ? CompletableFuture.completedFuture(ImageInfo.missing())
            : pool.submit(() -> ImageProbe.probe(file));
    pending.add(new Pending(img, filename, info));
    while (pending.size() > WINDOW) {
      handOnFront();
    }
    while (!pending.isEmpty() && pending.peek().info().isDone()) {
      handOnFront();
    }
  }

  /** Hands on every image still pending, waiting for their reads. */
  void finish() {
    while (!pending.isEmpty()) {
      handOnFront();
    }
  }

  private void handOnFront() {
    Pending p = pending.poll();
    ready.accept(p.img(), p.filename(), get(p.info()));
  }

  private static ImageInfo get(Future<ImageInfo> f) {
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
