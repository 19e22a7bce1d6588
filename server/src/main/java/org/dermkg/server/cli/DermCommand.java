package org.dermkg.server.cli;

import java.io.PrintWriter;
import org.dermkg.errors.DermException;
import org.dermkg.errors.ErrorCode;
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
      DiffCommand.class,
      MappingsCommand.class,
      GenerateDemoCommand.class,
      LoadCommand.class,
      ServeCommand.class,
      PromptsCommand.class,
      TokenizeCommand.class,
      EmbedCommand.class,
      SimilarCommand.class,
      ClassifyCommand.class,
      EvaluateCommand.class,
      ConceptsCommand.class,
      BackupCommand.class,
      RestoreCommand.class,
      CommandLine.HelpCommand.class
    })
public final class DermCommand implements Runnable {
  /** Exit code for bad usage, and for a failure without a code (a module error has its own). */
  public static final int EXIT_INPUT = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** A configured command line: usage errors exit 2, module errors print their code and exit. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new DermCommand());
    cl.setExitCodeExceptionMapper(e -> EXIT_INPUT);
    // "@FILE" is ours (derm prompts --sparql @query.rq), not picocli's argument-file expansion
    cl.setExpandAtFiles(false);
    cl.getCommandSpec().exitCodeOnInvalidInput(EXIT_INPUT);
    cl.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          PrintWriter err = commandLine.getErr();
          int exit = exit(e, err);
          err.flush();
          return exit;
        });
    return cl;
  }

  /**
   * The one place errors become exit codes: a module error prints {@code error CODE: message} and
   * exits with its code's {@link ErrorCode#exitCode()}; anything else exits {@link #EXIT_INPUT}.
   */
  static int exit(Exception e, PrintWriter err) {
    if (e instanceof DermException de) {
      ErrorCode code = de.code();
      err.println("error " + code.id() + ": " + de.getMessage());
      return code.exitCode();
    }
    err.println("error: " + (e instanceof IllegalArgumentException ? e.getMessage() : e));
    return EXIT_INPUT;
  }
}
