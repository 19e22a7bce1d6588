package org.dermkg.embeddings.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dermkg.embeddings.EmbeddingsException;
import org.dermkg.embeddings.model.ClipModel;
import org.dermkg.embeddings.vectors.VectorFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prompt-set embeddings: per-prompt vectors and the paper's class weights. */
class TextEmbedderTest {
  @Test
  void classWeightsAreNormalisedMeansOfNormalisedPromptEmbeddings(@TempDir Path tmp)
      throws Exception {
    Path set = tmp.resolve("set.json");
    Files.writeString(
        set,
        "{\"classnames\": [\"melanoma\", \"nevus\"], \"templates\": [\"a photo of {}\", \"{}\"],"
            + " \"prompts\": {\"melanoma\": [\"a photo of melanoma\", \"melanoma\", \"melanoma, a kind of skin cancer\"]},"
            + " \"provenance\": {\"content_hash\": \"sha256:abc\"}}");
    TextEmbedder.PromptSet p = TextEmbedder.read(set);
    assertEquals(
        List.of("a photo of nevus", "nevus"), p.prompts().get("nevus"), "templates fill in");
    assertEquals("sha256:abc", p.hash());
    try (ClipModel model =
        ClipModel.load(Path.of(getClass().getResource("/fixtures/tiny-clip").toURI()), false)) {
      TextEmbedder.Report r = TextEmbedder.run(model, p, tmp.resolve("out/p"), 2);
      assertEquals(5, r.prompts());
      VectorFile.Loaded classes = VectorFile.read(r.classVectors());
      VectorFile.Loaded prompts = VectorFile.read(r.promptVectors());
      assertEquals(List.of("melanoma", "nevus"), classes.ids());
      assertEquals("0\tmelanoma", prompts.ids().get(1));
      float[] want = new float[32];
      float[][] raw = model.encodeTexts(p.prompts().get("melanoma"));
      for (float[] e : raw) {
        TextEmbedder.normalize(e);
        for (int d = 0; d < 32; d++) {
          want[d] += e[d] / 3;
        }
      }
      TextEmbedder.normalize(want);
      assertArrayEquals(want, classes.get(0), 1e-5f);
      double norm = 0;
      for (float x : classes.get(1)) {
        norm += x * x;
      }
      assertEquals(1.0, norm, 1e-5);
    }
  }

  @Test
  void aFileWithoutClassesIsAClearError(@TempDir Path tmp) throws Exception {
    Path bad = Files.writeString(tmp.resolve("bad.json"), "{\"prompts\": {}}");
    EmbeddingsException e = assertThrows(EmbeddingsException.class, () -> TextEmbedder.read(bad));
    assertTrue(e.getMessage().contains("no 'classnames'"), e.getMessage());
    Path empty = Files.writeString(tmp.resolve("e.json"), "{\"classnames\": [\"x\"]}");
    assertTrue(
        assertThrows(EmbeddingsException.class, () -> TextEmbedder.read(empty))
            .getMessage()
            .contains("class 'x' has no prompts"));
  }
}
