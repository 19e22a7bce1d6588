package org.dermkg.zeroshot.retrieval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.dermkg.embeddings.embed.TextEmbedder;
import org.dermkg.embeddings.index.Dot;
import org.dermkg.embeddings.vectors.VectorFile;
import org.dermkg.graph.datasets.DatasetImages;

/**
 * Recall@K of cross-modal retrieval, as CLIP papers report it, over the images of a split that have
 * a vector and at least one embedded caption: image-to-text (an image's hit when one of its own
 * captions ranks in the top K of all the split's captions) and text-to-image (a caption's hit when
 * its image ranks in the top K of all the split's images). Ties count against the hit (a rank is
 * the number of candidates scoring strictly higher). Exact: every pair is scored.
 */
public final class Retrieval {
  /** The figures, {@code imageToText[i]} and {@code textToImage[i]} being Recall@{@code ks[i]}. */
  public record Report(
      int images,
      int captions,
      List<Integer> ks,
      List<Double> imageToText,
      List<Double> textToImage) {}

  private Retrieval() {}

  /**
   * Whether an image is in the test split: its stable bucket (DatasetImages.bucket) is under it.
   */
  public static boolean inTest(String imageIri, int testPercent) {
    return DatasetImages.bucket("Derm1M", imageIri) < testPercent;
  }

  /**
   * Evaluates retrieval between image and caption vectors.
   *
   * @param captionImage caption IRI to its image IRI
   * @param inSplit which images take part
   * @param max at most this many images (the first by IRI), to keep the N x M scoring bounded
   */
  public static Report evaluate(
      VectorFile.Loaded images,
      VectorFile.Loaded captions,
      Map<String, String> captionImage,
      Predicate<String> inSplit,
      int max,
      List<Integer> ks) {
    Map<String, Integer> imageRow = new HashMap<>();
    for (int r = 0; r < images.size(); r++) {
      imageRow.put(images.ids().get(r), r);
    }
    Map<String, List<Integer>> byImage = new java.util.TreeMap<>();
    for (int r = 0; r < captions.size(); r++) {
      String img = captionImage.get(captions.ids().get(r));
      if (img != null && imageRow.containsKey(img) && inSplit.test(img)) {
        byImage.computeIfAbsent(img, k -> new ArrayList<>()).add(r);
      }
    }
    List<String> chosen = byImage.keySet().stream().limit(max).toList();
    int n = chosen.size();
    List<float[]> img = new ArrayList<>(n);
    List<float[]> cap = new ArrayList<>();
    List<Integer> own = new ArrayList<>();
    List<List<Integer>> owned = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      img.add(unit(images.get(imageRow.get(chosen.get(i)))));
      List<Integer> mine = new ArrayList<>();
      for (int r : byImage.get(chosen.get(i))) {
        mine.add(cap.size());
        cap.add(unit(captions.get(r)));
        own.add(i);
      }
      owned.add(mine);
    }
    return score(img, cap, own, owned, ks);
  }

  private static Report score(
      List<float[]> img,
      List<float[]> cap,
      List<Integer> own,
      List<List<Integer>> owned,
      List<Integer> ks) {
    int n = img.size();
    int m = cap.size();
    float[] ownScore = new float[m];
    for (int j = 0; j < m; j++) {
      ownScore[j] = Dot.product(cap.get(j), img.get(own.get(j)));
    }
    int[] imageRank = new int[n];
    int chunks = Math.max(1, Math.min(64, n / 64));
    int[][] beats = new int[chunks][m];
    IntStream.range(0, chunks)
        .parallel()
        .forEach(
            k -> {
              float[] row = new float[m];
              for (int i = n * k / chunks; i < n * (k + 1) / chunks; i++) {
                imageRank[i] = rank(img.get(i), cap, owned.get(i), ownScore, beats[k], row);
              }
            });
    int[] captionRank = new int[m];
    for (int[] b : beats) {
      for (int j = 0; j < m; j++) {
        captionRank[j] += b[j];
      }
    }
    return new Report(n, m, List.copyOf(ks), recall(imageRank, ks), recall(captionRank, ks));
  }

  /**
   * One image against every caption: its own best caption's rank, and each caption's count of
   * images scoring above its own raised where this image does.
   */
  private static int rank(
      float[] image,
      List<float[]> cap,
      List<Integer> owned,
      float[] ownScore,
      int[] beats,
      float[] row) {
    for (int j = 0; j < row.length; j++) {
      row[j] = Dot.product(image, cap.get(j));
      if (row[j] > ownScore[j]) {
        beats[j]++;
      }
    }
    float best = Float.NEGATIVE_INFINITY;
    for (int j : owned) {
      best = Math.max(best, row[j]);
    }
    int rank = 0;
    for (float s : row) {
      rank += s > best ? 1 : 0;
    }
    return rank;
  }

  private static List<Double> recall(int[] ranks, List<Integer> ks) {
    List<Double> out = new ArrayList<>();
    for (int k : ks) {
      long hits = java.util.Arrays.stream(ranks).filter(r -> r < k).count();
      out.add(ranks.length == 0 ? Double.NaN : (double) hits / ranks.length);
    }
    return out;
  }

  private static float[] unit(float[] v) {
    float[] u = v.clone();
    TextEmbedder.normalize(u);
    return u;
  }
}
