package org.dermkg.ontology.validate;

import java.util.List;

/**
 * One problem found by a check.
 *
 * @param subject IRI (or table location) of the offending entity
 * @param subjectLabel its label, or empty
 * @param message what is wrong, in words
 * @param explanation supporting lines (e.g. the axioms of a justification, rendered with labels)
 */
public record Violation(
    String subject, String subjectLabel, String message, List<String> explanation) {
  public Violation {
    explanation = List.copyOf(explanation);
  }

  public Violation(String subject, String subjectLabel, String message) {
    this(subject, subjectLabel, message, List.of());
  }
}
