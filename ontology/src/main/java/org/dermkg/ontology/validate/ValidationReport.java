package org.dermkg.ontology.validate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of a validation build: every check's outcome in run order, the time spent per stage
 * (milliseconds), facts about the ontology, and the --fail-on threshold it is judged against.
 */
public record ValidationReport(
    String source,
    String ontologyIri,
    String versionIri,
    Map<String, String> facts,
    Map<String, Long> stageMillis,
    List<CheckResult> results,
    Severity failOn) {

  public ValidationReport {
    facts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    stageMillis = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(stageMillis));
    results = List.copyOf(results);
  }

  /** Number of violations of checks of the given severity. */
  public long count(Severity severity) {
    return results.stream()
        .filter(r -> r.check().severity() == severity)
        .mapToLong(r -> r.violations().size())
        .sum();
  }

  /** True when a check at or above the threshold has a violation. */
  public boolean failed() {
    return results.stream().anyMatch(r -> !r.passed() && r.check().severity().atLeast(failOn));
  }

  /** Process exit code: 0 passed, 1 failed. */
  public int exitCode() {
    return failed() ? 1 : 0;
  }

  public long totalMillis() {
    return stageMillis.values().stream().mapToLong(Long::longValue).sum();
  }
}
