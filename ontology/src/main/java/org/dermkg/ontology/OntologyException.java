package org.dermkg.ontology;

import java.util.Objects;

/**
 * The one unchecked exception of the ontology module. Every instance carries a stable {@link Code}
 * (listed in the README's Errors table) and a message that names the file, row and field when the
 * problem comes from input.
 */
public final class OntologyException extends RuntimeException {

  /** Stable error codes of the ontology module; the string form never changes once released. */
  public enum Code {
    /** A source file (table, core ontology, mapping, rule) is missing or unreadable. */
    SOURCE_MISSING("ONT-SOURCE-MISSING"),
    /** A table's header lacks a required column or has an unknown one. */
    TABLE_HEADER("ONT-TABLE-HEADER"),
    /** A table row is malformed (wrong field count, bad ID, empty required field). */
    TABLE_ROW("ONT-TABLE-ROW"),
    /** A table cell refers to an ID that no table defines. */
    TABLE_REFERENCE("ONT-TABLE-REFERENCE"),
    /** An ontology file could not be parsed. */
    ONTOLOGY_PARSE("ONT-PARSE"),
    /** An output file could not be written. */
    WRITE_FAILED("ONT-WRITE"),
    /** A Derm1M ontology.json is malformed. */
    IMPORT_JSON("ONT-IMPORT-JSON"),
    /** A label-set mapping (SSSOM) file is malformed. */
    MAPPING_FORMAT("ONT-MAPPING-FORMAT"),
    /** A SPARQL rule file is not a valid SELECT query or lacks its header. */
    RULE_INVALID("ONT-RULE-INVALID"),
    /** A caller passed an invalid argument (unknown severity, empty label...). */
    BAD_ARGUMENT("ONT-BAD-ARGUMENT"),
    /** A reasoner failed to run (not a logical problem of the ontology). */
    REASONER_FAILED("ONT-REASONER");

    private final String id;

    Code(String id) {
      this.id = id;
    }

    /** The stable string form, e.g. {@code ONT-TABLE-ROW}. */
    public String id() {
      return id;
    }
  }

  private final Code code;

  public OntologyException(Code code, String message) {
    super(message);
    this.code = Objects.requireNonNull(code);
  }

  public OntologyException(Code code, String message, Throwable cause) {
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
