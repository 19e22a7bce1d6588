package org.dermkg.server.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.dermkg.ontology.OntologySource;
import org.dermkg.ontology.release.Release;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code derm build}: compile the source tables into a release: derm.owl, derm.ttl, derm.obo,
 * derm.json (OBO Graphs), derm-base.owl and the SSSOM mapping sets.
 */
@Command(
    name = "build",
    description =
        "Compile an ontology source tree into a release: derm.owl (RDF/XML), derm.ttl, derm.obo"
            + " (OBO 1.4), derm.json (OBO Graphs), derm-base.owl and mappings/*.sssom.tsv.",
    mixinStandardHelpOptions = true)
final class BuildCommand implements Callable<Integer> {
  @Option(
      names = "--source",
      paramLabel = "DIR",
      description = "Source tree (default: the shipped one).")
  Path source;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = "build",
      description = "Output directory (default: ${DEFAULT-VALUE}).")
  Path out;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    OntologySource src = source == null ? OntologySource.shipped() : new OntologySource(source);
    List<Path> files = Release.write(src, out);
    spec.commandLine()
        .getOut()
        .println("wrote " + String.join(", ", files.stream().map(Path::toString).toList()));
    spec.commandLine().getOut().flush();
    return 0;
  }
}
