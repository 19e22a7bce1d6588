package org.dermkg.embeddings.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.dermkg.embeddings.EmbeddingsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Exact and HNSW search on clustered random vectors: recall, filters, incremental updates. */
class VectorIndexTest {
  static final int DIM = 32;

  /** n vectors around 50 random centres (like image embeddings, which cluster by class). */
  static float[] clustered(int n, long seed) {
    Random r = new Random(seed);
    float[][] centres = new float[50][DIM];
    for (float[] c : centres) {
      for (int d = 0; d < DIM; d++) {
        c[d] = (float) r.nextGaussian();
      }
    }
    float[] out = new float[n * DIM];
    for (int i = 0; i < n; i++) {
      float[] c = centres[r.nextInt(centres.length)];
      for (int d = 0; d < DIM; d++) {
        out[i * DIM + d] = c[d] + 0.6f * (float) r.nextGaussian();
      }
    }
    return out;
  }

  /** One build thread, several (segments merged concurrently), and int8 vectors. */
  @ParameterizedTest(name = "threads {0}, int8 {1}")
  @CsvSource({"1, false, 0.95", "3, false, 0.95", "2, true, 0.90"})
  void hnswRecallAgainstExactSearch(
      int threads, boolean quantized, double minRecall, @TempDir Path tmp) {
    float[] data = clustered(5000, 1);
    ExactIndex exact = new ExactIndex(DIM, data.clone());
    try (HnswIndex hnsw =
        HnswIndex.update(
            tmp.resolve("idx"),
            DIM,
            data,
            new HnswIndex.Params(16, 100, 100, threads, quantized),
            (d, t) -> {})) {
      assertEquals(5000, hnsw.size());
      float[] queries = clustered(100, 2);
      int found = 0;
      for (int q = 0; q < 100; q++) {
        float[] v = java.util.Arrays.copyOfRange(queries, q * DIM, (q + 1) * DIM);
        List<Hit> want = exact.search(v, 10, null);
        List<Hit> got = hnsw.search(v, 10, null);
        assertEquals(10, got.size());
        Set<Integer> w = new HashSet<>();
        want.forEach(h -> w.add(h.row()));
        for (Hit h : got) {
          found += w.contains(h.row()) ? 1 : 0;
        }
        assertEquals(want.get(0).score(), exact.search(v, 1, null).get(0).score(), 1e-6);
        for (int i = 1; i < got.size(); i++) {
          assertTrue(got.get(i - 1).score() >= got.get(i).score(), "best first");
        }
      }
      double recall = found / 1000.0;
      assertTrue(recall >= minRecall, "recall@10 " + recall);
    }
    assertOneGraphSegment(tmp.resolve("idx"));
  }

  @Test
  void filteredSearchReturnsKWhenKExist(@TempDir Path tmp) {
    float[] data = clustered(3000, 3);
    try (HnswIndex hnsw =
        HnswIndex.update(
            tmp.resolve("idx"), DIM, data, HnswIndex.Params.defaults(), (d, t) -> {})) {
      float[] q = java.util.Arrays.copyOfRange(data, 0, DIM);
      List<Hit> fifteen = hnsw.search(q, 10, r -> r % 200 == 7);
      assertEquals(10, fifteen.size());
      assertTrue(fifteen.stream().allMatch(h -> h.row() % 200 == 7));
      ExactIndex exact = new ExactIndex(DIM, data.clone());
      assertEquals(
          exact.search(q, 10, r -> r % 200 == 7).stream().map(Hit::row).toList(),
          fifteen.stream().map(Hit::row).toList(),
          "a selective filter is searched exactly");
      assertEquals(5, hnsw.search(q, 10, r -> r < 5).size(), "only 5 exist");
      assertEquals(0, hnsw.search(q, 10, r -> false).size());
    }
  }

  /**
   * A committed index is one segment whose vectors have their graph: the flat segments of a build
   * never outlive it.
   */
  static void assertOneGraphSegment(Path index) {
    try (org.apache.lucene.store.Directory d = org.apache.lucene.store.FSDirectory.open(index);
        org.apache.lucene.index.DirectoryReader r =
            org.apache.lucene.index.DirectoryReader.open(d)) {
      assertEquals(1, r.leaves().size());
      String format =
          r.leaves()
              .get(0)
              .reader()
              .getFieldInfos()
              .fieldInfo(HnswIndex.FIELD)
              .getAttribute(
                  org.apache.lucene.codecs.perfield.PerFieldKnnVectorsFormat.PER_FIELD_FORMAT_KEY);
      assertTrue(format.startsWith("Lucene99Hnsw"), format);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void updatesAddNewRowsAndASmallerFileIsRefused(@TempDir Path tmp) {
    float[] data = clustered(2000, 4);
    Path p = tmp.resolve("idx");
    float[] first = java.util.Arrays.copyOf(data, 1500 * DIM);
    HnswIndex.update(p, DIM, first, HnswIndex.Params.defaults(), (d, t) -> {}).close();
    long[] added = {0};
    try (HnswIndex again =
        HnswIndex.update(p, DIM, data, HnswIndex.Params.defaults(), (d, t) -> added[0] = t)) {
      assertEquals(2000, again.size());
      assertEquals(500, added[0]);
      float[] last = java.util.Arrays.copyOfRange(data, 1999 * DIM, 2000 * DIM);
      assertEquals(1999, again.search(last, 1, null).get(0).row());
      assertEquals(1.0, again.search(last, 1, null).get(0).score(), 1e-5);
    }
    assertOneGraphSegment(p);
    EmbeddingsException smaller =
        assertThrows(
            EmbeddingsException.class,
            () -> HnswIndex.update(p, DIM, first, HnswIndex.Params.defaults(), (d, t) -> {}));
    assertTrue(smaller.getMessage().contains("rebuild"), smaller.getMessage());
  }

  @Test
  void exactSearchRanksByCosine() {
    float[] data = {1, 0, 0, 1, 0.6f, 0.8f, -1, 0};
    ExactIndex idx = new ExactIndex(2, data);
    List<Hit> hits = idx.search(new float[] {2, 0}, 3, null);
    assertEquals(List.of(0, 2, 1), hits.stream().map(Hit::row).toList());
    assertEquals(0.6, hits.get(1).score(), 1e-6);
    assertThrows(EmbeddingsException.class, () -> idx.search(new float[3], 1, null));
  }
}
