package org.dermkg.ontology.resolve;

import java.util.List;

/**
 * The answer of {@link LabelResolver#resolve}: every candidate at the best match level. Exactly one
 * candidate means a unique match; none means no match; several mean the text is ambiguous.
 */
public record Resolution(String query, List<Candidate> candidates) {

  public Resolution {
    candidates = List.copyOf(candidates);
  }

  /** A term that matched, how, and through which of its names. */
  public record Candidate(Term term, MatchType match, String matchedName, NameType nameType) {}

  public boolean isUnique() {
    return candidates.size() == 1;
  }

  public boolean isEmpty() {
    return candidates.isEmpty();
  }
}
