package org.dermkg.embeddings.zeroshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EvaluationTest {
  private static final List<String> ABC = List.of("a", "b", "c");

  @Test
  void aurocOfPlantedScoresMatchesCountingPairs() {
    Evaluation e = new Evaluation(ABC);
    // class a: positives score 0.9 and 0.5, negatives 0.6, 0.2, 0.5 (a tie counts half)
    e.add(0, new double[] {0.9, 0.05, 0.05});
    e.add(0, new double[] {0.5, 0.4, 0.1});
    e.add(1, new double[] {0.6, 0.3, 0.1});
    e.add(2, new double[] {0.2, 0.1, 0.7});
    e.add(1, new double[] {0.5, 0.45, 0.05});
    // pairs (pos, neg): 0.9 beats 0.6, 0.2, 0.5 -> 3; 0.5 loses to 0.6, beats 0.2, ties 0.5 -> 1.5
    assertEquals(4.5 / 6, e.auroc().get(0), 1e-12);
    // class c has one positive scoring above every negative
    assertEquals(1.0, e.auroc().get(2), 1e-12);
    assertEquals(3, e.auroc().size());
    double mean = (e.auroc().get(0) + e.auroc().get(1) + e.auroc().get(2)) / 3;
    assertEquals(mean, e.macroAuroc(), 1e-12);
  }

  @Test
  void aurocAgreesWithBruteForceOnRandomScores() {
    Random r = new Random(7);
    Evaluation e = new Evaluation(ABC);
    int n = 300;
    int[] truth = new int[n];
    double[][] p = new double[n][];
    for (int i = 0; i < n; i++) {
      truth[i] = r.nextInt(3);
      // quantised so ties happen
      double x = Math.round(r.nextDouble() * 20) / 20.0 + (truth[i] == 1 ? 0.2 : 0);
      p[i] = new double[] {r.nextDouble(), x, 1};
      e.add(truth[i], p[i]);
    }
    for (int c = 0; c < 2; c++) {
      double wins = 0;
      long pairs = 0;
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          if (truth[i] == c && truth[j] != c) {
            pairs++;
            float si = (float) p[i][c];
            float sj = (float) p[j][c];
            wins += si > sj ? 1 : si == sj ? 0.5 : 0;
          }
        }
      }
      assertEquals(wins / pairs, e.auroc().get(c), 1e-9, "class " + c);
    }
    assertTrue(e.auroc().get(1) > 0.6, "class b was planted to score higher");
    assertEquals(0.5, e.auroc().get(2), 1e-12, "a constant score ranks nothing");
  }

  @Test
  void classWithoutPositivesHasNoAurocAndIsLeftOutOfTheMean() {
    Evaluation e = new Evaluation(ABC);
    e.add(0, new double[] {0.8, 0.1, 0.1});
    e.add(1, new double[] {0.3, 0.6, 0.1});
    assertTrue(e.auroc().get(2).isNaN());
    assertEquals(1.0, e.macroAuroc(), 1e-12);
  }

  @Test
  void rankingFromProbabilitiesGivesTopOneTopFiveAndConfusion() {
    Evaluation e = new Evaluation(List.of("a", "b", "c", "d", "e", "f"));
    e.add(0, new double[] {0.5, 0.1, 0.1, 0.1, 0.1, 0.1});
    e.add(1, new double[] {0.5, 0.2, 0.1, 0.1, 0.05, 0.05});
    e.add(5, new double[] {0.3, 0.2, 0.2, 0.1, 0.1, 0.1}); // f ties d and e: last by index
    assertEquals(1.0 / 3, e.top1(), 1e-12);
    assertEquals(2.0 / 3, e.top5(), 1e-12);
    assertArrayEquals(new long[] {0, 0, 0, 0, 0, 0}, e.confusion()[2]);
    assertEquals(2, e.confusion()[0][0] + e.confusion()[1][0]);
    assertEquals(1, e.confusion()[5][0]);
  }

  @Test
  void rankingOnlyImagesHaveNoAuroc() {
    Evaluation e = new Evaluation(ABC);
    e.add(0, List.of(new ZeroShot.Ranked(0, "a", 2, 0.9)));
    assertTrue(Double.isNaN(e.macroAuroc()));
    assertThrows(IllegalArgumentException.class, () -> e.add(0, new double[] {1, 0}));
  }
}
