package org.dermkg.sparql;

import org.dermkg.errors.DermException;
import org.dermkg.errors.ErrorCode;

/**
 * The one unchecked exception of the sparql module, with a stable {@link Code} (listed in the
 * README's Errors table).
 */
public final class SparqlException extends DermException {
  private static final long serialVersionUID = 1L;

  /**
   * Stable error codes of the sparql module, each with its HTTP status and {@code derm} exit code.
   */
  public enum Code implements ErrorCode {
    /** A named query resource is missing or does not parse (a packaging fault). */
    QUERY_MISSING("SPARQL-QUERY-MISSING", 500, 2),
    /** The term id or IRI names no class of the store's ontology. */
    UNKNOWN_TERM("SPARQL-UNKNOWN-TERM", 404, 2),
    /**
     * A caller passed an invalid argument (a malformed id, a limit out of range, an empty query).
     */
    BAD_ARGUMENT("SPARQL-BAD-ARGUMENT", 400, 2),
    /** A query ran past its time limit and was cancelled. */
    TIMEOUT("SPARQL-TIMEOUT", 503, 2),
    /** A query failed while running (the store is unavailable or broken). */
    QUERY_FAILED("SPARQL-QUERY-FAILED", 500, 2),
    /** A query or update names a SERVICE or LOAD URL outside the outbound allow-list. */
    OUTBOUND_REFUSED("SPARQL-OUTBOUND-REFUSED", 400, 2);

    private final Spec spec;

    Code(String id, int httpStatus, int exitCode) {
      this.spec = new Spec(id, httpStatus, exitCode);
    }

    @Override
    public Spec spec() {
      return spec;
    }
  }

  public SparqlException(Code code, String message) {
    super(code, message);
  }

  public SparqlException(Code code, String message, Throwable cause) {
    super(code, message, cause);
  }

  @Override
  public Code code() {
    return (Code) super.code();
  }
}
