package org.dermkg.errors;

/**
 * A stable error code of one module: its string id (listed in the README's Errors table, never
 * changed once released), the HTTP status the server answers with and the exit code of {@code
 * derm}. Each module's codes are an enum implementing this, every constant declaring its status and
 * exit code beside itself; the server reads them in one place for HTTP and one for the CLI.
 */
public interface ErrorCode {
  /** What a code declares: its id, HTTP status and exit code (the one field each enum keeps). */
  record Spec(String id, int httpStatus, int exitCode) {
    public Spec {
      if (httpStatus < 400 || httpStatus > 599 || exitCode < 1 || exitCode > 125) {
        throw new IllegalArgumentException(
            id + ": HTTP status " + httpStatus + " or exit code " + exitCode + " out of range");
      }
    }
  }

  /** The code's declaration. */
  Spec spec();

  /** The stable string form, e.g. {@code ONT-TABLE-ROW}. */
  default String id() {
    return spec().id();
  }

  /** The HTTP status of a response carrying this code, 400 to 599. */
  default int httpStatus() {
    return spec().httpStatus();
  }

  /** The exit code of {@code derm} when a command stops on this code, 1 to 125. */
  default int exitCode() {
    return spec().exitCode();
  }
}
