package org.dermkg.graph.derm1m;

import java.util.List;
import java.util.Optional;

/**
 * One accepted row of a Derm1M CSV, with sentinels already turned into absence and list columns
 * split.
 *
 * @param split "pretrain" or "validation" (from the file name), or "concept" for concept.csv rows
 * @param line the row's first line in its file
 */
public record Derm1mRow(
    String split,
    long line,
    String filename,
    Optional<String> caption,
    Optional<String> truncatedCaption,
    Optional<String> source,
    Optional<String> sourceType,
    Optional<String> diseaseLabel,
    Optional<String> hierarchicalLabel,
    List<String> skinConcepts,
    List<String> bodyLocations,
    List<String> symptoms,
    Optional<String> age,
    List<String> gender) {

  public Derm1mRow {
    skinConcepts = List.copyOf(skinConcepts);
    bodyLocations = List.copyOf(bodyLocations);
    symptoms = List.copyOf(symptoms);
    gender = List.copyOf(gender);
  }
}
