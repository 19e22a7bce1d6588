package org.dermkg.embeddings.zeroshot;

import java.util.Arrays;

/**
 * The area under the ROC curve of scores against binary truth: the chance that a positive scores
 * higher than a negative, ties counting half (the Mann-Whitney U statistic over mid-ranks).
 */
public final class Auroc {
  private Auroc() {}

  /**
   * AUROC of {@code scores[i]} for {@code positive[i]}; NaN when there is no positive or no
   * negative.
   */
  public static double of(float[] scores, boolean[] positive) {
    int n = scores.length;
    if (positive.length != n) {
      throw new IllegalArgumentException(n + " scores for " + positive.length + " labels");
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Float.compare(scores[a], scores[b]));
    double rankSum = 0;
    long positives = 0;
    for (int i = 0; i < n; ) {
      int j = i;
      while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
        j++;
      }
      double midRank = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        if (positive[order[k]]) {
          rankSum += midRank;
          positives++;
        }
      }
      i = j + 1;
    }
    long negatives = n - positives;
    return positives == 0 || negatives == 0
        ? Double.NaN
        : (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
  }
}
