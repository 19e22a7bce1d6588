package org.dermkg.embeddings.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.dermkg.embeddings.EmbeddingsException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Token ids exactly as the reference implementation (embeddings/tools/clip_reference.py) computes
 * them for a list of hard strings: with a 2,000-merge vocabulary (committed) always, and with the
 * real CLIP vocabulary when ../shared has it.
 */
class ClipTokenizerTest {
  private static final Path FULL_VOCAB =
      Path.of("../../shared/data/clip/bpe_simple_vocab_16e6.txt.gz");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static ClipTokenizer small;

  record Case(String text, String clean, int[] ids) {
    @Override
    public String toString() {
      return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
  }

  @BeforeAll
  static void load() throws IOException {
    try (InputStream in = resource("vocab-2k.txt")) {
      small = ClipTokenizer.read(in, 2000 + 514, "vocab-2k.txt");
    }
  }

  private static InputStream resource(String name) {
    return ClipTokenizerTest.class.getResourceAsStream("/fixtures/clip/" + name);
  }

  static List<Case> cases(String file) throws IOException {
    List<Case> out = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(resource(file), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        JsonNode n = JSON.readTree(line);
        int[] ids = new int[n.get("ids").size()];
        for (int i = 0; i < ids.length; i++) {
          ids[i] = n.get("ids").get(i).asInt();
        }
        out.add(new Case(n.get("text").asText(), n.get("clean").asText(), ids));
      }
    }
    return out;
  }

  static Stream<Case> smallCases() throws IOException {
    return cases("tokens-2k.jsonl").stream();
  }

  static Stream<Case> fullCases() throws IOException {
    return cases("tokens-full.jsonl").stream();
  }

  @ParameterizedTest
  @MethodSource("smallCases")
  void cleaningMatchesTheReference(Case c) {
    assertEquals(c.clean(), TextCleaner.clean(c.text()));
  }

  @ParameterizedTest
  @MethodSource("smallCases")
  void idsMatchTheReferenceWithTheSmallVocabulary(Case c) {
    assertArrayEquals(c.ids(), small.tokenize(c.text(), 77));
  }

  @ParameterizedTest
  @MethodSource("fullCases")
  void idsMatchTheReferenceWithTheClipVocabulary(Case c) {
    Assumptions.assumeTrue(
        Files.isRegularFile(FULL_VOCAB), "../shared/data/clip is not here; skipped");
    assertArrayEquals(c.ids(), FullVocab.TOKENIZER.get().tokenize(c.text(), 77));
  }

  /** Loads the real vocabulary once, on first use. */
  private static final class FullVocab {
    static final java.util.function.Supplier<ClipTokenizer> TOKENIZER =
        new java.util.function.Supplier<>() {
          private ClipTokenizer t;

          @Override
          public synchronized ClipTokenizer get() {
            if (t == null) {
              t = ClipTokenizer.load(FULL_VOCAB, ClipTokenizer.CLIP_VOCAB_SIZE);
            }
            return t;
          }
        };
  }

  @Test
  void longTextIsCutAtTheContextWithEndOfTextLast() {
    int[] ids = small.tokenize("psoriasis ".repeat(60), 77);
    assertEquals(77, ids.length);
    assertEquals(small.startOfText(), ids[0]);
    assertEquals(small.endOfText(), ids[76]);
    assertTrue(small.encode("psoriasis ".repeat(60)).length > 75);
    int[] empty = small.tokenize("", 77);
    assertEquals(small.endOfText(), empty[1]);
    assertEquals(0, empty[2]);
  }

  @Test
  void badVocabulariesAreClearErrors(@TempDir Path tmp) throws IOException {
    EmbeddingsException missing =
        assertThrows(
            EmbeddingsException.class, () -> ClipTokenizer.load(tmp.resolve("none.txt"), 49408));
    assertEquals(EmbeddingsException.Code.VOCAB_INVALID, missing.code());
    Path shortFile = tmp.resolve("short.txt");
    Files.writeString(shortFile, "#version: 0.2\ni n\nt h\n");
    EmbeddingsException tooShort =
        assertThrows(EmbeddingsException.class, () -> ClipTokenizer.load(shortFile, 49408));
    assertTrue(tooShort.getMessage().contains("has 2 merges"), tooShort.getMessage());
    Path bad = tmp.resolve("bad.txt");
    Files.writeString(bad, "#version: 0.2\ni n\nthree parts here\n");
    EmbeddingsException malformed =
        assertThrows(EmbeddingsException.class, () -> ClipTokenizer.load(bad, 514 + 2));
    assertTrue(malformed.getMessage().contains("bad.txt:3"), malformed.getMessage());
  }
}
