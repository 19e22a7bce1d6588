package org.dermkg.sparql;

import java.util.Objects;

/**
 * The one unchecked exception of the sparql module, with a stable {@link Code} (listed in the
 * README's Errors table). The server maps each code to one HTTP status.
 */
public final class SparqlException extends RuntimeException {

  /** Stable error codes of the sparql module. */
  public enum Code {
    /** A named query resource is missing or does not parse (a packaging fault). */
    QUERY_MISSING("SPARQL-QUERY-MISSING"),
    /** The term id or IRI names no class of the store's ontology. */
    UNKNOWN_TERM("SPARQL-UNKNOWN-TERM"),
    /**
     * A caller passed an invalid argument (a malformed id, a limit out of range, an empty query).
     */
    BAD_ARGUMENT("SPARQL-BAD-ARGUMENT"),
    /** A query ran past its time limit and was cancelled. */
    TIMEOUT("SPARQL-TIMEOUT"),
    /** A query failed while running (the store is unavailable or broken). */
    QUERY_FAILED("SPARQL-QUERY-FAILED"),
    /** A query or update names a SERVICE or LOAD URL outside the outbound allow-list. */
    OUTBOUND_REFUSED("SPARQL-OUTBOUND-REFUSED");

    private final String id;

    Code(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }
  }

  private final Code code;

  public SparqlException(Code code, String message) {
    super(message);
    this.code = Objects.requireNonNull(code);
  }

  public SparqlException(Code code, String message, Throwable cause) {
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
