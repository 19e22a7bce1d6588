package org.dermkg.ontology.validate;

import java.util.List;

/** The outcome of one check: its violations and how long it took. */
public record CheckResult(CheckInfo check, List<Violation> violations, long millis) {
  public CheckResult {
    violations = List.copyOf(violations);
  }

  public boolean passed() {
    return violations.isEmpty();
  }
}
