package org.dermkg.embeddings.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.dermkg.embeddings.EmbeddingsException;
import org.dermkg.embeddings.EmbeddingsException.Code;

/**
 * CLIP's byte-level BPE tokenizer (OpenAI CLIP / open_clip SimpleTokenizer semantics): cleaned text
 * ({@link TextCleaner}) split by the CLIP pre-tokenisation pattern, each piece UTF-8 byte-mapped
 * with GPT-2's byte-to-unicode table, "&lt;/w&gt;" on its last symbol, merged by rank. {@link
 * #tokenize} adds start and end of text and pads or cuts to the context length. Immutable and
 * thread-safe (the BPE cache is concurrent and bounded).
 */
public final class ClipTokenizer implements TextTokenizer {
  /** OpenAI CLIP's vocabulary size: 256 bytes, 256 end-of-word bytes, 48,894 merges, 2 specials. */
  public static final int CLIP_VOCAB_SIZE = 49408;

  public static final String SOT = "<start_of_text>";
  public static final String EOT = "<end_of_text>";
  private static final int CACHE_LIMIT = 200_000;
  private static final Pattern PIECES =
      Pattern.compile(
          "<start_of_text>|<end_of_text>|'s|'t|'re|'ve|'m|'ll|'d|[\\p{L}]+|[\\p{N}]|[^\\s\\p{L}\\p{N}]+",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS);

  private final String[] byteSymbol = new String[256];
  private final Map<String, Integer> encoder = new HashMap<>();
  private final String[] decoder;
  private final Map<String, Integer> ranks = new HashMap<>();
  private final Map<String, int[]> cache = new ConcurrentHashMap<>();
  private final int sot;
  private final int eot;

  private ClipTokenizer(List<String[]> merges) {
    List<String> vocab = new ArrayList<>();
    int n = 0;
    boolean[] printable = new boolean[256];
    for (int b = 0; b < 256; b++) {
      printable[b] = (b >= '!' && b <= '~') || (b >= 0xa1 && b <= 0xac) || (b >= 0xae);
    }
    List<Integer> order = new ArrayList<>();
    for (int b = 0; b < 256; b++) {
      if (printable[b]) {
        order.add(b);
        byteSymbol[b] = String.valueOf((char) b);
      }
    }
    for (int b = 0; b < 256; b++) {
      if (!printable[b]) {
        order.add(b);
        byteSymbol[b] = String.valueOf((char) (256 + n++));
      }
    }
    order.forEach(b -> vocab.add(byteSymbol[b]));
    order.forEach(b -> vocab.add(byteSymbol[b] + "</w>"));
    for (int i = 0; i < merges.size(); i++) {
      String[] m = merges.get(i);
      vocab.add(m[0] + m[1]);
      ranks.put(m[0] + " " + m[1], i);
    }
    vocab.add(SOT);
    vocab.add(EOT);
    for (int i = 0; i < vocab.size(); i++) {
      encoder.put(vocab.get(i), i); // a later duplicate wins, as in Python's dict(zip(vocab, ids))
    }
    sot = encoder.get(SOT);
    eot = encoder.get(EOT);
    decoder = new String[vocab.size()];
    encoder.forEach((token, id) -> decoder[id] = token);
  }

  /**
   * Loads a CLIP BPE merges file (plain or .gz; a header line, then "a b" per line).
   *
   * @param vocabSize the model's vocabulary size; the first {@code vocabSize - 514} merges are used
   * @throws EmbeddingsException VOCAB_INVALID when the file is missing, short or malformed
   */
  public static ClipTokenizer load(Path file, int vocabSize) {
    if (!Files.isRegularFile(file)) {
      throw new EmbeddingsException(Code.VOCAB_INVALID, "no tokenizer vocabulary at " + file);
    }
    try (InputStream raw = Files.newInputStream(file)) {
      InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
      return read(in, vocabSize, file.toString());
    } catch (IOException e) {
      throw new EmbeddingsException(
          Code.VOCAB_INVALID,
          "cannot read the tokenizer vocabulary " + file + ": " + e.getMessage(),
          e);
    }
  }

  static ClipTokenizer read(InputStream in, int vocabSize, String where) throws IOException {
    int wanted = vocabSize - 512 - 2;
    if (wanted < 0) {
      throw new EmbeddingsException(
          Code.VOCAB_INVALID, "vocabulary size " + vocabSize + " is below 514");
    }
    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    r.readLine(); // header
    List<String[]> merges = new ArrayList<>(wanted);
    for (int line = 2; merges.size() < wanted; line++) {
      String s = r.readLine();
      if (s == null) {
        throw new EmbeddingsException(
            Code.VOCAB_INVALID,
            where + " has " + merges.size() + " merges; the model's vocabulary needs " + wanted);
      }
      String[] pair = s.split(" ");
      if (pair.length != 2 || pair[0].isEmpty() || pair[1].isEmpty()) {
        throw new EmbeddingsException(
            Code.VOCAB_INVALID, where + ":" + line + ": not a merge ('a b'): '" + s + "'");
      }
      merges.add(pair);
    }
    return new ClipTokenizer(merges);
  }

  /** Token ids of the text, without start/end of text. */
  public int[] encode(String text) {
    List<Integer> ids = new ArrayList<>();
    Matcher m = PIECES.matcher(TextCleaner.clean(text));
    while (m.find()) {
      String piece = m.group();
      Integer special =
          piece.equals(SOT) ? (Integer) sot : piece.equals(EOT) ? (Integer) eot : null;
      if (special != null) {
        ids.add(special);
        continue;
      }
      StringBuilder mapped = new StringBuilder();
      for (byte b : piece.getBytes(StandardCharsets.UTF_8)) {
        mapped.append(byteSymbol[b & 0xff]);
      }
      for (int id : bpe(mapped.toString())) {
        ids.add(id);
      }
    }
    return ids.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * The model input: start of text, the tokens, end of text, zero-padded to {@code context}; a
   * longer sequence is cut and its last id set to end of text.
   */
  @Override
  public int[] tokenize(String text, int context) {
    int[] body = encode(text);
    int[] out = new int[context];
    out[0] = sot;
    int n = Math.min(body.length, context - 2);
    System.arraycopy(body, 0, out, 1, n);
    if (body.length + 2 > context) {
      out[context - 1] = eot;
    } else {
      out[body.length + 1] = eot;
    }
    return out;
  }

  @Override
  public int length(String text) {
    return encode(text).length + 2;
  }

  @Override
  public Kind kind() {
    return Kind.CLIP_BPE;
  }

  /** The BPE symbols of the model input, up to its end of text ("&lt;/w&gt;" ends a word). */
  @Override
  public List<String> tokens(String text, int context) {
    List<String> out = new ArrayList<>();
    for (int id : tokenize(text, context)) {
      out.add(decoder[id] != null ? decoder[id] : "<" + id + ">");
      if (id == eot) {
        break;
      }
    }
    return out;
  }

  @Override
  public int padId() {
    return 0;
  }

  public int startOfText() {
    return sot;
  }

  public int endOfText() {
    return eot;
  }

  /** Number of token ids (the model's vocabulary size). */
  @Override
  public int vocabSize() {
    return encoder.size();
  }

  private int[] bpe(String token) {
    int[] hit = cache.get(token);
    if (hit != null) {
      return hit;
    }
    List<String> word = new ArrayList<>();
    token.codePoints().forEach(cp -> word.add(new String(Character.toChars(cp))));
    word.set(word.size() - 1, word.get(word.size() - 1) + "</w>");
    while (word.size() > 1) {
      int best = bestPair(word);
      if (best < 0) {
        break;
      }
      List<String> merged = merge(word, word.get(best), word.get(best + 1));
      word.clear();
      word.addAll(merged);
    }
    int[] ids = ids(word);
    if (cache.size() > CACHE_LIMIT) {
      cache.clear();
    }
    cache.put(token, ids);
    return ids;
  }

  /** The index of the first adjacent pair with the lowest merge rank, or -1 when none merges. */
  private int bestPair(List<String> word) {
    int bestRank = Integer.MAX_VALUE;
    int best = -1;
    for (int i = 0; i + 1 < word.size(); i++) {
      Integer rank = ranks.get(word.get(i) + " " + word.get(i + 1));
      if (rank != null && rank < bestRank) {
        bestRank = rank;
        best = i;
      }
    }
    return best;
  }

  /** {@code word} with every non-overlapping {@code first second} pair, left to right, joined. */
  private static List<String> merge(List<String> word, String first, String second) {
    List<String> merged = new ArrayList<>(word.size());
    for (int i = 0; i < word.size(); i++) {
      if (i + 1 < word.size() && word.get(i).equals(first) && word.get(i + 1).equals(second)) {
        merged.add(first + second);
        i++;
      } else {
        merged.add(word.get(i));
      }
    }
    return merged;
  }

  private int[] ids(List<String> word) {
    int[] ids = new int[word.size()];
    for (int i = 0; i < ids.length; i++) {
      Integer id = encoder.get(word.get(i));
      if (id == null) {
        throw new IllegalStateException(
            "BPE produced a symbol outside the vocabulary: " + word.get(i));
      }
      ids[i] = id;
    }
    return ids;
  }
}
