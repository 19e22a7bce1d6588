import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.dermkg.embeddings.index.Hit;
import org.dermkg.embeddings.index.HnswIndex;

/**
 * HNSW benchmark against hnswlib (bench/hnsw.sh runs both on the same files).
 *
 * <pre>
 * gen N DIM QUERIES DIR   N x DIM clustered vectors (2,000 centres, like class-clustered image
 *                         embeddings), normalised, and QUERIES more from the same centres, as raw
 *                         little-endian float32 (DIR/data.f32, DIR/queries.f32), and the exact
 *                         top-10 of each query by cosine (DIR/truth.i32)
 * lucene DIR DIM THREADS  builds the project's HnswIndex (M=16, beam 100) with THREADS threads and
 *                         prints "build SECONDS", then for each ef "ef EF p50_MS recall@10"
 * </pre>
 */
public class HnswBench {
  static final int K = 10;
  static final int[] EFS = {10, 16, 20, 32, 50, 100};

  public static void main(String[] a) throws Exception {
    if (a[0].equals("gen")) {
      gen(Integer.parseInt(a[1]), Integer.parseInt(a[2]), Integer.parseInt(a[3]), Path.of(a[4]));
    } else {
      lucene(Path.of(a[1]), Integer.parseInt(a[2]), Integer.parseInt(a[3]));
    }
  }

  static void gen(int n, int dim, int queries, Path dir) throws IOException {
    Files.createDirectories(dir);
    Random r = new Random(42);
    float[][] centres = new float[2000][dim];
    for (float[] c : centres) {
      for (int d = 0; d < dim; d++) {
        c[d] = (float) r.nextGaussian();
      }
    }
    float[] data = sample(r, centres, n, dim);
    float[] qs = sample(r, centres, queries, dim);
    write(dir.resolve("data.f32"), data);
    write(dir.resolve("queries.f32"), qs);
    int[] truth = new int[queries * K];
    IntStream.range(0, queries)
        .parallel()
        .forEach(
            q -> {
              float[] best = new float[K];
              int[] rows = new int[K];
              Arrays.fill(best, -2);
              for (int i = 0; i < n; i++) {
                float s = 0;
                for (int d = 0; d < dim; d++) {
                  s += qs[q * dim + d] * data[i * dim + d];
                }
                if (s > best[K - 1]) {
                  int j = K - 1;
                  while (j > 0 && best[j - 1] < s) {
                    best[j] = best[j - 1];
                    rows[j] = rows[j - 1];
                    j--;
                  }
                  best[j] = s;
                  rows[j] = i;
                }
              }
              System.arraycopy(rows, 0, truth, q * K, K);
            });
    try (DataOutputStream out =
        new DataOutputStream(Files.newOutputStream(dir.resolve("truth.i32")))) {
      ByteBuffer b = ByteBuffer.allocate(truth.length * 4).order(ByteOrder.LITTLE_ENDIAN);
      b.asIntBuffer().put(truth);
      out.write(b.array());
    }
    System.out.printf("wrote %d x %d vectors, %d queries and their exact top-%d to %s%n", n, dim, queries, K, dir);
  }

  static float[] sample(Random r, float[][] centres, int n, int dim) {
    float[] out = new float[n * dim];
    for (int i = 0; i < n; i++) {
      float[] c = centres[r.nextInt(centres.length)];
      double norm = 0;
      for (int d = 0; d < dim; d++) {
        float x = c[d] + 0.7f * (float) r.nextGaussian();
        out[i * dim + d] = x;
        norm += x * x;
      }
      float inv = (float) (1 / Math.sqrt(norm));
      for (int d = 0; d < dim; d++) {
        out[i * dim + d] *= inv;
      }
    }
    return out;
  }

  static void write(Path p, float[] v) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(v);
    Files.write(p, b.array());
  }

  static float[] readFloats(Path p) throws IOException {
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
      ByteBuffer b = ByteBuffer.allocate((int) ch.size()).order(ByteOrder.LITTLE_ENDIAN);
      while (b.hasRemaining() && ch.read(b) >= 0) {}
      b.flip();
      float[] out = new float[b.remaining() / 4];
      b.asFloatBuffer().get(out);
      return out;
    }
  }

  static void lucene(Path dir, int dim, int threads) throws IOException {
    float[] data = readFloats(dir.resolve("data.f32"));
    float[] qs = readFloats(dir.resolve("queries.f32"));
    ByteBuffer tb = ByteBuffer.wrap(Files.readAllBytes(dir.resolve("truth.i32"))).order(ByteOrder.LITTLE_ENDIAN);
    int[] truth = new int[tb.remaining() / 4];
    tb.asIntBuffer().get(truth);
    Path index = dir.resolve("lucene-index");
    deleteTree(index);
    long t0 = System.nanoTime();
    HnswIndex hnsw =
        HnswIndex.update(index, dim, data, new HnswIndex.Params(16, 100, 100, threads), (d, t) -> {});
    System.out.printf("build %.2f%n", (System.nanoTime() - t0) / 1e9);
    int nq = qs.length / dim;
    float[][] queries = new float[nq][];
    for (int i = 0; i < nq; i++) {
      queries[i] = Arrays.copyOfRange(qs, i * dim, (i + 1) * dim);
    }
    for (int i = 0; i < Math.min(nq, 500); i++) {
      hnsw.search(queries[i], K, null, 100); // warm-up
    }
    for (int ef : EFS) {
      double[] t = new double[nq];
      int found = 0;
      for (int i = 0; i < nq; i++) {
        long s = System.nanoTime();
        List<Hit> got = hnsw.search(queries[i], K, null, ef);
        t[i] = (System.nanoTime() - s) / 1e6;
        for (Hit h : got) {
          for (int j = 0; j < K; j++) {
            if (truth[i * K + j] == h.row()) {
              found++;
              break;
            }
          }
        }
      }
      Arrays.sort(t);
      System.out.printf("ef %d %.4f %.4f%n", ef, t[nq / 2], found / (double) (K * nq));
    }
    hnsw.close();
    deleteTree(index);
  }

  static void deleteTree(Path p) throws IOException {
    if (Files.exists(p)) {
      try (var s = Files.walk(p)) {
        s.sorted(java.util.Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
      }
    }
  }
}
