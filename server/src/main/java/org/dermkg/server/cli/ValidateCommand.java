package org.dermkg.server.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.dermkg.graph.GraphException;
import org.dermkg.graph.shacl.DataValidator;
import org.dermkg.graph.store.DermStore;
import org.dermkg.ontology.DermOntology;
import org.dermkg.ontology.OntologySnapshot;
import org.dermkg.ontology.OntologySource;
import org.dermkg.ontology.report.ReportFiles;
import org.dermkg.ontology.validate.CheckResult;
import org.dermkg.ontology.validate.Severity;
import org.dermkg.ontology.validate.ValidationReport;
import org.dermkg.ontology.validate.Violation;
import org.dermkg.server.config.DermConfig;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code derm validate}: the validation build on the shipped ontology, a source tree or a file. */
@Command(
    name = "validate",
    description = {
      "Run the validation build: reasoners (HermiT, ELK) with explanations, structural QC, SPARQL rules,",
      "the OWL 2 DL profile check and the label-set mapping checks. Writes Markdown, JSON and JUnit XML",
      "reports. Exit 0 when no violation is at or above --fail-on, 1 when one is, 2 on bad input."
    },
    mixinStandardHelpOptions = true)
final class ValidateCommand implements Callable<Integer> {
  static final class Target {
    @Option(
        names = "--ontology",
        paramLabel = "FILE",
        description =
            "An OWL file (RDF/XML, Turtle, OWL/XML, functional...); imports of DERM resolve to the shipped ontology.")
    Path ontology;

    @Option(
        names = "--source",
        paramLabel = "DIR",
        description =
            "An ontology source tree (core.ttl, tables/, mappings/, rules/), e.g. ontology/src/ontology.")
    Path source;

    @Option(
        names = "--data",
        description =
            "Check the image data of the store with the SHACL shapes instead of the ontology.")
    boolean data;
  }

  @ArgGroup(exclusive = true)
  Target target = new Target();

  @Option(
      names = "--rules",
      paramLabel = "DIR",
      description = "Extra directory of *.rq rules (repeatable).")
  List<Path> rules = new ArrayList<>();

  @Option(
      names = "--mappings",
      paramLabel = "DIR",
      description = "Label-set mappings (*.sssom.tsv) to check.")
  Path mappings;

  @Option(
      names = "--fail-on",
      paramLabel = "SEVERITY",
      defaultValue = "error",
      description = "error, warn, info or none (default: ${DEFAULT-VALUE}).")
  String failOn;

  @Option(
      names = "--skip",
      split = ",",
      paramLabel = "CHECK",
      description = "Check ids not to run.")
  List<String> skip = new ArrayList<>();

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = "validation",
      description = "Report directory (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--store",
      paramLabel = "DIR",
      description = "With --data: the store (default: derm-data/store, DERM_STORE).")
  String store;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (target.data) {
      return validateData();
    }
    DermOntology.Options options =
        new DermOntology.Options(
            Severity.parse(failOn), rules, Optional.ofNullable(mappings), Set.copyOf(skip));
    ValidationReport report;
    if (target.ontology != null) {
      report = DermOntology.validateFile(target.ontology, options);
    } else {
      OntologySource src =
          target.source != null ? new OntologySource(target.source) : OntologySource.shipped();
      report = DermOntology.validate(src, options);
    }
    List<Path> files = ReportFiles.write(report, out);
    print(report, files, spec.commandLine().getOut());
    return report.exitCode();
  }

  private int validateData() {
    DermConfig config = DermConfig.load();
    Path dir = config.path(DermConfig.Key.STORE, store);
    if (!Files.isDirectory(dir)) {
      throw new GraphException(
          GraphException.Code.INPUT_MISSING, "no store at " + dir + " (run derm load first)");
    }
    DataValidator.Result r;
    try (DermStore s = DermStore.open(dir)) {
      r = DataValidator.validate(s, OntologySnapshot.shipped());
    }
    PrintWriter w = spec.commandLine().getOut();
    w.printf(
        "%s: %d violations, %d warnings (%.1f s) - %s%n",
        r.conforms() ? "CONFORMS" : "VIOLATIONS", r.violations(), r.warnings(), r.seconds(), dir);
    r.groups()
        .forEach(
            g ->
                w.printf(
                    "  %6d  %s%n", ((Number) g.get("count")).longValue(), g.get("constraint")));
    r.samples().stream()
        .limit(10)
        .forEach(
            x -> w.printf("    e.g. %s %s %s%n", x.get("focus"), x.get("path"), x.get("value")));
    writeDataReport(r, w);
    w.flush();
    return r.conforms() ? 0 : 1;
  }

  private void writeDataReport(DataValidator.Result r, PrintWriter w) {
    try {
      Files.createDirectories(out);
      Files.writeString(
          out.resolve("data-validation.json"),
          new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(r.summary()));
      w.println("report: " + out.resolve("data-validation.json"));
    } catch (IOException e) {
      throw new GraphException(
          GraphException.Code.WRITE_FAILED, "cannot write the report: " + e.getMessage(), e);
    }
  }

  static void print(ValidationReport r, List<Path> files, PrintWriter out) {
    out.printf(
        "%s: %d errors, %d warnings, %d infos in %d checks (%d ms) - %s%n",
        r.failed() ? "FAILED" : "PASSED",
        r.count(Severity.ERROR),
        r.count(Severity.WARN),
        r.count(Severity.INFO),
        r.results().size(),
        r.totalMillis(),
        r.source());
    for (CheckResult c : r.results()) {
      if (c.passed()) {
        continue;
      }
      out.printf(
          "  %-5s %s (%d): %s%n",
          c.check().severity(), c.check().id(), c.violations().size(), c.check().title());
      int n = 0;
      for (Violation v : c.violations()) {
        if (n++ == 5) {
          out.printf("        ... %d more%n", c.violations().size() - 5);
          break;
        }
        out.println("        - " + v.message());
        v.explanation().forEach(line -> out.println("            " + line));
      }
    }
    out.println("reports: " + String.join(", ", files.stream().map(Path::toString).toList()));
    out.flush();
  }
}
