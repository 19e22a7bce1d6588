package org.dermkg.server.cli;

import java.io.PrintWriter;
import org.dermkg.ontology.OntologyException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root {@code derm} command; each verb is a subcommand. */
@Command(
    name = "derm",
    mixinStandardHelpOptions = true,
    version = "derm 0.1.0",
    description = "Dermatology ontology knowledge-graph service (Derm1M, DermLIP).",
    subcommands = {
      ValidateCommand.class,
      ResolveCommand.class,
      ImportCommand.class,
      BuildCommand.class,
      GenerateDemoCommand.class,
      LoadCommand.class,
      ServeCommand.class,
      PromptsCommand.class,
      TokenizeCommand.class,
      EmbedCommand.class,
      SimilarCommand.class,
      ClassifyCommand.class,
      EvaluateCommand.class,
      BackupCommand.class,
      RestoreCommand.class,
      CommandLine.HelpCommand.class
    })
public final class DermCommand implements Runnable {
  /** Exit code for bad usage or bad input (a file that cannot be read, a malformed table...). */
  public static final int EXIT_INPUT = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** A configured command line: usage errors exit 2, module errors print their code and exit 2. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new DermCommand());
    cl.setExitCodeExceptionMapper(e -> EXIT_INPUT);
    // "@FILE" is ours (derm prompts --sparql @query.rq), not picocli's argument-file expansion
    cl.setExpandAtFiles(false);
    cl.getCommandSpec().exitCodeOnInvalidInput(EXIT_INPUT);
    cl.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          PrintWriter err = commandLine.getErr();
          if (e instanceof OntologyException oe) {
            err.println("error " + oe.code().id() + ": " + oe.getMessage());
          } else if (e instanceof org.dermkg.graph.GraphException ge) {
            err.println("error " + ge.code().id() + ": " + ge.getMessage());
          } else if (e instanceof org.dermkg.embeddings.EmbeddingsException ee) {
            err.println("error " + ee.code().id() + ": " + ee.getMessage());
          } else if (e instanceof org.dermkg.sparql.SparqlException se) {
            err.println("error " + se.code().id() + ": " + se.getMessage());
          } else if (e instanceof org.dermkg.zeroshot.ZeroShotException ze) {
            err.println("error " + ze.code().id() + ": " + ze.getMessage());
          } else if (e instanceof IllegalArgumentException ie) {
            err.println("error: " + ie.getMessage());
          } else {
            err.println("error: " + e);
          }
          err.flush();
          return EXIT_INPUT;
        });
    return cl;
  }
}
