package org.dermkg.embeddings.index;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import org.dermkg.embeddings.EmbeddingsException;
import org.dermkg.embeddings.EmbeddingsException.Code;
import org.dermkg.embeddings.embed.TextEmbedder;

/**
 * Brute-force search: every vector scored, in parallel chunks. Exact, so it is the reference the
 * HNSW index's recall is measured against, and the right choice for small or heavily filtered sets.
 */
public final class ExactIndex implements VectorIndex {
  private final int dim;
  private final float[] data;
  private final int size;

  /** An index over {@code data} ({@code size * dim} floats), normalised in place (it is kept). */
  public ExactIndex(int dim, float[] data) {
    if (dim <= 0 || data.length % dim != 0) {
      throw new EmbeddingsException(
          Code.BAD_ARGUMENT, data.length + " floats are not whole " + dim + "-vectors");
    }
    this.dim = dim;
    this.data = data;
    this.size = data.length / dim;
    float[] v = new float[dim];
    for (int r = 0; r < size; r++) {
      System.arraycopy(this.data, r * dim, v, 0, dim);
      TextEmbedder.normalize(v);
      System.arraycopy(v, 0, this.data, r * dim, dim);
    }
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public int dim() {
    return dim;
  }

  @Override
  public List<Hit> search(float[] query, int k, IntPredicate filter) {
    if (query.length != dim) {
      throw new EmbeddingsException(
          Code.BAD_ARGUMENT, "a " + query.length + "-float query for " + dim + "-float vectors");
    }
    float[] q = query.clone();
    TextEmbedder.normalize(q);
    int chunks = Math.max(1, Math.min(64, size / 4096));
    List<List<Hit>> parts =
        IntStream.range(0, chunks)
            .parallel()
            .mapToObj(
                c ->
                    top(
                        q,
                        k,
                        filter,
                        (int) ((long) size * c / chunks),
                        (int) ((long) size * (c + 1) / chunks)))
            .toList();
    PriorityQueue<Hit> heap = new PriorityQueue<>(ExactIndex::worse);
    for (List<Hit> p : parts) {
      for (Hit h : p) {
        offer(heap, h, k);
      }
    }
    return sorted(heap);
  }

  private List<Hit> top(float[] q, int k, IntPredicate filter, int from, int to) {
    PriorityQueue<Hit> heap = new PriorityQueue<>(ExactIndex::worse);
    for (int r = from; r < to; r++) {
      if (filter != null && !filter.test(r)) {
        continue;
      }
      float s = 0;
      int base = r * dim;
      for (int d = 0; d < dim; d++) {
        s += q[d] * data[base + d];
      }
      if (heap.size() < k || s > heap.peek().score()) {
        offer(heap, new Hit(r, s), k);
      }
    }
    return new ArrayList<>(heap);
  }

  /** Order for a min-heap of the best k: lower score first; on ties, higher row first. */
  static int worse(Hit a, Hit b) {
    int c = Float.compare(a.score(), b.score());
    return c != 0 ? c : Integer.compare(b.row(), a.row());
  }

  static void offer(PriorityQueue<Hit> heap, Hit h, int k) {
    heap.add(h);
    if (heap.size() > k) {
      heap.poll();
    }
  }

  static List<Hit> sorted(PriorityQueue<Hit> heap) {
    List<Hit> out = new ArrayList<>(heap);
    out.sort((a, b) -> worse(b, a));
    return out;
  }

  @Override
  public void close() {
    // nothing to release
  }
}
