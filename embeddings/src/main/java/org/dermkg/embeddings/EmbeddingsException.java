package org.dermkg.embeddings;

import java.util.Objects;

/**
 * The one unchecked exception of the embeddings module, with a stable {@link Code} (listed in the
 * README's Errors table).
 */
public final class EmbeddingsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Stable error codes of the embeddings module. */
  public enum Code {
    /** The tokenizer vocabulary is missing, unreadable or malformed. */
    VOCAB_INVALID("EMB-VOCAB-INVALID"),
    /** A model file (TorchScript, config, vocab) is missing. */
    MODEL_MISSING("EMB-MODEL-MISSING"),
    /** A model file is corrupt or does not load. */
    MODEL_CORRUPT("EMB-MODEL-CORRUPT"),
    /** The config does not match the model (embedding size, image size, context length...). */
    CONFIG_MISMATCH("EMB-CONFIG-MISMATCH"),
    /** An image cannot be decoded. */
    IMAGE_UNREADABLE("EMB-IMAGE-UNREADABLE"),
    /** A vector file is truncated or not a vector file. */
    VECTORS_INVALID("EMB-VECTORS-INVALID"),
    /** A caller passed an invalid argument. */
    BAD_ARGUMENT("EMB-BAD-ARGUMENT");

    private final String id;

    Code(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }
  }

  private final Code code;

  public EmbeddingsException(Code code, String message) {
    super(message);
    this.code = Objects.requireNonNull(code);
  }

  public EmbeddingsException(Code code, String message, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code);
  }

  public Code code() {
    return code;
  }

  @Override
  public String toString() {
    return code.id() + ": " + getMessage();
  }
}
