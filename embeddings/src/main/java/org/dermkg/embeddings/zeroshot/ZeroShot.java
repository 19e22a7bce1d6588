package org.dermkg.embeddings.zeroshot;

import java.util.ArrayList;
import java.util.List;
import org.dermkg.embeddings.EmbeddingsException;
import org.dermkg.embeddings.EmbeddingsException.Code;
import org.dermkg.embeddings.embed.TextEmbedder;
import org.dermkg.embeddings.vectors.VectorFile;

/**
 * A zero-shot classifier as the DermLIP evaluation builds it: one unit-length weight per class (the
 * normalised mean of its prompts' embeddings), logits = scale × cosine with the normalised image
 * embedding (the paper uses a fixed 100), probabilities by softmax.
 */
public final class ZeroShot {
  /** The paper's logit scale. */
  public static final double PAPER_SCALE = 100.0;

  /** A class with its logit and probability. */
  public record Ranked(int index, String name, double logit, double probability) {}

  private final List<String> names;
  private final float[] weights;
  private final int dim;

  /** A classifier over class weights (read from {@code NAME.classes.f32}). */
  public ZeroShot(List<String> names, float[] weights, int dim) {
    if (names.isEmpty() || weights.length != names.size() * dim) {
      throw new EmbeddingsException(
          Code.BAD_ARGUMENT, names.size() + " classes do not fit " + weights.length + " weights");
    }
    this.names = List.copyOf(names);
    this.weights = weights.clone();
    this.dim = dim;
    float[] v = new float[dim];
    for (int c = 0; c < names.size(); c++) {
      System.arraycopy(this.weights, c * dim, v, 0, dim);
      TextEmbedder.normalize(v);
      System.arraycopy(v, 0, this.weights, c * dim, dim);
    }
  }

  /** The classifier of a class-weight vector file. */
  public static ZeroShot of(VectorFile.Loaded classes) {
    return new ZeroShot(classes.ids(), classes.data(), classes.dim());
  }

  public List<String> names() {
    return names;
  }

  /** Logits (scale × cosine) of every class, in class order. */
  public double[] logits(float[] image, double scale) {
    if (image.length != dim) {
      throw new EmbeddingsException(
          Code.BAD_ARGUMENT,
          "a " + image.length + "-float embedding for " + dim + "-float weights");
    }
    float[] q = image.clone();
    TextEmbedder.normalize(q);
    double[] out = new double[names.size()];
    for (int c = 0; c < out.length; c++) {
      double s = 0;
      for (int d = 0; d < dim; d++) {
        s += q[d] * weights[c * dim + d];
      }
      out[c] = scale * s;
    }
    return out;
  }

  /** Softmax of logits. */
  public static double[] softmax(double[] logits) {
    double max = Double.NEGATIVE_INFINITY;
    for (double l : logits) {
      max = Math.max(max, l);
    }
    double sum = 0;
    double[] p = new double[logits.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = Math.exp(logits[i] - max);
      sum += p[i];
    }
    for (int i = 0; i < p.length; i++) {
      p[i] /= sum;
    }
    return p;
  }

  /** The probability of every class (index order), as {@link #rank} computes them. */
  public double[] probabilities(float[] image) {
    return softmax(logits(image, PAPER_SCALE));
  }

  /** The {@code k} most likely classes, best first. */
  public List<Ranked> rank(float[] image, int k) {
    double[] logits = logits(image, PAPER_SCALE);
    double[] p = softmax(logits);
    List<Ranked> all = new ArrayList<>(p.length);
    for (int c = 0; c < p.length; c++) {
      all.add(new Ranked(c, names.get(c), logits[c], p[c]));
    }
    all.sort(
        (a, b) ->
            a.logit() != b.logit()
                ? Double.compare(b.logit(), a.logit())
                : Integer.compare(a.index(), b.index()));
    return List.copyOf(all.subList(0, Math.min(k, all.size())));
  }
}
