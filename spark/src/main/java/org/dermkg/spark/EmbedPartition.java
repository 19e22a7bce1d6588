package org.dermkg.spark;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;
import org.dermkg.embeddings.EmbeddingsException;
import org.dermkg.embeddings.image.ImagePreprocessor;
import org.dermkg.embeddings.model.ClipModel;

/**
 * Embeds one partition of {@code binaryFile} rows (path, content) a batch at a time with this JVM's
 * model ({@link ModelHolder}) on the task's device ({@link TaskDevice}): images already in the
 * output are passed over, an image that does not decode becomes a skipped row with its reason, the
 * others are preprocessed and encoded together.
 */
final class EmbedPartition implements MapPartitionsFunction<Row, EmbeddedImage> {
  private static final long serialVersionUID = 1L;

  private final String root;
  private final String modelDir;
  private final boolean gpu;
  private final int batch;
  private final Broadcast<Set<String>> done;
  private final Counters counters;

  /** The job's accumulators: images embedded, skipped, and passed over as already done. */
  record Counters(LongAccumulator embedded, LongAccumulator skipped, LongAccumulator alreadyDone)
      implements java.io.Serializable {}

  EmbedPartition(
      String root,
      String modelDir,
      boolean gpu,
      int batch,
      Broadcast<Set<String>> done,
      Counters counters) {
    this.root = root;
    this.modelDir = modelDir;
    this.gpu = gpu;
    this.batch = batch;
    this.done = done;
    this.counters = counters;
  }

  /** A {@code binaryFile} path relative to the input folder, with '/' separators. */
  static String relative(String root, String path) {
    return path.startsWith(root) ? path.substring(root.length()) : path;
  }

  @Override
  public Iterator<EmbeddedImage> call(Iterator<Row> rows) {
    ClipModel model = ModelHolder.get(modelDir, TaskDevice.current(gpu));
    return new Iterator<>() {
      private final ArrayDeque<EmbeddedImage> ready = new ArrayDeque<>();

      @Override
      public boolean hasNext() {
        while (ready.isEmpty() && rows.hasNext()) {
          ready.addAll(nextBatch(model, rows));
        }
        return !ready.isEmpty();
      }

      @Override
      public EmbeddedImage next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return ready.poll();
      }
    };
  }

  /** Reads up to {@code batch} images still to do and returns their results. */
  private List<EmbeddedImage> nextBatch(ClipModel model, Iterator<Row> rows) {
    String modelId = model.config().modelId();
    ImagePreprocessor pre = model.preprocessor();
    List<EmbeddedImage> out = new ArrayList<>();
    List<String> names = new ArrayList<>(batch);
    List<float[]> pixels = new ArrayList<>(batch);
    while (pixels.size() < batch && rows.hasNext()) {
      Row row = rows.next();
      String name = relative(root, row.getString(0));
      if (done.value().contains(name)) {
        counters.alreadyDone().add(1);
        continue;
      }
      try {
        pixels.add(pre.preprocess(ImagePreprocessor.decode((byte[]) row.get(1), name)));
        names.add(name);
      } catch (EmbeddingsException | OutOfMemoryError e) {
        out.add(EmbeddedImage.skipped(name, modelId, oneLine(e.getMessage())));
        counters.skipped().add(1);
      }
    }
    if (!pixels.isEmpty()) {
      float[][] vectors = model.encodeImages(pixels.toArray(new float[0][]));
      for (int i = 0; i < vectors.length; i++) {
        out.add(EmbeddedImage.embedded(names.get(i), modelId, vectors[i]));
      }
      counters.embedded().add(vectors.length);
    }
    return out;
  }

  private static String oneLine(String s) {
    return String.valueOf(s).replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
  }
}
