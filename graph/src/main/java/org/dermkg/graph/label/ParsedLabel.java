package org.dermkg.graph.label;

import java.util.List;
import java.util.Optional;

/**
 * A Derm1M disease label resolved against the ontology.
 *
 * @param matched every class a name of the label resolved to, in label order
 * @param diagnoses the most specific of them (several for multi-diagnosis rows)
 * @param unresolved names of the label that resolved to no class, verbatim
 * @param mismatch why the path disagrees with the ontology's hierarchy, if it does
 */
public record ParsedLabel(
    List<String> matched,
    List<String> diagnoses,
    List<String> unresolved,
    Optional<String> mismatch) {

  public ParsedLabel {
    matched = List.copyOf(matched);
    diagnoses = List.copyOf(diagnoses);
    unresolved = List.copyOf(unresolved);
  }
}
