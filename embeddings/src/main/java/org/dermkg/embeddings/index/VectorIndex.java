package org.dermkg.embeddings.index;

import java.util.List;
import java.util.function.IntPredicate;

/** k-nearest-neighbour search by cosine similarity over unit-length vectors. */
public interface VectorIndex extends AutoCloseable {
  /** Number of vectors. */
  int size();

  /** Vector size. */
  int dim();

  /**
   * The {@code k} most similar vectors, best first; with a filter only rows it accepts, and still
   * {@code k} of them when {@code k} exist.
   */
  List<Hit> search(float[] query, int k, IntPredicate filter);

  @Override
  void close();
}
