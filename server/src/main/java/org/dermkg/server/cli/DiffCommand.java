package org.dermkg.server.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dermkg.ontology.release.ReleaseDiff;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code derm diff OLD NEW}: what changed between two releases, in Markdown. */
@Command(
    name = "diff",
    description =
        "Axiom-level release diff in Markdown: classes added, removed and made obsolete,"
            + " relabels, moved parents, synonyms, definitions, mappings and xrefs, axiom counts."
            + " OLD and NEW may be any syntax the OWL API reads (OWL, Turtle, OBO).",
    mixinStandardHelpOptions = true)
final class DiffCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "OLD", description = "The earlier release file.")
  Path oldFile;

  @Parameters(index = "1", paramLabel = "NEW", description = "The later release file.")
  Path newFile;

  @Option(names = "--out", paramLabel = "FILE", description = "Write the Markdown here.")
  Path out;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws java.io.IOException {
    String md = ReleaseDiff.of(oldFile, newFile);
    if (out != null) {
      Files.writeString(out, md, StandardCharsets.UTF_8);
      spec.commandLine().getOut().println("wrote " + out);
    } else {
      spec.commandLine().getOut().print(md);
    }
    spec.commandLine().getOut().flush();
    return 0;
  }
}
