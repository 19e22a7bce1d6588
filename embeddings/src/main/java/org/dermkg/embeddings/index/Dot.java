package org.dermkg.embeddings.index;

import org.apache.lucene.util.VectorUtil;

/** The dot product of two equal-length vectors, with Lucene's SIMD (Panama) implementation. */
public final class Dot {
  private Dot() {}

  /** {@code a · b}; the arrays must have the same length. */
  public static float product(float[] a, float[] b) {
    return VectorUtil.dotProduct(a, b);
  }
}
