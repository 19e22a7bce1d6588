package org.dermkg.errors;

/**
 * A stable error code of one module: its string id (listed in the README's Errors table, never
 * changed once released), the HTTP status the server answers with and the exit code of {@code
 * derm}. Each module's codes are an enum implementing this, every constant declaring its status and
 * exit code beside itself; the server reads them in one place for HTTP and one for the CLI.
 */
public interface ErrorCode {
  /** The stable string form, e.g. {@code ONT-TABLE-ROW}. */
  String id();

  /** The HTTP status of a response carrying this code, 400 to 599. */
  int httpStatus();

  /** The exit code of {@code derm} when a command stops on this code, 1 to 125. */
  int exitCode();
}
