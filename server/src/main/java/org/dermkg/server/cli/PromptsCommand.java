package org.dermkg.server.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.dermkg.embeddings.model.ModelConfig;
import org.dermkg.embeddings.text.TextTokenizer;
import org.dermkg.graph.store.DermStore;
import org.dermkg.ontology.OntologySnapshot;
import org.dermkg.server.http.PromptParams;
import org.dermkg.sparql.prompts.Overlap;
import org.dermkg.sparql.prompts.PromptGenerator;
import org.dermkg.sparql.prompts.PromptSet;
import org.dermkg.sparql.prompts.PromptWriter;
import org.dermkg.sparql.prompts.Strategy;
import org.dermkg.sparql.prompts.Templates;
import org.dermkg.zeroshot.prompts.PromptFit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code derm prompts}: zero-shot prompt sets from the hierarchy. */
@Command(
    name = "prompts",
    description = {
      "Make a zero-shot prompt set from the ontology's hierarchy: JSON for open_clip (classnames + templates,",
      "per-class prompt lists, CHiLS subclass map, overlaps, provenance with a content hash) or CSV.",
      "Choose the classes with exactly one of --set, --class/--classes, --level, --children-of, --descendants-of,",
      "--sparql, --group. Works on the shipped ontology; --store reads a store's ontology (and images, for",
      "--sparql). Exit 2 on a bad selection, template or strategy, naming it."
    },
    mixinStandardHelpOptions = true)
final class PromptsCommand implements Callable<Integer> {
  @Mixin SelectionOptions selection;

  @Option(
      names = "--format",
      paramLabel = "json|csv",
      description = "Output format (default json).")
  String format;

  @Option(names = "--out", paramLabel = "FILE", description = "Write here (default: stdout).")
  Path outFile;

  @Option(names = "--store", paramLabel = "DIR", description = "Read this store's ontology.")
  Path store;

  @Option(names = "--list", description = "List label sets, strategies and template sets.")
  boolean list;

  @Option(
      names = "--model",
      paramLabel = "DIR",
      description =
          "Check the prompts against this exported model's tokenizer and context: prompts it would cut are listed in the notes.")
  Path model;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    if (store != null) {
      try (DermStore s = DermStore.open(store)) {
        return run(new PromptGenerator(s.dataset(), 60_000));
      }
    }
    OntologySnapshot snapshot = OntologySnapshot.shipped();
    return run(PromptGenerator.forOntology(snapshot.rdf().getGraph(), snapshot.version(), 60_000));
  }

  private int run(PromptGenerator gen) throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (list) {
      out.println("label sets: " + String.join(", ", gen.catalog().labelSetNames()));
      out.println("strategies: " + Strategy.names());
      out.println("template sets: " + String.join(", ", Templates.builtInNames()));
      out.flush();
      return 0;
    }
    Map<String, List<String>> params = params();
    String fmt = PromptParams.format(params);
    long t0 = System.nanoTime();
    PromptSet result = fitted(gen.generate(PromptParams.parse(params)));
    long millis = (System.nanoTime() - t0) / 1_000_000;
    String text = fmt.equals("csv") ? PromptWriter.csv(result) : PromptWriter.json(result);
    if (outFile == null) {
      out.print(text);
      out.flush();
    } else {
      write(outFile, text);
    }
    summary(err, result, millis);
    return 0;
  }

  /** With --model: the set with a note on the prompts the model's tokenizer would cut. */
  private PromptSet fitted(PromptSet set) {
    if (model == null) {
      return set;
    }
    ModelConfig c = ModelConfig.read(model);
    try (TextTokenizer t =
        TextTokenizer.load(c.tokenizerKind(), c.tokenizerPath(model), c.vocabSize())) {
      return PromptFit.check(set, t, c.contextLength(), c.modelId());
    }
  }

  /** The summary line, the first overlaps and the notes, on stderr. */
  private static void summary(PrintWriter err, PromptSet result, long millis) {
    err.printf(
        "derm prompts: %d classes, %d prompts, %d overlaps, %s (%d ms)%n",
        result.classes().size(),
        result.promptCount(),
        result.overlaps().size(),
        result.provenance().contentHash(),
        millis);
    for (Overlap o : result.overlaps().subList(0, Math.min(10, result.overlaps().size()))) {
      err.println(
          "  overlap: '"
              + o.narrower()
              + "' ("
              + o.narrowerId()
              + ") is "
              + (o.same() ? "the same class as" : "under")
              + " '"
              + o.broader()
              + "' ("
              + o.broaderId()
              + ")");
    }
    if (result.overlaps().size() > 10) {
      err.println("  ... " + (result.overlaps().size() - 10) + " more overlaps in the output");
    }
    result.notes().forEach(n -> err.println("  note: " + n));
    err.flush();
  }

  private Map<String, List<String>> params() throws IOException {
    Map<String, List<String>> p = selection.params();
    if (format != null) {
      p.put("format", new ArrayList<>(List.of(format)));
    }
    return p;
  }

  /** Writes through a temporary file and a rename, so a failed run leaves no half file. */
  private static void write(Path file, String text) throws IOException {
    Path abs = file.toAbsolutePath();
    if (abs.getParent() != null) {
      Files.createDirectories(abs.getParent());
    }
    Path tmp = Files.createTempFile(abs.getParent(), ".prompts", ".tmp");
    try {
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
