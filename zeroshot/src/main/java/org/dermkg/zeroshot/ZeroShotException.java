package org.dermkg.zeroshot;

import org.dermkg.errors.DermException;
import org.dermkg.errors.ErrorCode;

/**
 * The one unchecked exception of the zeroshot module, with a stable {@link Code} (listed in the
 * README's Errors table). Errors of the modules below (embeddings, sparql, graph) pass through as
 * their own exceptions.
 */
public final class ZeroShotException extends DermException {
  private static final long serialVersionUID = 1L;

  /**
   * Stable error codes of the zeroshot module, each with its HTTP status and {@code derm} exit
   * code.
   */
  public enum Code implements ErrorCode {
    /** A labels file cannot be read, has a malformed row, or names a label outside the set. */
    LABELS_INVALID("ZEROSHOT-LABELS-INVALID", 400, 2);

    private final Spec spec;

    Code(String id, int httpStatus, int exitCode) {
      this.spec = new Spec(id, httpStatus, exitCode);
    }

    @Override
    public Spec spec() {
      return spec;
    }
  }

  public ZeroShotException(Code code, String message) {
    super(code, message);
  }

  public ZeroShotException(Code code, String message, Throwable cause) {
    super(code, message, cause);
  }

  @Override
  public Code code() {
    return (Code) super.code();
  }
}
