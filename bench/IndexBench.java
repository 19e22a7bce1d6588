import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.dermkg.embeddings.index.ExactIndex;
import org.dermkg.embeddings.index.Hit;
import org.dermkg.embeddings.index.HnswIndex;

/**
 * Vector index benchmark (bench/index.sh): N x DIM clustered synthetic vectors (like image
 * embeddings, which cluster by class), HNSW build time, single-query latency of HNSW and exact
 * search, HNSW recall@10 against exact, and filtered kNN (a filter keeping ~1% and ~10% of rows).
 *
 * Usage: java -Xmx8g -cp ... bench/IndexBench.java N DIM QUERIES INDEX_DIR [int8]
 */
public class IndexBench {
  public static void main(String[] a) {
    int n = Integer.parseInt(a[0]);
    int dim = Integer.parseInt(a[1]);
    int queries = Integer.parseInt(a[2]);
    Path dir = Path.of(a[3]);
    Random r = new Random(42);
    float[][] centres = new float[2000][dim];
    for (float[] c : centres) {
      for (int d = 0; d < dim; d++) {
        c[d] = (float) r.nextGaussian();
      }
    }
    float[] data = new float[n * dim];
    for (int i = 0; i < n; i++) {
      float[] c = centres[r.nextInt(centres.length)];
      for (int d = 0; d < dim; d++) {
        data[i * dim + d] = c[d] + 0.7f * (float) r.nextGaussian();
      }
    }
    float[][] qs = new float[queries][dim];
    for (float[] q : qs) {
      float[] c = centres[r.nextInt(centres.length)];
      for (int d = 0; d < dim; d++) {
        q[d] = c[d] + 0.7f * (float) r.nextGaussian();
      }
    }
    long t0 = System.nanoTime();
    HnswIndex hnsw =
        HnswIndex.update(dir, dim, data, params(a), (done, total) -> {
          if (done % 50_000 < 1024) {
            System.out.printf("  indexed %d/%d (%.0f s)%n", done, total, (System.nanoTime() - t0) / 1e9);
          }
        });
    double build = (System.nanoTime() - t0) / 1e9;
    System.out.printf("HNSW build (M=16, beam 100, %d threads%s): %d x %d in %.1f s%n",
        params(a).threads(), params(a).quantized() ? ", int8" : "", n, dim, build);
    ExactIndex exact = new ExactIndex(dim, data);
    // warm-up
    for (int i = 0; i < Math.min(200, queries); i++) {
      hnsw.search(qs[i], 10, null);
      exact.search(qs[i], 10, null);
    }
    double[] tH = new double[queries];
    double[] tE = new double[queries];
    int found = 0;
    for (int i = 0; i < queries; i++) {
      long s = System.nanoTime();
      List<Hit> got = hnsw.search(qs[i], 10, null);
      tH[i] = (System.nanoTime() - s) / 1e6;
      s = System.nanoTime();
      List<Hit> want = exact.search(qs[i], 10, null);
      tE[i] = (System.nanoTime() - s) / 1e6;
      Set<Integer> w = new HashSet<>();
      want.forEach(h -> w.add(h.row()));
      for (Hit h : got) {
        found += w.contains(h.row()) ? 1 : 0;
      }
    }
    System.out.printf("HNSW  k=10 ef=100: p50 %.2f ms  p90 %.2f  p99 %.2f  recall@10 %.3f (%d queries)%n",
        pct(tH, 50), pct(tH, 90), pct(tH, 99), found / (10.0 * queries), queries);
    System.out.printf("exact k=10       : p50 %.2f ms  p90 %.2f  p99 %.2f%n", pct(tE, 50), pct(tE, 90), pct(tE, 99));
    for (int keep : new int[] {100, 10}) {
      int[] allowed = java.util.stream.IntStream.range(0, n).filter(x -> x % keep == 3).toArray();
      double[] tf = new double[Math.min(queries, 200)];
      int ok = 0;
      for (int i = 0; i < tf.length; i++) {
        long s = System.nanoTime();
        List<Hit> got = hnsw.search(qs[i], 10, allowed, 100);
        tf[i] = (System.nanoTime() - s) / 1e6;
        ok += got.size() == 10 && got.stream().allMatch(h -> h.row() % keep == 3) ? 1 : 0;
      }
      System.out.printf("filtered HNSW, 1/%d of rows allowed (%d): p50 %.2f ms  p90 %.2f  (%d/%d queries got 10 allowed rows)%n",
          keep, allowed.length, pct(tf, 50), pct(tf, 90), ok, tf.length);
    }
    hnsw.close();
  }

  /** The project's defaults; "int8" as a fifth argument keeps the index's vectors as int8. */
  static HnswIndex.Params params(String[] a) {
    HnswIndex.Params d = HnswIndex.Params.defaults();
    boolean int8 = a.length > 4 && a[4].equals("int8");
    return new HnswIndex.Params(d.m(), d.beamWidth(), d.ef(), d.threads(), int8);
  }

  static double pct(double[] v, int p) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[Math.min(s.length - 1, (int) Math.floor(s.length * p / 100.0))];
  }
}
