package org.dermkg.graph;

import org.dermkg.errors.DermException;
import org.dermkg.errors.ErrorCode;

/**
 * The one unchecked exception of the graph module, with a stable {@link Code} (listed in the
 * README's Errors table) and a message naming the file, row and field when input is at fault.
 */
public final class GraphException extends DermException {
  private static final long serialVersionUID = 1L;

  /**
   * Stable error codes of the graph module, each with its HTTP status and {@code derm} exit code.
   */
  public enum Code implements ErrorCode {
    /** A dataset folder or input file is missing or unreadable. */
    INPUT_MISSING("GRAPH-INPUT-MISSING", 500, 2),
    /** A CSV file's header is not a known Derm1M column set. */
    CSV_HEADER("GRAPH-CSV-HEADER", 500, 2),
    /** The store directory cannot be opened (locked by another process, unreadable, not TDB2). */
    STORE_UNAVAILABLE("GRAPH-STORE-UNAVAILABLE", 503, 2),
    /**
     * Writing the store or a report failed (disk full, read-only); the store keeps its last state.
     */
    WRITE_FAILED("GRAPH-WRITE", 500, 2),
    /** A load was stopped by an error; nothing of it was committed. */
    LOAD_FAILED("GRAPH-LOAD-FAILED", 500, 2),
    /**
     * A load committed its data but a step after the commit (the SHACL check) failed; its
     * load-report.json says which step and why.
     */
    AFTER_COMMIT("GRAPH-AFTER-COMMIT", 500, 2),
    /** A caller passed an invalid argument. */
    BAD_ARGUMENT("GRAPH-BAD-ARGUMENT", 400, 2);

    private final Spec spec;

    Code(String id, int httpStatus, int exitCode) {
      this.spec = new Spec(id, httpStatus, exitCode);
    }

    @Override
    public Spec spec() {
      return spec;
    }
  }

  public GraphException(Code code, String message) {
    super(code, message);
  }

  public GraphException(Code code, String message, Throwable cause) {
    super(code, message, cause);
  }

  @Override
  public Code code() {
    return (Code) super.code();
  }
}
