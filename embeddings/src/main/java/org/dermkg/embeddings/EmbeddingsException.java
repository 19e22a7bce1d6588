package org.dermkg.embeddings;

import org.dermkg.errors.DermException;
import org.dermkg.errors.ErrorCode;

/**
 * The one unchecked exception of the embeddings module, with a stable {@link Code} (listed in the
 * README's Errors table).
 */
public final class EmbeddingsException extends DermException {
  private static final long serialVersionUID = 1L;

  /**
   * Stable error codes of the embeddings module, each with its HTTP status and {@code derm} exit
   * code.
   */
  public enum Code implements ErrorCode {
    /** The tokenizer vocabulary is missing, unreadable or malformed. */
    VOCAB_INVALID("EMB-VOCAB-INVALID", 500, 2),
    /** A model file (TorchScript, config, vocab) is missing. */
    MODEL_MISSING("EMB-MODEL-MISSING", 503, 2),
    /** A model file is corrupt or does not load. */
    MODEL_CORRUPT("EMB-MODEL-CORRUPT", 500, 2),
    /** The config does not match the model (embedding size, image size, context length...). */
    CONFIG_MISMATCH("EMB-CONFIG-MISMATCH", 500, 2),
    /** An image cannot be decoded. */
    IMAGE_UNREADABLE("EMB-IMAGE-UNREADABLE", 400, 2),
    /** A vector file is truncated or not a vector file. */
    VECTORS_INVALID("EMB-VECTORS-INVALID", 500, 2),
    /**
     * Vectors brought in from elsewhere ({@code derm embed --import}) cannot be used: a malformed
     * or truncated file, another dimension than the model's, an id list that does not match.
     */
    IMPORT_INVALID("EMB-IMPORT-INVALID", 400, 2),
    /** A caller passed an invalid argument. */
    BAD_ARGUMENT("EMB-BAD-ARGUMENT", 400, 2);

    private final Spec spec;

    Code(String id, int httpStatus, int exitCode) {
      this.spec = new Spec(id, httpStatus, exitCode);
    }

    @Override
    public Spec spec() {
      return spec;
    }
  }

  public EmbeddingsException(Code code, String message) {
    super(code, message);
  }

  public EmbeddingsException(Code code, String message, Throwable cause) {
    super(code, message, cause);
  }

  @Override
  public Code code() {
    return (Code) super.code();
  }
}
