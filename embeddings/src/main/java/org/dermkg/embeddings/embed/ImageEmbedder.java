package org.dermkg.embeddings.embed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.dermkg.embeddings.EmbeddingsException;
import org.dermkg.embeddings.EmbeddingsException.Code;
import org.dermkg.embeddings.image.ImagePreprocessor;
import org.dermkg.embeddings.model.ClipModel;
import org.dermkg.embeddings.vectors.VectorFile;

/**
 * Embeds many images: decoding and preprocessing run on worker threads while the model runs batches
 * on the calling thread; vectors and ids are appended as each batch finishes, so an interrupted job
 * resumes where it stopped (items already in the vector file are skipped). An image that cannot be
 * read or decoded is skipped and listed in {@code NAME.skipped.tsv}; the job goes on.
 */
public final class ImageEmbedder {
  /** One image to embed. */
  public record Item(String id, Path file) {}

  /** What a job did. */
  public record Report(int total, int alreadyDone, int embedded, int skipped, double seconds) {
    public double imagesPerSecond() {
      return seconds > 0 ? embedded / seconds : 0;
    }
  }

  /** Progress: items handled so far (embedded or skipped) of the items to do. */
  public interface Listener {
    void progress(long done, long total);
  }

  private ImageEmbedder() {}

  /**
   * Runs the job.
   *
   * @param base the vector files' base path ({@code base.f32}, {@code base.ids}, {@code
   *     base.skipped.tsv})
   * @param batchSize images per model call
   * @param workers decoding threads
   */
  public static Report run(
      ClipModel model, List<Item> items, Path base, int batchSize, int workers, Listener listener) {
    if (batchSize < 1 || workers < 1) {
      throw new EmbeddingsException(Code.BAD_ARGUMENT, "batch size and workers must be at least 1");
    }
    long t0 = System.nanoTime();
    ImagePreprocessor pre = model.preprocessor();
    Path skippedFile = base.resolveSibling(base.getFileName() + ".skipped.tsv");
    resetSkipped(skippedFile);
    try (VectorFile.Appender out = VectorFile.openForAppend(base, model.config().embedDim())) {
      Set<String> done = new HashSet<>(out.existing());
      List<Item> todo = items.stream().filter(i -> !done.contains(i.id())).toList();
      BlockingQueue<Future<Prepared>> queue = new ArrayBlockingQueue<>(batchSize * 4);
      ExecutorService pool =
          Executors.newFixedThreadPool(workers, r -> daemon(r, "derm-embed-decode"));
      Thread feeder = daemon(() -> feed(pre, todo, queue, pool), "derm-embed-feed");
      feeder.start();
      Counts counts;
      try {
        counts = embed(model, out, todo, queue, batchSize, skippedFile, listener);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new EmbeddingsException(Code.BAD_ARGUMENT, "interrupted", e);
      } catch (java.util.concurrent.ExecutionException e) {
        throw new IllegalStateException("a decoding task failed", e.getCause());
      } finally {
        stop(feeder, pool);
      }
      return new Report(
          items.size(),
          items.size() - todo.size(),
          counts.embedded(),
          counts.skipped(),
          (System.nanoTime() - t0) / 1e9);
    }
  }

  private record Counts(int embedded, int skipped) {}

  /** Deletes the skip list: it lists this run's skips (earlier ones are retried). */
  private static void resetSkipped(Path skippedFile) {
    try {
      Files.deleteIfExists(skippedFile);
    } catch (IOException e) {
      throw new EmbeddingsException(
          Code.VECTORS_INVALID, "cannot reset " + skippedFile + ": " + e.getMessage(), e);
    }
  }

  /** Queues one decoding task per item, in order, blocking while the queue is full. */
  private static void feed(
      ImagePreprocessor pre,
      List<Item> todo,
      BlockingQueue<Future<Prepared>> queue,
      ExecutorService pool) {
    try {
      for (Item it : todo) {
        queue.put(pool.submit(() -> prepare(pre, it)));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Takes the decoded items in order, embedding and appending them a batch at a time. */
  private static Counts embed(
      ClipModel model,
      VectorFile.Appender out,
      List<Item> todo,
      BlockingQueue<Future<Prepared>> queue,
      int batchSize,
      Path skippedFile,
      Listener listener)
      throws InterruptedException, java.util.concurrent.ExecutionException {
    int embedded = 0;
    int skipped = 0;
    List<String> ids = new ArrayList<>(batchSize);
    List<float[]> pixels = new ArrayList<>(batchSize);
    for (int n = 0; n < todo.size(); n++) {
      Prepared p = queue.take().get();
      if (p.error() != null) {
        skipped++;
        skip(skippedFile, p.item(), p.error());
      } else {
        ids.add(p.item().id());
        pixels.add(p.pixels());
      }
      if (pixels.size() == batchSize || (n == todo.size() - 1 && !pixels.isEmpty())) {
        out.append(List.copyOf(ids), model.encodeImages(pixels.toArray(new float[0][])));
        embedded += pixels.size();
        ids.clear();
        pixels.clear();
      }
      listener.progress(n + 1, todo.size());
    }
    return new Counts(embedded, skipped);
  }

  private static void stop(Thread feeder, ExecutorService pool) {
    feeder.interrupt();
    pool.shutdownNow();
    try {
      pool.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private record Prepared(Item item, float[] pixels, String error) {}

  private static Prepared prepare(ImagePreprocessor pre, Item it) {
    try {
      return new Prepared(it, pre.preprocess(it.file()), null);
    } catch (EmbeddingsException e) {
      return new Prepared(it, null, e.getMessage());
    } catch (RuntimeException | OutOfMemoryError e) {
      return new Prepared(it, null, it.file() + ": " + e);
    }
  }

  private static void skip(Path file, Item it, String why) {
    try {
      Files.writeString(
          file,
          it.id() + "\t" + it.file() + "\t" + why.replace('\t', ' ').replace('\n', ' ') + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new EmbeddingsException(
          Code.VECTORS_INVALID, "cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }
}
