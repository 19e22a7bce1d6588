package org.dermkg.zeroshot;

import java.util.Objects;

/**
 * The one unchecked exception of the zeroshot module, with a stable {@link Code} (listed in the
 * README's Errors table). Errors of the modules below (embeddings, sparql, graph) pass through as
 * their own exceptions.
 */
public final class ZeroShotException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Stable error codes of the zeroshot module. */
  public enum Code {
    /** The model directory holds no exported model (no {@code config.json}). */
    MODEL_MISSING("ZEROSHOT-MODEL-MISSING"),
    /** A labels file cannot be read, has a malformed row, or names a label outside the set. */
    LABELS_INVALID("ZEROSHOT-LABELS-INVALID");

    private final String id;

    Code(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }
  }

  private final Code code;

  public ZeroShotException(Code code, String message) {
    super(message);
    this.code = Objects.requireNonNull(code);
  }

  public ZeroShotException(Code code, String message, Throwable cause) {
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
