package org.dermkg.server.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.dermkg.ontology.OntologySource;
import org.dermkg.ontology.build.OntologyCompiler;
import org.dermkg.ontology.owl.OntologyIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code derm build}: compile the source tables into derm.owl and derm.ttl. */
@Command(
    name = "build",
    description = "Compile an ontology source tree into derm.owl (RDF/XML) and derm.ttl.",
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
    List<Path> files = OntologyIO.write(OntologyCompiler.compile(src).ontology(), out, "derm");
    spec.commandLine()
        .getOut()
        .println("wrote " + String.join(", ", files.stream().map(Path::toString).toList()));
    spec.commandLine().getOut().flush();
    return 0;
  }
}
