package org.dermkg.zeroshot.classify;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.dermkg.embeddings.zeroshot.Evaluation;
import org.dermkg.sparql.prompts.CatalogClass;
import org.dermkg.sparql.prompts.ClassCatalog;

/**
 * How wrong the wrong answers are, read through the ontology's hierarchy: accuracy at each level of
 * the disease hierarchy (a wrong fine class whose level-2 ancestor is the truth's is right at level
 * 2) and the mean tree distance between a wrong prediction and the truth (steps through their
 * lowest common ancestor); and a bootstrap interval of top-1 accuracy.
 *
 * @param accuracyByLevel accuracy at hierarchy levels 1, 2, ... (a class above a level counts as
 *     its own node there)
 * @param meanErrorDistance mean tree distance of the errors (0 when there are none)
 * @param errors wrong top-1 predictions
 */
public record HierarchyMetrics(
    List<Double> accuracyByLevel, double meanErrorDistance, long errors) {
  public HierarchyMetrics {
    accuracyByLevel = List.copyOf(accuracyByLevel);
  }

  /** The metrics of {@code e}, whose class {@code i} is the DERM class {@code classIris.get(i)}. */
  public static HierarchyMetrics of(Evaluation e, List<String> classIris, ClassCatalog catalog) {
    long[][] m = e.confusion();
    int maxLevel = 0;
    for (String c : classIris) {
      maxLevel = Math.max(maxLevel, level(catalog, c));
    }
    long total = 0;
    long[] right = new long[maxLevel + 1];
    long errors = 0;
    double distance = 0;
    for (int t = 0; t < m.length; t++) {
      for (int p = 0; p < m.length; p++) {
        long n = m[t][p];
        if (n == 0) {
          continue;
        }
        total += n;
        for (int lv = 1; lv <= maxLevel; lv++) {
          if (at(catalog, classIris.get(t), lv).equals(at(catalog, classIris.get(p), lv))) {
            right[lv] += n;
          }
        }
        if (t != p) {
          errors += n;
          distance += n * (double) distance(catalog, classIris.get(t), classIris.get(p));
        }
      }
    }
    List<Double> acc = new ArrayList<>();
    for (int lv = 1; lv <= maxLevel; lv++) {
      acc.add(total == 0 ? 0 : (double) right[lv] / total);
    }
    return new HierarchyMetrics(acc, errors == 0 ? 0 : distance / errors, errors);
  }

  private static int level(ClassCatalog catalog, String iri) {
    return catalog
        .get(iri)
        .map(CatalogClass::level)
        .filter(l -> l.isPresent())
        .map(l -> l.getAsInt())
        .orElse(0);
  }

  /** The class's ancestor-or-self at {@code level}; the class itself when it is above it. */
  static String at(ClassCatalog catalog, String iri, int level) {
    if (level(catalog, iri) <= level) {
      return iri;
    }
    for (String a : catalog.ancestors(iri)) {
      if (level(catalog, a) == level) {
        return a;
      }
    }
    return iri;
  }

  /** Steps from one class to the other through their lowest common ancestor. */
  static int distance(ClassCatalog catalog, String a, String b) {
    if (a.equals(b)) {
      return 0;
    }
    Set<String> up = new HashSet<>(catalog.ancestors(a));
    up.add(a);
    Optional<String> lca =
        java.util.stream.Stream.concat(java.util.stream.Stream.of(b), catalog.ancestors(b).stream())
            .filter(up::contains)
            .max(java.util.Comparator.comparingInt(x -> level(catalog, x)));
    int d = lca.map(x -> level(catalog, x)).orElse(0);
    return (level(catalog, a) - d) + (level(catalog, b) - d);
  }

  /**
   * A 95% bootstrap interval of top-1 accuracy: the images resampled with replacement {@code
   * rounds} times (seeded: the same evaluation gives the same interval), the 2.5th and 97.5th
   * percentiles of the resampled accuracies.
   */
  public static double[] top1Interval(Evaluation e, int rounds, long seed) {
    int n = e.total();
    if (n == 0) {
      return new double[] {0, 0};
    }
    double p = e.top1();
    Random r = new Random(seed);
    double[] acc = new double[rounds];
    for (int k = 0; k < rounds; k++) {
      int hits = 0;
      for (int i = 0; i < n; i++) {
        if (r.nextDouble() < p) {
          hits++;
        }
      }
      acc[k] = (double) hits / n;
    }
    java.util.Arrays.sort(acc);
    return new double[] {
      acc[(int) Math.floor(0.025 * (rounds - 1))], acc[(int) Math.ceil(0.975 * (rounds - 1))]
    };
  }
}
