package org.dermkg.embeddings.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dermkg.embeddings.EmbeddingsException;
import org.dermkg.embeddings.model.ClipModel;
import org.dermkg.embeddings.vectors.VectorFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The batch embedding job with the tiny model: vectors, skips, resume, truncation. */
class ImageEmbedderTest {
  private static ClipModel model;
  private static Path images;

  @BeforeAll
  static void load() throws Exception {
    model =
        ClipModel.load(
            Path.of(ImageEmbedderTest.class.getResource("/fixtures/tiny-clip").toURI()), false);
    images = Path.of(ImageEmbedderTest.class.getResource("/fixtures/preprocess").toURI());
  }

  @AfterAll
  static void close() {
    model.close();
  }

  private static List<ImageEmbedder.Item> items(Path tmp) throws Exception {
    Path broken = Files.writeString(tmp.resolve("broken.jpg"), "not a jpeg");
    List<ImageEmbedder.Item> out = new ArrayList<>();
    for (String f :
        List.of(
            "landscape.png", "portrait.png", "gray.png", "small.png", "photo.jpg", "wide.png")) {
      out.add(new ImageEmbedder.Item("img:" + f, images.resolve(f)));
    }
    out.add(2, new ImageEmbedder.Item("img:broken", broken));
    out.add(new ImageEmbedder.Item("img:missing", tmp.resolve("missing.png")));
    return out;
  }

  @Test
  void embedsInBatchesSkipsBadImagesAndResumes(@TempDir Path tmp) throws Exception {
    Path base = tmp.resolve("out/images");
    List<ImageEmbedder.Item> items = items(tmp);
    long[] last = {0};
    ImageEmbedder.Report r = ImageEmbedder.run(model, items, base, 4, 2, (d, t) -> last[0] = d);
    assertEquals(6, r.embedded());
    assertEquals(2, r.skipped());
    assertEquals(8, last[0]);
    VectorFile.Loaded v = VectorFile.read(base);
    assertEquals(32, v.dim());
    assertEquals(
        List.of(
            "img:landscape.png",
            "img:portrait.png",
            "img:gray.png",
            "img:small.png",
            "img:photo.jpg",
            "img:wide.png"),
        v.ids());
    // the same vector as a direct call
    float[] direct =
        model
            .encodeImages(
                new float[][] {model.preprocessor().preprocess(images.resolve("gray.png"))})[0];
    assertArrayEquals(direct, v.get(2), 1e-5f);
    List<String> skipped = Files.readAllLines(base.resolveSibling("images.skipped.tsv"));
    assertEquals(2, skipped.size());
    assertTrue(skipped.get(0).startsWith("img:broken\t"), skipped.get(0));

    // a crash mid-write: half a vector and an id without its newline
    try (RandomAccessFile raf = new RandomAccessFile(VectorFile.vectors(base).toFile(), "rw")) {
      raf.setLength(raf.length() - 4L * 32 * 2 - 10);
    }
    Files.writeString(VectorFile.ids(base), "img:half", java.nio.file.StandardOpenOption.APPEND);
    EmbeddingsException truncated =
        assertThrows(EmbeddingsException.class, () -> VectorFile.read(base));
    assertTrue(truncated.getMessage().contains("truncated"), truncated.getMessage());
    ImageEmbedder.Report again = ImageEmbedder.run(model, items, base, 4, 2, (d, t) -> {});
    assertEquals(3, again.alreadyDone());
    assertEquals(3, again.embedded(), "the three cut off are done again");
    VectorFile.Loaded resumed = VectorFile.read(base);
    assertEquals(v.ids(), resumed.ids());
    assertArrayEquals(v.data(), resumed.data(), 1e-5f);
  }

  @Test
  void aVectorFileOfAnotherDimensionIsRefused(@TempDir Path tmp) {
    Path base = tmp.resolve("v");
    try (VectorFile.Appender a = VectorFile.openForAppend(base, 8)) {
      a.append(List.of("x"), new float[][] {new float[8]});
    }
    EmbeddingsException e =
        assertThrows(EmbeddingsException.class, () -> VectorFile.openForAppend(base, 32));
    assertTrue(e.getMessage().contains("8-dimensional"), e.getMessage());
    assertEquals(1, VectorFile.read(base).size());
  }
}
