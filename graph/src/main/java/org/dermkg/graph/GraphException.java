package org.dermkg.graph;

import java.util.Objects;

/**
 * The one unchecked exception of the graph module, with a stable {@link Code} (listed in the
 * README's Errors table) and a message naming the file, row and field when input is at fault.
 */
public final class GraphException extends RuntimeException {

  /** Stable error codes of the graph module. */
  public enum Code {
    /** A dataset folder or input file is missing or unreadable. */
    INPUT_MISSING("GRAPH-INPUT-MISSING"),
    /** A CSV file's header is not a known Derm1M column set. */
    CSV_HEADER("GRAPH-CSV-HEADER"),
    /** The store directory cannot be opened (locked by another process, unreadable, not TDB2). */
    STORE_UNAVAILABLE("GRAPH-STORE-UNAVAILABLE"),
    /**
     * Writing the store or a report failed (disk full, read-only); the store keeps its last state.
     */
    WRITE_FAILED("GRAPH-WRITE"),
    /** A load was stopped by an error; nothing of it was committed. */
    LOAD_FAILED("GRAPH-LOAD-FAILED"),
    /**
     * A load committed its data but a step after the commit (the SHACL check) failed; its
     * load-report.json says which step and why.
     */
    AFTER_COMMIT("GRAPH-AFTER-COMMIT"),
    /** A caller passed an invalid argument. */
    BAD_ARGUMENT("GRAPH-BAD-ARGUMENT");

    private final String id;

    Code(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }
  }

  private final Code code;

  public GraphException(Code code, String message) {
    super(message);
    this.code = Objects.requireNonNull(code);
  }

  public GraphException(Code code, String message, Throwable cause) {
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
