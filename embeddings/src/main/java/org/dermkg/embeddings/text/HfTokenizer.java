package org.dermkg.embeddings.text;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;
import org.dermkg.embeddings.EmbeddingsException;
import org.dermkg.embeddings.EmbeddingsException.Code;

/**
 * A HuggingFace {@code tokenizer.json} run by the Rust tokenizers library (DJL's binding): the
 * file's normalizer, pre-tokenizer, model and post-processor exactly as Python's fast tokenizers
 * run them (for BERT: clean text, CJK spacing, lower case and accent stripping, WordPiece with
 * [UNK] for words over 100 characters, [CLS] ... [SEP]). The context length, truncation (the end
 * token kept last) and padding (to the context, with the file's pad id) are this class's, per call,
 * as open_clip's HFTokenizer asks for them ({@code max_length} padding, truncation). Texts are
 * cleaned first when {@code clean} says so (open_clip's "whitespace" clean). The file may be
 * gzip-compressed ({@code .json.gz}).
 */
public final class HfTokenizer implements TextTokenizer {
  private final String json;
  private final int padId;
  private final int vocabSize;
  private final boolean clean;
  private final Map<Integer, HuggingFaceTokenizer> byContext = new ConcurrentHashMap<>();
  private final HuggingFaceTokenizer uncut;

  private HfTokenizer(String json, int padId, int vocabSize, boolean clean) {
    this.json = json;
    this.padId = padId;
    this.vocabSize = vocabSize;
    this.clean = clean;
    this.uncut = build(Map.of("truncation", "false", "padding", "false"));
  }

  /** The tokenizer of a model: open_clip's clean first. */
  public static HfTokenizer load(Path file, int vocabSize) {
    return load(file, vocabSize, true);
  }

  /**
   * Loads {@code file}.
   *
   * @param maxVocab the model's vocabulary size: every id of the file must be below it (0: any)
   * @param clean whether texts get open_clip's whitespace clean before the tokenizer
   * @throws EmbeddingsException VOCAB_INVALID naming the file
   */
  public static HfTokenizer load(Path file, int maxVocab, boolean clean) {
    String json = read(file);
    JsonNode n;
    try {
      n = new ObjectMapper().readTree(json);
    } catch (IOException e) {
      throw invalid(file, "is not JSON: " + e.getMessage());
    }
    JsonNode vocab = n.path("model").path("vocab");
    if (!vocab.isObject() && !vocab.isArray()) {
      throw invalid(file, "has no model.vocab (not a HuggingFace tokenizer.json)");
    }
    int maxId = maxId(vocab, n.path("added_tokens"));
    if (maxVocab > 0 && maxId >= maxVocab) {
      throw invalid(
          file, "has token id " + maxId + "; the model's vocabulary has " + maxVocab + " ids");
    }
    int pad = padId(n, vocab);
    try {
      return new HfTokenizer(json, pad, maxId + 1, clean);
    } catch (RuntimeException e) { // the Rust library refuses the file
      throw invalid(file, "is refused by the tokenizers library: " + e.getMessage());
    }
  }

  private static int maxId(JsonNode vocab, JsonNode added) {
    int max = vocab.isArray() ? vocab.size() - 1 : -1;
    if (vocab.isObject()) {
      for (JsonNode id : (Iterable<JsonNode>) vocab::elements) {
        max = Math.max(max, id.asInt());
      }
    }
    for (JsonNode a : added) {
      max = Math.max(max, a.path("id").asInt());
    }
    return max;
  }

  /** The file's padding id, else [PAD]'s, else 0. */
  private static int padId(JsonNode n, JsonNode vocab) {
    if (n.path("padding").path("pad_id").isInt()) {
      return n.path("padding").path("pad_id").asInt();
    }
    return vocab.isObject() && vocab.path("[PAD]").isInt() ? vocab.path("[PAD]").asInt() : 0;
  }

  private static String read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      InputStream s = file.toString().endsWith(".gz") ? new GZIPInputStream(in) : in;
      return new String(s.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw invalid(file, "cannot be read: " + e.getMessage());
    }
  }

  private static EmbeddingsException invalid(Path file, String why) {
    return new EmbeddingsException(Code.VOCAB_INVALID, file + " " + why);
  }

  private HuggingFaceTokenizer build(Map<String, String> options) {
    try (InputStream in =
        new java.io.ByteArrayInputStream(json.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
      return HuggingFaceTokenizer.newInstance(in, options);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private HuggingFaceTokenizer at(int context) {
    if (context < 3) {
      throw new EmbeddingsException(Code.BAD_ARGUMENT, "context length " + context + " < 3");
    }
    return byContext.computeIfAbsent(
        context,
        c ->
            build(
                Map.of(
                    "truncation", "true",
                    "padding", "max_length",
                    "maxLength", Integer.toString(c))));
  }

  private String prepared(String text) {
    return clean ? TextCleaner.cleanKeepingCase(text) : text;
  }

  @Override
  public Kind kind() {
    return Kind.HF;
  }

  @Override
  public int[] tokenize(String text, int context) {
    Encoding e = at(context).encode(prepared(text));
    long[] ids = e.getIds();
    int[] out = new int[context];
    java.util.Arrays.fill(out, padId);
    for (int i = 0; i < Math.min(ids.length, context); i++) {
      out[i] = (int) ids[i];
    }
    return out;
  }

  @Override
  public int length(String text) {
    return uncut.encode(prepared(text)).getIds().length;
  }

  @Override
  public List<String> tokens(String text, int context) {
    Encoding e = at(context).encode(prepared(text));
    String[] t = e.getTokens();
    long[] mask = e.getAttentionMask();
    List<String> out = new ArrayList<>();
    for (int i = 0; i < t.length; i++) {
      if (mask[i] != 0) {
        out.add(t[i]);
      }
    }
    return out;
  }

  /** The attention mask of a text's model input (1 for the text and its special tokens). */
  public int[] attentionMask(String text, int context) {
    long[] m = at(context).encode(prepared(text)).getAttentionMask();
    int[] out = new int[context];
    for (int i = 0; i < Math.min(m.length, context); i++) {
      out[i] = (int) m[i];
    }
    return out;
  }

  @Override
  public int padId() {
    return padId;
  }

  @Override
  public int vocabSize() {
    return vocabSize;
  }

  @Override
  public void close() {
    byContext.values().forEach(HuggingFaceTokenizer::close);
    uncut.close();
  }
}
