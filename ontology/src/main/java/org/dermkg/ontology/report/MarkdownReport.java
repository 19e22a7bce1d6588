package org.dermkg.ontology.report;

import java.util.List;
import java.util.Map;
import org.dermkg.ontology.validate.CheckResult;
import org.dermkg.ontology.validate.Severity;
import org.dermkg.ontology.validate.ValidationReport;
import org.dermkg.ontology.validate.Violation;

/**
 * Renders a validation report as Markdown for people: verdict, failures first, then every check.
 */
public final class MarkdownReport {
  /** At most this many violations are listed per check; the JSON report has all of them. */
  public static final int MAX_LISTED = 200;

  private MarkdownReport() {}

  public static String render(ValidationReport r) {
    StringBuilder b = new StringBuilder();
    b.append("# Validation report\n\n");
    b.append("**")
        .append(r.failed() ? "FAILED" : "PASSED")
        .append("** (fail on ")
        .append(r.failOn().name())
        .append("): ")
        .append(r.count(Severity.ERROR))
        .append(" errors, ")
        .append(r.count(Severity.WARN))
        .append(" warnings, ")
        .append(r.count(Severity.INFO))
        .append(" infos, in ")
        .append(r.results().size())
        .append(" checks; ")
        .append(r.totalMillis())
        .append(" ms.\n\n");
    b.append("| | |\n|---|---|\n");
    row(b, "source", r.source());
    row(b, "ontology", r.ontologyIri());
    row(b, "version", r.versionIri());
    r.facts().forEach((k, v) -> row(b, k, v));
    b.append("\n## Time by stage (ms)\n\n| stage | ms |\n|---|---:|\n");
    for (Map.Entry<String, Long> e : r.stageMillis().entrySet()) {
      b.append("| ").append(e.getKey()).append(" | ").append(e.getValue()).append(" |\n");
    }
    List<CheckResult> failing = r.results().stream().filter(c -> !c.passed()).toList();
    if (!failing.isEmpty()) {
      b.append("\n## Findings\n");
      failing.forEach(c -> finding(b, c));
    }
    checks(b, r);
    return b.toString();
  }

  private static void finding(StringBuilder b, CheckResult c) {
    b.append("\n### ")
        .append(c.check().severity().name())
        .append(" `")
        .append(c.check().id())
        .append("` ")
        .append(c.check().title())
        .append(" (")
        .append(c.violations().size())
        .append(")\n\n");
    b.append(c.check().description()).append("\n\n");
    int n = 0;
    for (Violation v : c.violations()) {
      if (n++ == MAX_LISTED) {
        b.append("- ... ")
            .append(c.violations().size() - MAX_LISTED)
            .append(" more (see the JSON report)\n");
        break;
      }
      b.append("- ").append(escape(v.message())).append('\n');
      for (String line : v.explanation()) {
        b.append("    - `").append(line.replace("`", "'")).append("`\n");
      }
    }
  }

  private static void checks(StringBuilder b, ValidationReport r) {
    b.append(
        "\n## All checks\n\n| check | severity | stage | result | ms |\n|---|---|---|---|---:|\n");
    for (CheckResult c : r.results()) {
      b.append("| `")
          .append(c.check().id())
          .append("` ")
          .append(escape(c.check().title()))
          .append(" | ")
          .append(c.check().severity().name())
          .append(" | ")
          .append(c.check().stage())
          .append(" | ")
          .append(c.passed() ? "pass" : c.violations().size() + " violations")
          .append(" | ")
          .append(c.millis())
          .append(" |\n");
    }
  }

  private static void row(StringBuilder b, String k, String v) {
    b.append("| ").append(k).append(" | ").append(escape(v)).append(" |\n");
  }

  private static String escape(String s) {
    return s.replace("|", "\\|").replace("\n", " ");
  }
}
