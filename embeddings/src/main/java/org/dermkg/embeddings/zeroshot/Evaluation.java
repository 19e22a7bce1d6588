package org.dermkg.embeddings.zeroshot;

import java.util.ArrayList;
import java.util.List;

/**
 * Accumulates zero-shot predictions against true labels: top-1 and top-5 accuracy, per-class recall
 * (balanced accuracy), the confusion matrix (rows true, columns predicted) and, for images added
 * with their class probabilities, one-vs-rest AUROC per class and its macro mean.
 */
public final class Evaluation {
  private final List<String> classes;
  private final long[][] confusion;
  private int total;
  private int top1;
  private int top5;
  private final List<Integer> truths = new ArrayList<>();
  private final List<float[]> scores = new ArrayList<>();

  public Evaluation(List<String> classes) {
    this.classes = List.copyOf(classes);
    this.confusion = new long[classes.size()][classes.size()];
  }

  /** Records one image: its true class index and the ranking (best first, at least one). */
  public void add(int truth, List<ZeroShot.Ranked> ranking) {
    total++;
    int predicted = ranking.get(0).index();
    confusion[truth][predicted]++;
    if (predicted == truth) {
      top1++;
    }
    for (int i = 0; i < Math.min(5, ranking.size()); i++) {
      if (ranking.get(i).index() == truth) {
        top5++;
        break;
      }
    }
  }

  /**
   * Records one image with the probability of every class (index order): the ranking is derived
   * from them (ties by class index) and they are kept for AUROC.
   */
  public void add(int truth, double[] probabilities) {
    if (probabilities.length != classes.size()) {
      throw new IllegalArgumentException(
          probabilities.length + " probabilities for " + classes.size() + " classes");
    }
    Integer[] order = new Integer[probabilities.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(
        order,
        (a, b) ->
            probabilities[a] != probabilities[b]
                ? Double.compare(probabilities[b], probabilities[a])
                : Integer.compare(a, b));
    List<ZeroShot.Ranked> ranking = new ArrayList<>(5);
    for (int i = 0; i < Math.min(5, order.length); i++) {
      int c = order[i];
      ranking.add(new ZeroShot.Ranked(c, classes.get(c), probabilities[c], probabilities[c]));
    }
    add(truth, ranking);
    float[] f = new float[probabilities.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) probabilities[i];
    }
    truths.add(truth);
    scores.add(f);
  }

  /**
   * One-vs-rest AUROC of each class over the images added with probabilities: the chance that an
   * image of the class scores it higher than an image of another class (ties count half; the
   * Mann-Whitney U statistic). NaN for a class with no image or no other image.
   */
  public List<Double> auroc() {
    int n = scores.size();
    List<Double> out = new ArrayList<>(classes.size());
    float[] s = new float[n];
    boolean[] positive = new boolean[n];
    for (int c = 0; c < classes.size(); c++) {
      for (int i = 0; i < n; i++) {
        s[i] = scores.get(i)[c];
        positive[i] = truths.get(i) == c;
      }
      out.add(Auroc.of(s, positive));
    }
    return out;
  }

  /** Mean AUROC over the classes it is defined for (NaN when none: no probabilities kept). */
  public double macroAuroc() {
    return auroc().stream()
        .filter(r -> !r.isNaN())
        .mapToDouble(Double::doubleValue)
        .average()
        .orElse(Double.NaN);
  }

  public List<String> classes() {
    return classes;
  }

  public int total() {
    return total;
  }

  public double top1() {
    return total == 0 ? 0 : (double) top1 / total;
  }

  public double top5() {
    return total == 0 ? 0 : (double) top5 / total;
  }

  /** Recall of each class (NaN for a class with no image). */
  public List<Double> recall() {
    List<Double> out = new ArrayList<>();
    for (int c = 0; c < classes.size(); c++) {
      long row = 0;
      for (long v : confusion[c]) {
        row += v;
      }
      out.add(row == 0 ? Double.NaN : (double) confusion[c][c] / row);
    }
    return out;
  }

  /** Mean recall over classes that have images (balanced accuracy). */
  public double meanRecall() {
    return recall().stream()
        .filter(r -> !r.isNaN())
        .mapToDouble(Double::doubleValue)
        .average()
        .orElse(0);
  }

  /** A copy of the confusion matrix. */
  public long[][] confusion() {
    long[][] c = new long[confusion.length][];
    for (int i = 0; i < c.length; i++) {
      c[i] = confusion[i].clone();
    }
    return c;
  }
}
