package org.dermkg.embeddings.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dermkg.embeddings.text.HfTokenizer;
import org.dermkg.embeddings.text.TextTokenizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A model of DermLIP-PanDerm's shape, tiny (embeddings/tools/make_bert_fixtures.py: a small ViT and
 * a BERT text tower with mean pooling over the attention mask and an MLP projection, WordPiece
 * tokenizer.json, 256 tokens, random weights), through the same path as a CLIP model: config.json
 * picks the HuggingFace tokenizer, DJL's libtorch runs the TorchScript, and ids and embeddings
 * equal torch's.
 */
class BertClipModelTest {
  private static final double TOLERANCE = 1e-5;
  private static Path dir;
  private static JsonNode expected;
  private static ClipModel model;

  @BeforeAll
  static void load() throws Exception {
    dir = ClipModelTest.fixture("tiny-bert-clip");
    expected = new ObjectMapper().readTree(dir.resolve("expected.json").toFile());
    model = ClipModel.load(dir, false);
  }

  @AfterAll
  static void close() {
    model.close();
  }

  private static int[] ints(JsonNode a) {
    int[] v = new int[a.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = a.get(i).asInt();
    }
    return v;
  }

  private static float[] vector(JsonNode a) {
    return ClipModelTest.vector(a);
  }

  private static void close(float[] want, float[] got, String what) {
    ClipModelTest.close(want, got, what);
  }

  @Test
  void theConfigChoosesTheWordPieceTokenizerAndItsContext() {
    assertEquals(TextTokenizer.Kind.HF, model.config().tokenizerKind());
    assertEquals(256, model.config().contextLength());
    assertTrue(model.tokenizer() instanceof HfTokenizer);
  }

  @Test
  void idsMasksAndTextEmbeddingsEqualTorchs() {
    List<String> texts = new ArrayList<>();
    expected.get("texts").forEach(t -> texts.add(t.get("text").asText()));
    float[][] emb = model.encodeTexts(texts);
    HfTokenizer tok = (HfTokenizer) model.tokenizer();
    for (int i = 0; i < texts.size(); i++) {
      JsonNode t = expected.get("texts").get(i);
      String text = texts.get(i);
      int[] ids = tok.tokenize(text, 256);
      assertArrayEquals(ints(t.get("ids")), ids, "ids of '" + text + "'");
      if (t.has("attention_mask")) {
        // the model's mask is ids != pad id, as open_clip's HFTextEncoder makes it: a [PAD]
        // typed into the text is masked too (the tokenizer's own mask would keep it)
        int[] mask = new int[ids.length];
        for (int j = 0; j < ids.length; j++) {
          mask[j] = ids[j] != tok.padId() ? 1 : 0;
        }
        assertArrayEquals(ints(t.get("attention_mask")), mask, "mask of '" + text + "'");
      }
      close(vector(t.get("embedding")), emb[i], "text '" + text + "'");
    }
  }

  @Test
  void aTextAloneIsCutToItsOwnLengthAndStillEqualsTorchs() {
    // alone, a short text's batch is its own length, not 256 (the model masks ids == pad id)
    for (JsonNode t : expected.get("texts")) {
      String text = t.get("text").asText();
      close(
          vector(t.get("embedding")), model.encodeTexts(List.of(text))[0], "alone: '" + text + "'");
    }
  }

  @Test
  void imageEmbeddingsEqualTorchs() throws Exception {
    Path images = ClipModelTest.fixture("preprocess");
    List<float[]> batch = new ArrayList<>();
    for (JsonNode img : expected.get("images")) {
      batch.add(model.preprocessor().preprocess(images.resolve(img.get("file").asText())));
    }
    float[][] emb = model.encodeImages(batch.toArray(new float[0][]));
    for (int i = 0; i < emb.length; i++) {
      close(vector(expected.get("images").get(i).get("embedding")), emb[i], "image " + i);
    }
  }

  @Test
  void theExportsParityFilePasses() {
    ParityCheck.Result r = ParityCheck.run(model, dir);
    assertTrue(r.passed(TOLERANCE), r.problems() + " max diff " + r.maxAbsDiff());
    assertTrue(r.texts() >= 8, "texts " + r.texts());
  }
}
