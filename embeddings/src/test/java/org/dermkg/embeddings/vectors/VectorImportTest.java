package org.dermkg.embeddings.vectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * The importer of vectors made elsewhere, on .npy files that NumPy wrote
 * (embeddings/tools/make_import_fixtures.py).
 */
class VectorImportTest {
  static final Path DIR = Path.of("src/test/resources/fixtures/import");

  @TempDir Path tmp;

  static float[][] expected(String key) throws IOException {
    JsonNode rows = new ObjectMapper().readTree(DIR.resolve("expected.json").toFile()).get(key);
    float[][] out = new float[rows.size()][];
    for (int i = 0; i < rows.size(); i++) {
      out[i] = new float[rows.get(i).size()];
      for (int k = 0; k < out[i].length; k++) {
        out[i][k] = (float) rows.get(i).get(k).asDouble();
      }
    }
    return out;
  }

  @ParameterizedTest
  @CsvSource({
    "good-f32.npy, f32, float32",
    "good-be.npy, f32, float32",
    "good-v2.npy, f32, float32",
    "good-f16.npy, f16, float16"
  })
  void readsWhatNumpyWrites(String file, String key, String dtype) throws IOException {
    float[][] want = expected(key);
    try (NpyArray a = NpyArray.open(DIR.resolve(file))) {
      assertEquals(want.length, a.rows());
      assertEquals(want[0].length, a.dim());
      assertEquals(dtype, a.dtype());
      float[] row = new float[a.dim()];
      for (int i = a.rows() - 1; i >= 0; i--) { // backwards: rows are not read in order only
        a.row(i, row);
        assertArrayEquals(want[i], row, 0f, file + " row " + i);
      }
    }
  }

  @ParameterizedTest
  @CsvSource({
    "fortran.npy, Fortran order",
    "int32.npy, dtype '<i4'",
    "float64.npy, dtype '<f8'",
    "three-d.npy, two-dimensional",
    "truncated.npy, is truncated",
    "expected.json, not a NumPy .npy file"
  })
  void refusesWhatItCannotReadNamingFileAndField(String file, String words) {
    EmbeddingsException e =
        assertThrows(EmbeddingsException.class, () -> NpyArray.open(DIR.resolve(file)).close());
    assertEquals("EMB-IMPORT-INVALID", e.code().id());
    assertTrue(e.getMessage().contains(file), e.getMessage());
    assertTrue(e.getMessage().contains(words), e.getMessage());
  }

  @Test
  void idListsAsTextOrCsvWithAFilenameColumn() throws IOException {
    Path txt = tmp.resolve("ids.txt");
    Files.writeString(txt, "a.jpg\r\nb/c.png\n  d.jpg  \n");
    assertEquals(List.of("a.jpg", "b/c.png", "d.jpg"), IdList.read(txt));
    Path csv = tmp.resolve("ids.csv");
    Files.writeString(
        csv, "\uFEFFrow,FileName,label\n1,a.jpg,x\n2,\"b,\"\"odd\"\".png\",\"two\nlines\"\n");
    assertEquals(List.of("a.jpg", "b,\"odd\".png"), IdList.read(csv));
    Files.writeString(csv, "id\nx\n");
    assertEquals(List.of("x"), IdList.read(csv));
  }

  @Test
  void badIdListsNameTheLine() throws IOException {
    Path txt = tmp.resolve("ids.txt");
    Files.writeString(txt, "a.jpg\n\nb.jpg\n");
    assertTrue(
        assertThrows(EmbeddingsException.class, () -> IdList.read(txt))
            .getMessage()
            .contains("line 2"));
    Path csv = tmp.resolve("ids.csv");
    Files.writeString(csv, "image,label\na,b\n");
    assertTrue(
        assertThrows(EmbeddingsException.class, () -> IdList.read(csv))
            .getMessage()
            .contains("no filename or id column"));
    Files.writeString(csv, "filename\n\"a.jpg\n");
    assertTrue(
        assertThrows(EmbeddingsException.class, () -> IdList.read(csv))
            .getMessage()
            .contains("not closed"));
    Files.write(tmp.resolve("latin.txt"), new byte[] {'a', (byte) 0xE9, '\n'});
    assertTrue(
        assertThrows(EmbeddingsException.class, () -> IdList.read(tmp.resolve("latin.txt")))
            .getMessage()
            .contains("not UTF-8"));
  }

  private Path ids(String... ids) throws IOException {
    Path p = Files.createTempFile(tmp, "ids", ".txt");
    Files.writeString(p, String.join("\n", ids) + "\n", StandardCharsets.UTF_8);
    return p;
  }

  /** The "store": file names to IRIs. */
  static final Map<String, String> IMAGES =
      Map.of(
          "a.jpg", "urn:img:a",
          "b.jpg", "urn:img:b",
          "c.jpg", "urn:img:c",
          "d.jpg", "urn:img:d",
          "e.jpg", "urn:img:e",
          "f.jpg", "urn:img:f");

  static final Function<String, Optional<String>> RESOLVE =
      id ->
          Optional.ofNullable(IMAGES.get(id))
              .or(() -> Optional.of(id).filter(IMAGES::containsValue));

  @Test
  void importsGoodRowsRefusesAndListsTheRestAndResumes() throws IOException {
    Path base = tmp.resolve("emb/images");
    Path rejects = tmp.resolve("rejects.tsv");
    // 0 good, 1 NaN, 2 zero, 3 inf, 4 and 5 the same image (by name and by IRI), plus an unknown id
    // replacing nothing: the problems file has six rows
    VectorImport.Report r;
    try (VectorImport.Source s =
        VectorImport.npy(
            DIR.resolve("problems.npy"),
            ids("a.jpg", "b.jpg", "c.jpg", "d.jpg", "e.jpg", "urn:img:e"))) {
      r = VectorImport.run(s, 8, RESOLVE, base, rejects, (p, d, t) -> {});
    }
    assertEquals(1, r.imported());
    assertEquals(5, r.rejectedCount());
    assertEquals(
        Map.of(VectorImport.NOT_FINITE, 2, VectorImport.ZERO, 1, VectorImport.DUPLICATE, 2),
        r.rejected());
    assertEquals(
        List.of(1, 2, 3, 4, 5), r.samples().stream().map(VectorImport.Rejected::row).toList());
    List<String> listed = Files.readAllLines(rejects);
    assertEquals(6, listed.size());
    assertEquals("4\te.jpg\t" + VectorImport.DUPLICATE, listed.get(4));
    VectorFile.Loaded v = VectorFile.read(base);
    assertEquals(List.of("urn:img:a"), v.ids());
    assertArrayEquals(expected("f32")[0], v.get(0), 0f);

    // the good file: a is there already (skipped), an unknown id refused, the rest imported
    try (VectorImport.Source s =
        VectorImport.npy(
            DIR.resolve("good-f16.npy"),
            ids("a.jpg", "nobody.jpg", "urn:img:c", "d.jpg", "e.jpg", "f.jpg"))) {
      r = VectorImport.run(s, 8, RESOLVE, base, rejects, (p, d, t) -> {});
    }
    assertEquals(4, r.imported());
    assertEquals(1, r.alreadyThere());
    assertEquals(Map.of(VectorImport.UNKNOWN, 1), r.rejected());
    v = VectorFile.read(base);
    assertEquals(List.of("urn:img:a", "urn:img:c", "urn:img:d", "urn:img:e", "urn:img:f"), v.ids());
    assertArrayEquals(expected("f16")[5], v.get(4), 0f);

    // again: everything is there
    try (VectorImport.Source s =
        VectorImport.npy(
            DIR.resolve("good-f32.npy"),
            ids("a.jpg", "b.jpg", "c.jpg", "d.jpg", "e.jpg", "f.jpg"))) {
      r = VectorImport.run(s, 8, RESOLVE, base, rejects, (p, d, t) -> {});
    }
    assertEquals(1, r.imported()); // b, refused the first time for its NaN
    assertEquals(5, r.alreadyThere());
    assertTrue(r.rejected().isEmpty());
    // an image given twice is refused on both rows, even when it has its vector already
    try (VectorImport.Source s =
        VectorImport.npy(
            DIR.resolve("good-f32.npy"),
            ids("a.jpg", "urn:img:a", "c.jpg", "d.jpg", "e.jpg", "f.jpg"))) {
      r = VectorImport.run(s, 8, RESOLVE, base, rejects, (p, d, t) -> {});
    }
    assertEquals(0, r.imported());
    assertEquals(4, r.alreadyThere());
    assertEquals(Map.of(VectorImport.DUPLICATE, 2), r.rejected());
  }

  @Test
  void aSourceThatDoesNotFitWritesNothing() throws IOException {
    Path base = tmp.resolve("emb/images");
    Path rejects = tmp.resolve("rejects.tsv");
    EmbeddingsException e =
        assertThrows(
            EmbeddingsException.class,
            () -> {
              try (VectorImport.Source s =
                  VectorImport.npy(DIR.resolve("good-f32.npy"), ids("a.jpg", "b.jpg"))) {
                VectorImport.run(s, 8, RESOLVE, base, rejects, (p, d, t) -> {});
              }
            });
    assertEquals("EMB-IMPORT-INVALID", e.code().id());
    assertTrue(e.getMessage().contains("6 vectors but"), e.getMessage());
    e =
        assertThrows(
            EmbeddingsException.class,
            () -> {
              try (VectorImport.Source s =
                  VectorImport.npy(
                      DIR.resolve("good-f32.npy"),
                      ids("a.jpg", "b.jpg", "c.jpg", "d.jpg", "e.jpg", "f.jpg"))) {
                VectorImport.run(s, 512, RESOLVE, base, rejects, (p, d, t) -> {});
              }
            });
    assertTrue(
        e.getMessage().contains("8-dimensional vectors; the model's are 512"), e.getMessage());
    assertFalse(Files.exists(VectorFile.vectors(base)));
    assertFalse(Files.exists(rejects));
  }

  @Test
  void aFailureWhileAppendingCutsTheFilesBack() throws IOException {
    Path base = tmp.resolve("emb/images");
    try (VectorImport.Source s =
        VectorImport.npy(
            DIR.resolve("good-f32.npy"),
            ids("a.jpg", "b.jpg", "c.jpg", "d.jpg", "e.jpg", "f.jpg"))) {
      VectorImport.run(
          s,
          8,
          id -> id.equals("a.jpg") ? Optional.of("urn:img:a") : Optional.empty(),
          base,
          tmp.resolve("r.tsv"),
          (p, d, t) -> {});
    }
    long before = Files.size(VectorFile.vectors(base));
    String idsBefore = Files.readString(VectorFile.ids(base));
    // a source whose reads fail in the second pass after two batches of one row were appended
    VectorImport.Source failing =
        new VectorImport.Source() {
          int reads;

          @Override
          public int rows() {
            return 4;
          }

          @Override
          public int dim() {
            return 8;
          }

          @Override
          public String id(int row) {
            return List.of("b.jpg", "c.jpg", "d.jpg", "e.jpg").get(row);
          }

          @Override
          public void vector(int row, float[] out) {
            if (++reads > 4 + 2) {
              throw new IllegalStateException("the disk went away");
            }
            java.util.Arrays.fill(out, row + 1);
          }

          @Override
          public String describe() {
            return "failing";
          }

          @Override
          public void close() {}
        };
    assertThrows(
        IllegalStateException.class,
        () ->
            VectorImport.run(failing, 8, RESOLVE, base, tmp.resolve("r.tsv"), (p, d, t) -> {}, 1));
    assertEquals(before, Files.size(VectorFile.vectors(base)));
    assertEquals(idsBefore, Files.readString(VectorFile.ids(base)));
  }

  @Test
  void anIdWithALineBreakIsRefusedBeforeItsVectorIsWritten() throws IOException {
    Path base = tmp.resolve("v/images");
    try (VectorFile.Appender a = VectorFile.openForAppend(base, 2)) {
      assertThrows(
          EmbeddingsException.class, () -> a.append(List.of("x\ny"), new float[][] {{1, 2}}));
    }
    assertEquals(16, Files.size(VectorFile.vectors(base)));
    assertEquals("", Files.readString(VectorFile.ids(base)));
  }
}
