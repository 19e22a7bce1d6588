package org.dermkg.embeddings.zeroshot;

import java.util.ArrayList;
import java.util.List;

/**
 * Accumulates zero-shot predictions against true labels: top-1 and top-5 accuracy, per-class recall
 * and the confusion matrix (rows true, columns predicted).
 */
public final class Evaluation {
  private final List<String> classes;
  private final long[][] confusion;
  private int total;
  private int top1;
  private int top5;

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
