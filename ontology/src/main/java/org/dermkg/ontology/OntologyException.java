package org.dermkg.ontology;

import org.dermkg.errors.DermException;
import org.dermkg.errors.ErrorCode;

/**
 * The one unchecked exception of the ontology module. Every instance carries a stable {@link Code}
 * (listed in the README's Errors table) and a message that names the file, row and field when the
 * problem comes from input.
 */
public final class OntologyException extends DermException {
  private static final long serialVersionUID = 1L;

  /**
   * Stable error codes of the ontology module, each with its HTTP status and {@code derm} exit
   * code; the string form never changes once released.
   */
  public enum Code implements ErrorCode {
    /** A source file (table, core ontology, mapping, rule) is missing or unreadable. */
    SOURCE_MISSING("ONT-SOURCE-MISSING", 500, 2),
    /** A table's header lacks a required column or has an unknown one. */
    TABLE_HEADER("ONT-TABLE-HEADER", 500, 2),
    /** A table row is malformed (wrong field count, bad ID, empty required field). */
    TABLE_ROW("ONT-TABLE-ROW", 500, 2),
    /** A table cell refers to an ID that no table defines. */
    TABLE_REFERENCE("ONT-TABLE-REFERENCE", 500, 2),
    /** An ontology file could not be parsed. */
    ONTOLOGY_PARSE("ONT-PARSE", 500, 2),
    /** An output file could not be written. */
    WRITE_FAILED("ONT-WRITE", 500, 2),
    /** A Derm1M ontology.json is malformed. */
    IMPORT_JSON("ONT-IMPORT-JSON", 500, 2),
    /** A label-set mapping (SSSOM) file is malformed. */
    MAPPING_FORMAT("ONT-MAPPING-FORMAT", 500, 2),
    /** A SPARQL rule file is not a valid SELECT query or lacks its header. */
    RULE_INVALID("ONT-RULE-INVALID", 500, 2),
    /** A caller passed an invalid argument (unknown severity, empty label...). */
    BAD_ARGUMENT("ONT-BAD-ARGUMENT", 400, 2),
    /** A reasoner failed to run (not a logical problem of the ontology). */
    REASONER_FAILED("ONT-REASONER", 500, 2);

    private final Spec spec;

    Code(String id, int httpStatus, int exitCode) {
      this.spec = new Spec(id, httpStatus, exitCode);
    }

    @Override
    public Spec spec() {
      return spec;
    }
  }

  public OntologyException(Code code, String message) {
    super(code, message);
  }

  public OntologyException(Code code, String message, Throwable cause) {
    super(code, message, cause);
  }

  @Override
  public Code code() {
    return (Code) super.code();
  }
}
