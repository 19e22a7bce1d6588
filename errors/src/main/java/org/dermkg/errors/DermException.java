package org.dermkg.errors;

import java.util.Objects;

/**
 * The base of every module's one unchecked exception: a stable {@link ErrorCode} and a message that
 * names the file, row and field when input is at fault. Subclasses narrow {@link #code()} to their
 * own enum. Immutable once thrown; safe to share between threads.
 */
public abstract class DermException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient ErrorCode code;

  protected DermException(ErrorCode code, String message) {
    super(message);
    this.code = Objects.requireNonNull(code);
  }

  protected DermException(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code);
  }

  /** The code; never null. */
  public ErrorCode code() {
    return code;
  }

  @Override
  public String toString() {
    return code.id() + ": " + getMessage();
  }
}
