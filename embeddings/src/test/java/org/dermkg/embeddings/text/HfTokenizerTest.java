package org.dermkg.embeddings.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.dermkg.embeddings.EmbeddingsException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The HuggingFace tokenizer.json path against the Rust tokenizers library's own ids: a real BERT
 * uncased WordPiece file (30,522 entries) and 70 texts (accents, case, CJK, punctuation runs, a
 * word over 100 characters, control characters, empty text, truncation with [SEP] kept last, texts
 * of exactly 253-255 tokens), written by embeddings/tools/make_wordpiece_fixtures.mjs with the npm
 * tokenizers 0.23.2 binding.
 */
class HfTokenizerTest {
  static final Path DIR = Path.of("src/test/resources/fixtures/wordpiece");
  static HfTokenizer tokenizer;

  @TempDir Path tmp;

  @BeforeAll
  static void load() {
    tokenizer = HfTokenizer.load(DIR.resolve("tokenizer.json.gz"), 30522, false);
  }

  @AfterAll
  static void close() {
    tokenizer.close();
  }

  static Stream<JsonNode> cases() throws IOException {
    List<JsonNode> out = new ArrayList<>();
    new ObjectMapper()
        .readTree(DIR.resolve("expected.json").toFile())
        .get("cases")
        .forEach(out::add);
    return out.stream();
  }

  static int[] ints(JsonNode a) {
    int[] out = new int[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.get(i).asInt();
    }
    return out;
  }

  @ParameterizedTest(name = "{index}")
  @MethodSource("cases")
  void idsMaskAndTokensAsTheRustLibraryGivesThem(JsonNode c) {
    String text = c.get("text").asText();
    String name = c.get("name").asText();
    assertArrayEquals(ints(c.get("ids")), tokenizer.tokenize(text, 256), name);
    assertArrayEquals(ints(c.get("attention_mask")), tokenizer.attentionMask(text, 256), name);
    List<String> tokens = new ArrayList<>();
    c.get("tokens").forEach(t -> tokens.add(t.asText()));
    assertEquals(tokens, tokenizer.tokens(text, 256), name);
    int real = tokens.size();
    assertEquals(real < 256 || tokenizer.length(text) == 256, tokenizer.fits(text, 256), name);
  }

  @Test
  void truncationKeepsSepLastAndShorterContextsWork() {
    String text = "a dermoscopic image of melanoma on the back of an elderly patient";
    int[] cut = tokenizer.tokenize(text, 6);
    assertEquals(6, cut.length);
    assertEquals(101, cut[0]);
    assertEquals(102, cut[5]);
    assertFalse(tokenizer.fits(text, 6));
    assertTrue(tokenizer.fits(text, 64));
    assertEquals(tokenizer.length(text), tokenizer.tokens(text, 64).size());
    assertArrayEquals(new int[] {101, 102, 0, 0}, tokenizer.tokenize("", 4));
    assertEquals(0, tokenizer.padId());
    assertEquals(30522, tokenizer.vocabSize());
  }

  @Test
  void openClipsCleanComesFirstForModels() {
    try (HfTokenizer cleaning = HfTokenizer.load(DIR.resolve("tokenizer.json.gz"), 30522, true)) {
      // HTML entities and whitespace runs are cleaned before the tokenizer sees the text
      assertArrayEquals(
          tokenizer.tokenize("skin & hair", 16), cleaning.tokenize("skin &amp;\t\n hair", 16));
    }
  }

  @Test
  void filesThatAreNotTokenizersOrDoNotFitTheModelAreRefusedByName() throws IOException {
    Path notJson = tmp.resolve("tokenizer.json");
    Files.writeString(notJson, "not json");
    EmbeddingsException e =
        assertThrows(EmbeddingsException.class, () -> HfTokenizer.load(notJson, 0, false));
    assertEquals("EMB-VOCAB-INVALID", e.code().id());
    assertTrue(e.getMessage().contains(notJson.toString()), e.getMessage());
    Path noModel = tmp.resolve("other.json");
    Files.writeString(noModel, "{\"model\": {}}");
    assertTrue(
        assertThrows(EmbeddingsException.class, () -> HfTokenizer.load(noModel, 0, false))
            .getMessage()
            .contains("no model.vocab"));
    EmbeddingsException tooBig =
        assertThrows(
            EmbeddingsException.class,
            () -> HfTokenizer.load(DIR.resolve("tokenizer.json.gz"), 2048, false));
    assertTrue(
        tooBig.getMessage().contains("the model's vocabulary has 2048 ids"), tooBig.getMessage());
  }

  @Test
  void theKindFollowsTheConfigOrTheFileName() {
    assertEquals(TextTokenizer.Kind.HF, TextTokenizer.Kind.of(null, "tokenizer.json"));
    assertEquals(TextTokenizer.Kind.CLIP_BPE, TextTokenizer.Kind.of(null, "bpe.txt.gz"));
    assertEquals(TextTokenizer.Kind.HF, TextTokenizer.Kind.of("wordpiece", "vocab.bin"));
    assertEquals(TextTokenizer.Kind.CLIP_BPE, TextTokenizer.Kind.of("clip-bpe", "x.json"));
    assertThrows(EmbeddingsException.class, () -> TextTokenizer.Kind.of("sentencepiece", "x"));
  }
}
