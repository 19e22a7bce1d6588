package org.dermkg.embeddings.vectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.dermkg.embeddings.EmbeddingsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Hadoop-free Parquet reader of {@code derm embed --import}, on files two independent writers
 * made: Spark 4.2's parquet-java (embeddings/tools/MakeParquetFixtures.java: a folder of snappy
 * part files, zstd with v2 pages, gzip doubles without dictionary) and DuckDB's C++ writer
 * (MakeDuckdbParquetFixtures.java: zstd, snappy with v2 pages, uncompressed).
 */
class ParquetVectorsTest {
  static final Path DIR = Path.of("src/test/resources/fixtures/parquet");

  @TempDir Path tmp;

  /** The fixtures' good row i, component j (exact in float). */
  static float component(int i, int j) {
    return (((31 * i + 7 * j) % 97) - 48) / 16f;
  }

  @ParameterizedTest
  @CsvSource({
    "spark-snappy, filename + vector",
    "spark-gzip-double.parquet, id + embedding",
    "duckdb-zstd.parquet, filename + vector",
    "duckdb-snappy-v2.parquet, filename + vector",
    "duckdb-uncompressed.parquet, filename + vector"
  })
  void readsWhatSparkAndDuckdbWrite(String name, String columns) {
    try (VectorImport.Source s =
        ParquetVectors.open(DIR.resolve(name), ParquetVectors.Columns.DEFAULT, "tiny-clip")) {
      assertEquals(6, s.rows());
      assertEquals(8, s.dim());
      assertTrue(s.describe().contains(columns), s.describe());
      Map<String, float[]> byId = new HashMap<>();
      float[] v = new float[8];
      for (int r = s.rows() - 1; r >= 0; r--) {
        assertNull(s.rowProblem(r), name + " row " + r);
        s.vector(r, v);
        byId.put(s.id(r), v.clone());
      }
      for (int i = 0; i < 6; i++) {
        float[] want = new float[8];
        for (int j = 0; j < 8; j++) {
          want[j] = component(i, j);
        }
        assertArrayEquals(want, byId.get("img" + i + ".jpg"), 0f, name + " img" + i);
      }
    }
  }

  @Test
  void refusesEachBadRowForItsReasonAndKeepsTheRest() throws IOException {
    Path base = tmp.resolve("emb/images");
    Path rejects = tmp.resolve("rejects.tsv");
    Function<String, Optional<String>> resolve =
        id -> id.endsWith(".jpg") ? Optional.of("urn:img:" + id) : Optional.empty();
    VectorImport.Report r;
    try (VectorImport.Source s =
        ParquetVectors.open(
            DIR.resolve("spark-v2-zstd.parquet"), ParquetVectors.Columns.DEFAULT, "tiny-clip")) {
      assertEquals(14, s.rows());
      assertEquals(8, s.dim()); // the length most rows have, not the first bad row's
      r = VectorImport.run(s, 8, resolve, base, rejects, (p, d, t) -> {});
    }
    assertEquals(6, r.imported());
    assertEquals(8, r.rejectedCount());
    String listed = Files.readString(rejects);
    for (String line :
        List.of(
            "null-vector.jpg\tno vector (null or empty)",
            "empty-vector.jpg\tno vector (null or empty)",
            "ragged.jpg\t3 components (the others have 8)",
            "null-component.jpg\ta null component",
            "\tno id (null or empty)",
            "nan.jpg\t" + VectorImport.NOT_FINITE,
            "zero.jpg\t" + VectorImport.ZERO,
            "other-model.jpg\tmodel_id another-model (the import is for tiny-clip)")) {
      assertTrue(listed.contains(line), line + " in\n" + listed);
    }
    VectorFile.Loaded written = VectorFile.read(base);
    assertEquals(6, written.size());
    for (int i = 0; i < 6; i++) {
      int at = written.ids().indexOf("urn:img:img" + i + ".jpg");
      for (int j = 0; j < 8; j++) {
        assertEquals(component(i, j), written.data()[at * 8 + j], 0f);
      }
    }
  }

  @Test
  void namedColumnsAndMissingOnesNameTheFileAndItsColumns() {
    try (VectorImport.Source s =
        ParquetVectors.open(
            DIR.resolve("spark-gzip-double.parquet"),
            new ParquetVectors.Columns("id", "embedding"),
            null)) {
      assertEquals(6, s.rows());
    }
    EmbeddingsException e =
        assertThrows(
            EmbeddingsException.class,
            () ->
                ParquetVectors.open(
                    DIR.resolve("duckdb-zstd.parquet"),
                    new ParquetVectors.Columns(null, "embedding"),
                    null));
    assertEquals("EMB-IMPORT-INVALID", e.code().id());
    assertTrue(e.getMessage().contains("duckdb-zstd.parquet"), e.getMessage());
    assertTrue(e.getMessage().contains("no vector column (embedding)"), e.getMessage());
    assertTrue(e.getMessage().contains("vector.list.element"), e.getMessage());
    EmbeddingsException notString =
        assertThrows(
            EmbeddingsException.class,
            () ->
                ParquetVectors.open(
                    DIR.resolve("duckdb-zstd.parquet"),
                    new ParquetVectors.Columns("vector", null),
                    null));
    assertTrue(notString.getMessage().contains("no id column (vector)"), notString.getMessage());
  }

  @Test
  void damagedFilesAreRefusedNamingTheFile() throws IOException {
    byte[] good = Files.readAllBytes(DIR.resolve("duckdb-zstd.parquet"));
    Map<String, byte[]> bad = new HashMap<>();
    bad.put("empty.parquet", new byte[0]);
    bad.put("truncated.parquet", java.util.Arrays.copyOf(good, good.length - 100));
    bad.put("text.parquet", "filename,vector\na.jpg,1\n".getBytes());
    byte[] footer = good.clone();
    footer[footer.length - 8] = (byte) 0xff; // footer length past the file
    bad.put("footer.parquet", footer);
    for (int at = 4; at < good.length - 8; at += 7) {
      byte[] flipped = good.clone();
      flipped[at] ^= 0x5a; // pages and footer, byte by byte
      bad.put("flipped-" + at + ".parquet", flipped);
    }
    int refused = 0;
    for (var b : bad.entrySet()) {
      Path f = tmp.resolve(b.getKey());
      Files.write(f, b.getValue());
      try (VectorImport.Source s = ParquetVectors.open(f, ParquetVectors.Columns.DEFAULT, null)) {
        assertTrue(b.getKey().startsWith("flipped-"), b.getKey() + " was read: " + s.describe());
      } catch (EmbeddingsException e) {
        refused++;
        assertEquals("EMB-IMPORT-INVALID", e.code().id());
        assertTrue(e.getMessage().contains(b.getKey()), e.getMessage());
      }
    }
    // the four made-up files at least; a flipped value byte may still decode (to another value)
    assertTrue(refused >= 4 + 10, refused + " of " + bad.size() + " refused");
  }

  @Test
  void aFolderWithoutPartFilesOrAMissingPathIsRefused() throws IOException {
    Files.createDirectories(tmp.resolve("out/_temporary"));
    Files.writeString(tmp.resolve("out/_SUCCESS"), "");
    Files.copy(DIR.resolve("duckdb-zstd.parquet"), tmp.resolve("out/_temporary/part-0.parquet"));
    EmbeddingsException e =
        assertThrows(
            EmbeddingsException.class,
            () -> ParquetVectors.open(tmp.resolve("out"), ParquetVectors.Columns.DEFAULT, null));
    assertTrue(e.getMessage().contains("holds no .parquet file"), e.getMessage());
    assertThrows(
        EmbeddingsException.class,
        () ->
            ParquetVectors.open(tmp.resolve("nope.parquet"), ParquetVectors.Columns.DEFAULT, null));
  }
}
