package org.dermkg.embeddings.vectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dermkg.embeddings.model.ClipModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Python embedding script for GPU boxes (embeddings/tools/embed_images.py) writes what the
 * importer reads, with the same vectors as the Java path: run here on the CPU with Debian's
 * python3-torch and the tiny TorchScript model; skipped with a message where Python lacks torch,
 * Pillow or NumPy.
 */
public class EmbedScriptTest {
  static final Path TINY = Path.of("src/test/resources/fixtures/tiny-clip");
  static final Path IMAGES = Path.of("src/test/resources/fixtures/preprocess");

  @TempDir Path tmp;

  /** The first Python with torch, Pillow and NumPy: $DERM_PYTHON, Debian's, the one on PATH. */
  public static java.util.Optional<String> pythonWithTorch() {
    List<String> candidates = new java.util.ArrayList<>();
    if (System.getenv("DERM_PYTHON") != null) {
      candidates.add(System.getenv("DERM_PYTHON"));
    }
    candidates.add("/usr/bin/python3");
    candidates.add("python3");
    for (String python : candidates) {
      try {
        Process p =
            new ProcessBuilder(python, "-c", "import torch, PIL, numpy")
                .redirectErrorStream(true)
                .start();
        p.getInputStream().readAllBytes();
        if (p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0) {
          return java.util.Optional.of(python);
        }
      } catch (IOException | InterruptedException e) {
        // not this one
      }
    }
    return java.util.Optional.empty();
  }

  @Test
  void writesWhatTheImporterReadsWithTheJavaPathsVectors() throws Exception {
    java.util.Optional<String> python = pythonWithTorch();
    assumeTrue(
        python.isPresent(),
        "python3 with torch, PIL and numpy is not installed (Debian: python3-torch python3-pil):"
            + " the embedding script is not checked");
    // the images plus one that cannot be read
    Path images = Files.createDirectories(tmp.resolve("images/sub"));
    try (var files = Files.list(IMAGES)) {
      for (Path f : files.filter(f -> !f.toString().endsWith(".crop.png")).toList()) {
        if (f.toString().endsWith(".png") || f.toString().endsWith(".jpg")) {
          Files.copy(f, images.resolve(f.getFileName()));
        }
      }
    }
    Files.writeString(images.resolve("broken.jpg"), "not an image");
    Process p =
        new ProcessBuilder(
                python.get(),
                "tools/embed_images.py",
                "--torchscript",
                TINY.toString(),
                "--images",
                tmp.resolve("images").toString(),
                "--out",
                tmp.resolve("out").toString(),
                "--batch",
                "3",
                "--workers",
                "2",
                "--device",
                "cpu")
            .redirectErrorStream(true)
            .start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), log);
    assertEquals(0, p.exitValue(), log);
    List<String> ids = IdList.read(tmp.resolve("out.ids.txt"));
    List<String> skipped = Files.readAllLines(tmp.resolve("out.skipped.tsv"));
    assertEquals(2, skipped.size(), skipped.toString());
    assertTrue(skipped.get(1).startsWith("sub/broken.jpg\t"), skipped.toString());
    try (NpyArray a = NpyArray.open(tmp.resolve("out.npy"));
        ClipModel model = ClipModel.load(TINY, false)) {
      assertEquals(ids.size(), a.rows());
      assertEquals(model.config().embedDim(), a.dim());
      assertTrue(ids.size() >= 8, ids.toString());
      float[] row = new float[a.dim()];
      for (int i = 0; i < ids.size(); i++) {
        a.row(i, row);
        float[] java =
            model
                .encodeImages(
                    new float[][] {
                      model.preprocessor().preprocess(tmp.resolve("images").resolve(ids.get(i)))
                    })[0];
        assertArrayEquals(java, row, 1e-5f, ids.get(i));
      }
    }
  }
}
