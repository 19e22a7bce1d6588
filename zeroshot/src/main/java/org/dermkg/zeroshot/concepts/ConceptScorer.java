package org.dermkg.zeroshot.concepts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.dermkg.embeddings.index.Dot;

/**
 * Scores image vectors against concepts zero-shot. Each concept's direction is the normalised mean
 * of its prompts' text embeddings (every text of the concept in every template); the reference is
 * the same over generic skin-image prompts. An image's raw score for a concept is {@code cos(image,
 * concept) - cos(image, reference)}: how much more the image looks like the concept than like any
 * skin image (MONET's contrast). Raw scores differ in scale between concepts, so a {@link
 * Calibration} turns them into z-scores over the collection. Immutable; scoring is thread-safe.
 */
public final class ConceptScorer {
  /** The prompt templates a concept's texts are put in. */
  public static final List<String> TEMPLATES =
      List.of("This is skin image of {}", "a dermatology photo showing {}");

  /** The generic skin-image prompts every concept is contrasted with. */
  public static final List<String> REFERENCE =
      List.of(
          "This is skin image",
          "a dermatology photo",
          "a photo of skin",
          "a clinical photo of skin",
          "a dermoscopic image of skin");

  private final List<ConceptVocabulary.Concept> concepts;
  private final int dim;
  private final float[][] weights; // per concept: its direction minus the reference
  private final String promptSetHash;

  private ConceptScorer(
      List<ConceptVocabulary.Concept> concepts, int dim, float[][] weights, String hash) {
    this.concepts = List.copyOf(concepts);
    this.dim = dim;
    this.weights = weights;
    this.promptSetHash = hash;
  }

  /** The prompts of one concept, in order. */
  public static List<String> prompts(ConceptVocabulary.Concept c) {
    List<String> out = new ArrayList<>();
    for (String t : TEMPLATES) {
      for (String text : c.texts()) {
        out.add(t.replace("{}", text));
      }
    }
    return out;
  }

  /**
   * Encodes every concept's prompts and the reference with {@code encode} (a model's text tower,
   * called in batches of at most 256 texts).
   *
   * @param modelId the model's identity, part of the prompt-set hash
   */
  public static ConceptScorer build(
      List<ConceptVocabulary.Concept> concepts,
      Function<List<String>, float[][]> encode,
      String modelId) {
    if (concepts.isEmpty()) {
      throw new IllegalArgumentException("no concept to score");
    }
    float[] reference = meanDirection(encode, REFERENCE);
    int dim = reference.length;
    float[][] w = new float[concepts.size()][dim];
    for (int c = 0; c < concepts.size(); c++) {
      float[] t = meanDirection(encode, prompts(concepts.get(c)));
      for (int d = 0; d < dim; d++) {
        w[c][d] = t[d] - reference[d];
      }
    }
    return new ConceptScorer(concepts, dim, w, hash(concepts, modelId));
  }

  private static float[] meanDirection(
      Function<List<String>, float[][]> encode, List<String> texts) {
    float[] sum = null;
    for (int from = 0; from < texts.size(); from += 256) {
      for (float[] e : encode.apply(texts.subList(from, Math.min(texts.size(), from + 256)))) {
        if (sum == null) {
          sum = new float[e.length];
        }
        double n = norm(e, 0, e.length);
        for (int d = 0; d < e.length; d++) {
          sum[d] += (float) (e[d] / n);
        }
      }
    }
    double n = norm(sum, 0, sum.length);
    for (int d = 0; d < sum.length; d++) {
      sum[d] = (float) (sum[d] / n);
    }
    return sum;
  }

  private static double norm(float[] v, int from, int dim) {
    double s = 0;
    for (int d = 0; d < dim; d++) {
      s += (double) v[from + d] * v[from + d];
    }
    return s == 0 ? 1 : Math.sqrt(s);
  }

  private static String hash(List<ConceptVocabulary.Concept> concepts, String modelId) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      StringBuilder b = new StringBuilder(modelId).append('\n');
      TEMPLATES.forEach(t -> b.append("T ").append(t).append('\n'));
      REFERENCE.forEach(t -> b.append("R ").append(t).append('\n'));
      for (ConceptVocabulary.Concept c : concepts) {
        b.append("C ").append(c.iri());
        c.texts().forEach(t -> b.append('\t').append(t));
        b.append('\n');
      }
      return "sha256:"
          + HexFormat.of().formatHex(md.digest(b.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public List<ConceptVocabulary.Concept> concepts() {
    return concepts;
  }

  public int dim() {
    return dim;
  }

  /** The content hash of the model, templates, reference and every concept's texts. */
  public String promptSetHash() {
    return promptSetHash;
  }

  /**
   * Raw scores of vector rows {@code [from, to)} of {@code data} (rows of {@link #dim()} floats,
   * normalised here): {@code out[(r - from) * concepts + c]}. Rows are split over the CPU cores.
   */
  public float[] score(float[] data, int from, int to) {
    int n = concepts.size();
    float[] out = new float[(to - from) * n];
    int chunk = 2048;
    IntStream.range(0, (to - from + chunk - 1) / chunk)
        .parallel()
        .forEach(
            k -> {
              int a = from + k * chunk;
              int b = Math.min(to, a + chunk);
              float[] x = new float[dim];
              for (int r = a; r < b; r++) {
                scoreRow(data, r, x, out, (r - from) * n);
              }
            });
    return out;
  }

  /** One row, normalised into {@code x}, against every concept (SIMD dot products). */
  private void scoreRow(float[] data, int row, float[] x, float[] out, int at) {
    int base = row * dim;
    float inv = (float) (1 / norm(data, base, dim));
    for (int d = 0; d < dim; d++) {
      x[d] = data[base + d] * inv;
    }
    for (int c = 0; c < weights.length; c++) {
      out[at + c] = Dot.product(x, weights[c]);
    }
  }
}
