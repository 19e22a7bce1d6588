package org.dermkg.ontology.build;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dermkg.ontology.DermOntology;
import org.dermkg.ontology.OntologySnapshot;
import org.dermkg.ontology.OntologySource;
import org.dermkg.ontology.owl.OntologyIO;
import org.dermkg.ontology.report.MarkdownReport;
import org.dermkg.ontology.report.ReportFiles;
import org.dermkg.ontology.validate.Severity;
import org.dermkg.ontology.validate.ValidationReport;
import org.semanticweb.owlapi.model.OWLOntology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Maven build's entry point (run by exec-maven-plugin, inside Maven's JVM, so it throws rather
 * than exiting). {@code build SRC OUT} writes derm.owl, derm.ttl and the runtime artefact
 * (OUT/runtime/, what every runtime path reads instead of compiling the ontology); {@code validate
 * SRC REPORTS FAIL_ON BUILT_OWL} runs the validation build on the built file and fails when it
 * does.
 */
public final class BuildTool {
  private static final Logger LOG = LoggerFactory.getLogger(BuildTool.class);

  private BuildTool() {}

  public static void main(String[] args) {
    if (args.length < 3) {
      throw new IllegalArgumentException("usage: build SRC OUT | validate SRC REPORT_DIR FAIL_ON");
    }
    OntologySource source = new OntologySource(Path.of(args[1]));
    switch (args[0]) {
      case "build" -> {
        OWLOntology ontology = OntologyCompiler.compile(source).ontology();
        List<Path> files = new ArrayList<>(OntologyIO.write(ontology, Path.of(args[2]), "derm"));
        files.addAll(OntologySnapshot.of(ontology, source).write(Path.of(args[2], "runtime")));
        LOG.info("wrote {}", files);
      }
      case "validate" -> {
        Severity failOn = Severity.parse(args.length > 3 ? args[3] : "error");
        DermOntology.Options options =
            new DermOntology.Options(
                failOn, List.of(), java.util.Optional.empty(), java.util.Set.of());
        ValidationReport report =
            args.length > 4
                ? DermOntology.validateBuilt(source, Path.of(args[4]), options)
                : DermOntology.validate(source, options);
        List<Path> files = ReportFiles.write(report, Path.of(args[2]));
        LOG.info(
            "validation {} in {} ms; reports: {}",
            report.failed() ? "FAILED" : "passed",
            report.totalMillis(),
            files);
        if (report.failed()) {
          throw new IllegalStateException(
              "ontology validation failed:\n" + MarkdownReport.render(report));
        }
      }
      default -> throw new IllegalArgumentException("unknown command " + args[0]);
    }
  }
}
