package org.dermkg.server.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.dermkg.ontology.importer.Derm1mImporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code derm import-derm1m}: update the source tables from a Derm1M ontology.json. */
@Command(
    name = "import-derm1m",
    description = {
      "Update the disease table and the Derm1M ID registry from a Derm1M ontology.json.",
      "Existing IDs never change; new names get new IDs (and need curation); paths missing from the JSON are reported."
    },
    mixinStandardHelpOptions = true)
final class ImportCommand implements Callable<Integer> {
  @Option(
      names = "--json",
      required = true,
      paramLabel = "FILE",
      description = "Derm1M ontology.json.")
  Path json;

  @Option(
      names = "--tables",
      paramLabel = "DIR",
      defaultValue = "ontology/src/ontology/tables",
      description = "Source tables to update (default: ${DEFAULT-VALUE}).")
  Path tables;

  @Option(names = "--dry-run", description = "Report what would change without writing.")
  boolean dryRun;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Derm1mImporter.Result r = Derm1mImporter.run(json, tables, dryRun);
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "%s%d paths unchanged, %d new classes, %d paths linked to existing classes, %d registry paths missing from the JSON%n",
        dryRun ? "(dry run) " : "",
        r.unchanged(),
        r.added().size(),
        r.linked().size(),
        r.missing().size());
    section(out, "new class (needs curation)", r.added());
    section(out, "linked", r.linked());
    section(out, "missing from JSON (kept)", r.missing());
    out.flush();
    return 0;
  }

  private static void section(PrintWriter out, String title, List<String> items) {
    items.forEach(i -> out.println("  " + title + ": " + i));
  }
}
