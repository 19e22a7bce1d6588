package org.dermkg.ontology.validate;

import java.util.Locale;
import org.dermkg.ontology.OntologyException;
import org.dermkg.ontology.OntologyException.Code;

/** Severity of a check, most severe first. {@link #NONE} is only a --fail-on threshold. */
public enum Severity {
  ERROR,
  WARN,
  INFO,
  NONE;

  /** True when this severity is at or above the threshold ({@code ERROR} ≥ {@code WARN} ≥ ...). */
  public boolean atLeast(Severity threshold) {
    return threshold != NONE && this != NONE && ordinal() <= threshold.ordinal();
  }

  /** Parses "error", "warn"/"warning", "info", "none" (any case). */
  public static Severity parse(String s) {
    String v = s.strip().toUpperCase(Locale.ROOT);
    if (v.equals("WARNING")) {
      return WARN;
    }
    try {
      return valueOf(v);
    } catch (IllegalArgumentException e) {
      throw new OntologyException(
          Code.BAD_ARGUMENT, "unknown severity '" + s + "' (use error, warn, info or none)");
    }
  }
}
