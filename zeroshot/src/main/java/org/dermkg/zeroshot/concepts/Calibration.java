package org.dermkg.zeroshot.concepts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dermkg.graph.concepts.ConceptPredictions;

/**
 * Per-concept mean and standard deviation of the raw scores over (a sample of) the collection, so
 * that a concept's score becomes a z-score: how unusual the image is for that concept among all the
 * images. Computed once, at a run's start, and kept with the run so incremental runs score new
 * images on the same scale.
 */
public record Calibration(double[] mean, double[] sd) {
  /** The most rows a calibration samples (evenly spaced over the file). */
  public static final int SAMPLE = 50_000;

  /** Mean and standard deviation of each concept's raw score over an even sample of the rows. */
  public static Calibration of(ConceptScorer scorer, float[] data, int rows) {
    int n = scorer.concepts().size();
    int step = Math.max(1, rows / SAMPLE);
    double[] sum = new double[n];
    double[] sq = new double[n];
    long count = 0;
    for (int from = 0; from < rows; from += step * 1024) {
      int to = Math.min(rows, from + step * 1024);
      float[] sample = new float[((to - from + step - 1) / step) * scorer.dim()];
      int k = 0;
      for (int r = from; r < to; r += step) {
        System.arraycopy(data, r * scorer.dim(), sample, k++ * scorer.dim(), scorer.dim());
      }
      float[] s = scorer.score(sample, 0, k);
      for (int i = 0; i < k; i++) {
        for (int c = 0; c < n; c++) {
          double v = s[i * n + c];
          sum[c] += v;
          sq[c] += v * v;
        }
      }
      count += k;
    }
    double[] mean = new double[n];
    double[] sd = new double[n];
    for (int c = 0; c < n; c++) {
      mean[c] = count == 0 ? 0 : sum[c] / count;
      double var = count < 2 ? 0 : (sq[c] - count * mean[c] * mean[c]) / (count - 1);
      sd[c] = Math.sqrt(Math.max(var, 1e-12));
    }
    return new Calibration(mean, sd);
  }

  /** The calibration a run recorded, in the scorer's concept order (a concept it lacks: none). */
  public static java.util.Optional<Calibration> of(
      ConceptScorer scorer, Map<String, ConceptPredictions.Calibration> recorded) {
    List<ConceptVocabulary.Concept> cs = scorer.concepts();
    double[] mean = new double[cs.size()];
    double[] sd = new double[cs.size()];
    for (int c = 0; c < cs.size(); c++) {
      ConceptPredictions.Calibration r = recorded.get(cs.get(c).iri());
      if (r == null) {
        return java.util.Optional.empty();
      }
      mean[c] = r.mean();
      sd[c] = r.sd();
    }
    return java.util.Optional.of(new Calibration(mean, sd));
  }

  /** As the store records it: concept IRI to (mean, sd). */
  public Map<String, ConceptPredictions.Calibration> byConcept(ConceptScorer scorer) {
    Map<String, ConceptPredictions.Calibration> m = new LinkedHashMap<>();
    for (int c = 0; c < mean.length; c++) {
      m.put(scorer.concepts().get(c).iri(), new ConceptPredictions.Calibration(mean[c], sd[c]));
    }
    return m;
  }

  /** The z-score of concept {@code c}'s raw score. */
  public double z(int c, double raw) {
    return (raw - mean[c]) / sd[c];
  }
}
