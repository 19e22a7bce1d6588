package org.dermkg.embeddings.text;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.dermkg.embeddings.EmbeddingsException;
import org.dermkg.embeddings.EmbeddingsException.Code;

/**
 * What a text tower needs from its tokenizer: a text's model input (ids with its special tokens,
 * cut and padded to the context length, padding id {@link #padId()} so the attention mask is {@code
 * ids != padId}), whether a text fits the context uncut, and the token strings for people. Two
 * kinds, chosen by the model's config: CLIP's byte-level BPE ({@link ClipTokenizer}, OpenAI CLIP
 * and DermLIP-ViT-B-16) and a HuggingFace {@code tokenizer.json} ({@link HfTokenizer}: BERT
 * WordPiece for PubMedBERT text towers such as DermLIP-PanDerm's and BiomedCLIP's). Implementations
 * are thread-safe.
 */
public interface TextTokenizer extends AutoCloseable {
  /** The kinds a model's {@code tokenizer_kind} names. */
  enum Kind {
    /** CLIP's byte-level BPE merges file (.txt or .txt.gz). */
    CLIP_BPE("clip-bpe"),
    /** A HuggingFace tokenizer.json (WordPiece, BPE, Unigram: what the Rust library runs). */
    HF("hf");

    private final String id;

    Kind(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }

    /**
     * The kind a config names ("clip-bpe", "hf", or "wordpiece" for an HF WordPiece file), or, when
     * it names none, the one its tokenizer file implies (a .json is HuggingFace's).
     */
    public static Kind of(String named, String file) {
      if (named == null || named.isBlank()) {
        return file.toLowerCase(Locale.ROOT).endsWith(".json") ? HF : CLIP_BPE;
      }
      return switch (named.toLowerCase(Locale.ROOT)) {
        case "clip-bpe", "clip" -> CLIP_BPE;
        case "hf", "wordpiece", "huggingface" -> HF;
        default ->
            throw new EmbeddingsException(
                Code.CONFIG_MISMATCH,
                "tokenizer_kind '" + named + "' is not one of clip-bpe, hf, wordpiece");
      };
    }
  }

  Kind kind();

  /**
   * The model input of a text: start/[CLS], the tokens, end/[SEP], padded with {@link #padId()} to
   * {@code context}; a longer text is cut and keeps its end token last.
   */
  int[] tokenize(String text, int context);

  /** How many tokens {@code text} makes with its special tokens, uncut. */
  int length(String text);

  /** Whether {@code text} fits {@code context} with its special tokens, uncut. */
  default boolean fits(String text, int context) {
    return length(text) <= context;
  }

  /** The token strings of a text's model input, without the padding. */
  List<String> tokens(String text, int context);

  /** The padding id (0 for CLIP and BERT). */
  int padId();

  /** Number of token ids. */
  int vocabSize();

  @Override
  default void close() {}

  /**
   * Loads the tokenizer of a kind.
   *
   * @param vocabSize the model's vocabulary size (checked against the file)
   * @throws EmbeddingsException VOCAB_INVALID naming the file
   */
  static TextTokenizer load(Kind kind, Path file, int vocabSize) {
    return switch (kind) {
      case CLIP_BPE -> ClipTokenizer.load(file, vocabSize);
      case HF -> HfTokenizer.load(file, vocabSize);
    };
  }
}
