package org.dermkg.server.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.dermkg.embeddings.model.ClipModel;
import org.dermkg.embeddings.zeroshot.ConfusionPicture;
import org.dermkg.embeddings.zeroshot.Evaluation;
import org.dermkg.ontology.OntologySnapshot;
import org.dermkg.server.config.DermConfig;
import org.dermkg.server.http.PromptParams;
import org.dermkg.sparql.prompts.PromptGenerator;
import org.dermkg.sparql.prompts.PromptRequest;
import org.dermkg.sparql.prompts.Strategy;
import org.dermkg.zeroshot.classify.Classifier;
import org.dermkg.zeroshot.classify.Evaluator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code derm evaluate}: zero-shot accuracy on a folder of labelled images. */
@Command(
    name = "evaluate",
    description = {
      "Zero-shot evaluation: classify every image of --images listed in --labels (CSV filename,label) against a label",
      "set (--set or any prompt selection) under each strategy combination of --compare (default: flat names vs",
      "all strategies), and report top-1/top-5 accuracy, per-class recall and a confusion matrix picture per",
      "combination (report.md, report.json, confusion-*.png in --report); with --models a,b every model on the same",
      "images and prompt sets, side by side in one report. Exit 2 on a label that is no class of the set."
    },
    mixinStandardHelpOptions = true)
final class EvaluateCommand implements Callable<Integer> {
  @Option(names = "--images", paramLabel = "DIR", description = "The labelled images' folder.")
  Path images;

  @Option(
      names = "--retrieval",
      description =
          "Instead of classification: image-to-text and text-to-image Recall@1/5/10 of the stored image and caption vectors (derm embed, derm embed --captions) on --split.")
  boolean retrieval;

  @Option(
      names = "--max-images",
      paramLabel = "N",
      defaultValue = "5000",
      description =
          "With --retrieval: at most this many images of the split (default ${DEFAULT-VALUE}).")
  int maxImages;

  @Option(names = "--labels", paramLabel = "CSV", description = "CSV of filename,label rows.")
  Path labels;

  @Option(
      names = "--dataset",
      paramLabel = "NAME",
      description =
          "Instead of --labels: a benchmark dataset loaded into the store (derm load --dataset);"
              + " --images is its folder. Adds accuracy per hierarchy level and fairness slices.")
  String dataset;

  @Option(
      names = "--split",
      paramLabel = "all|train|test",
      defaultValue = "all",
      description =
          "With --dataset: a deterministic split keeping each lesion's images together (default:"
              + " ${DEFAULT-VALUE}).")
  String split;

  @Option(
      names = "--test-percent",
      paramLabel = "N",
      defaultValue = "20",
      description = "The test split's share of lesions (default: ${DEFAULT-VALUE}).")
  int testPercent;

  @Option(
      names = "--store",
      paramLabel = "DIR",
      description = "Store directory for --dataset (default: derm-data/store, DERM_STORE).")
  String store;

  @Mixin SelectionOptions selection;

  @Option(
      names = "--compare",
      paramLabel = "LIST;LIST",
      defaultValue = "name;all",
      description = "Strategy combinations separated by ';' (default: ${DEFAULT-VALUE}).")
  String compare;

  @Option(names = "--report", paramLabel = "DIR", defaultValue = "derm-data/evaluation")
  Path report;

  @Mixin ModelOptions models;

  @Option(
      names = "--models",
      paramLabel = "DIR,DIR",
      split = ",",
      description =
          "Compare several exported models (instead of --model): each one's runs in the same report, named by its slug.")
  List<Path> compared;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    DermConfig config = DermConfig.load();
    if (retrieval) {
      return retrieval(config, spec.commandLine().getOut());
    }
    if (images == null) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "give --images DIR (the labelled images' folder), or --retrieval");
    }
    return classification(config);
  }

  /** The zero-shot classification evaluation. */
  private int classification(DermConfig config) throws IOException {
    Path modelDir = models.modelDir(config);
    OntologySnapshot snapshot = OntologySnapshot.shipped();
    PromptGenerator gen =
        PromptGenerator.forOntology(snapshot.rdf().getGraph(), snapshot.version(), 60_000);
    Map<String, List<String>> params = selection.params();
    if (params.containsKey("strategies")) {
      throw new IllegalArgumentException(
          "derm evaluate compares strategies: give them with --compare");
    }
    PromptRequest base = PromptParams.parse(params);
    List<Set<Strategy>> combos = combos();
    if ((labels == null) == (dataset == null)) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "give --labels CSV or --dataset NAME (one of them)");
    }
    org.dermkg.sparql.prompts.PromptSet set = gen.generate(base);
    Evaluator.Labels l = labels(config, set, gen);
    PrintWriter o = spec.commandLine().getOut();
    List<String> skipped = new ArrayList<>(l.skipped());
    List<Path> dirs = compared == null || compared.isEmpty() ? List.of(modelDir) : compared;
    if (dirs.size() > 1 && models.slug != null) {
      throw new IllegalArgumentException("--slug names one model; --models takes each one's slug");
    }
    Map<String, Evaluator.Run> results = runs(config, dirs, gen, base, combos, l, skipped);
    Files.createDirectories(report);
    Map<String, Evaluation> all = new java.util.LinkedHashMap<>();
    results.forEach((k, r) -> all.put(k, r.all()));
    write(all, List.copyOf(new java.util.LinkedHashSet<>(skipped)), o);
    if (dataset != null) {
      List<String> iris = set.classes().stream().map(c -> c.members().get(0).iri()).toList();
      EvaluationExtras.write(report, results, iris, gen.catalog(), o);
      record(
          config, results, iris, gen, base, combos, dirs.size() > 1 ? null : models.slug(config));
      o.println("runs recorded in the store's evaluations graph (/api/evaluations)");
      o.flush();
    }
    return 0;
  }

  /** Each run recorded in the store (model, strategies, prompt-set hash, figures, date). */
  private void record(
      DermConfig config,
      Map<String, Evaluator.Run> results,
      List<String> iris,
      PromptGenerator gen,
      PromptRequest base,
      List<Set<Strategy>> combos,
      String slug) {
    Map<String, String> hashes = new java.util.HashMap<>();
    for (Set<Strategy> c : combos) {
      PromptRequest req = new PromptRequest(base.selection(), c, base.templates());
      hashes.put(String.join("+", Strategy.ids(c)), gen.generate(req).provenance().contentHash());
    }
    java.time.Instant now = java.time.Instant.now();
    try (org.dermkg.graph.store.DermStore s =
        org.dermkg.graph.store.DermStore.open(config.path(DermConfig.Key.STORE, store))) {
      for (Map.Entry<String, Evaluator.Run> e : results.entrySet()) {
        String key = e.getKey();
        int colon = key.indexOf(": ");
        String model = slug != null ? slug : key.substring(0, colon);
        String strategies = slug != null ? key : key.substring(colon + 2);
        org.dermkg.graph.datasets.EvaluationRecords.write(
            s,
            EvaluationExtras.record(
                dataset,
                split.equals("all") ? "all" : split + " (" + testPercent + "% of lesions)",
                model,
                strategies,
                hashes.get(strategies),
                e.getValue(),
                iris,
                gen.catalog(),
                now));
      }
    }
  }

  private List<Set<Strategy>> combos() {
    List<Set<Strategy>> combos = new ArrayList<>();
    for (String c : compare.split(";")) {
      combos.add(Strategy.parse(c));
    }
    return combos;
  }

  /** Every model's runs, keyed by strategies (and the model's slug when there are several). */
  private Map<String, Evaluator.Run> runs(
      DermConfig config,
      List<Path> dirs,
      PromptGenerator gen,
      PromptRequest base,
      List<Set<Strategy>> combos,
      Evaluator.Labels l,
      List<String> skipped) {
    Map<String, Evaluator.Run> results = new java.util.LinkedHashMap<>();
    for (Path dir : dirs) {
      String slug = dirs.size() > 1 ? ModelOptions.slugOf(dir) : models.slug(config);
      Path cache = config.path(DermConfig.Key.EMBEDDINGS, models.out).resolve(slug);
      try (ClipModel clip = ClipModel.load(dir, false)) {
        Classifier classifier = new Classifier(gen, () -> clip, cache);
        Evaluator.run(clip, classifier, base.selection(), combos, base.templates(), l, skipped)
            .forEach((k, ev) -> results.put(dirs.size() > 1 ? slug + ": " + k : k, ev));
      }
    }
    return results;
  }

  private Evaluator.Labels labels(
      DermConfig config, org.dermkg.sparql.prompts.PromptSet set, PromptGenerator gen) {
    if (labels != null) {
      return Evaluator.readLabels(labels, images, set, gen);
    }
    try (org.dermkg.graph.store.DermStore s =
        org.dermkg.graph.store.DermStore.open(config.path(DermConfig.Key.STORE, store))) {
      return Evaluator.fromDataset(
          org.dermkg.graph.datasets.DatasetImages.split(
              org.dermkg.graph.datasets.DatasetImages.read(s, dataset),
              dataset,
              split,
              testPercent),
          images,
          set,
          gen);
    }
  }

  private void write(Map<String, Evaluation> results, List<String> skipped, PrintWriter o)
      throws IOException {
    StringBuilder md = new StringBuilder("# Zero-shot evaluation\n\n");
    md.append(
        "| strategies | images | top-1 | top-5 | balanced accuracy | macro AUROC | confusion matrix |\n"
            + "|---|---|---|---|---|---|---|\n");
    ObjectNode json = new ObjectMapper().createObjectNode();
    ArrayNode runs = json.putArray("runs");
    for (Map.Entry<String, Evaluation> e : results.entrySet()) {
      Evaluation ev = e.getValue();
      String png = "confusion-" + e.getKey().replaceAll("[^A-Za-z0-9_.-]+", "-") + ".png";
      ConfusionPicture.write(ev, e.getKey(), report.resolve(png));
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %.3f | %.3f | %.3f | %.3f | [%s](%s) |%n",
              e.getKey(),
              ev.total(),
              ev.top1(),
              ev.top5(),
              ev.meanRecall(),
              ev.macroAuroc(),
              png,
              png));
      run(runs.addObject(), e.getKey(), ev, png);
      summary(o, e.getKey(), ev);
    }
    recallTable(md, results);
    skipped(md, json, skipped);
    Files.writeString(report.resolve("report.md"), md);
    Files.writeString(
        report.resolve("report.json"),
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(json));
    o.println("report: " + report.resolve("report.md") + " (" + skipped.size() + " rows skipped)");
    o.flush();
  }

  /** {@code --retrieval}: Recall@K both ways on the split, as a report and a summary line. */
  private int retrieval(DermConfig config, PrintWriter o) throws IOException {
    Map<String, String> captionImage = new java.util.HashMap<>();
    try (org.dermkg.graph.store.DermStore s =
        org.dermkg.graph.store.DermStore.open(config.path(DermConfig.Key.STORE, store))) {
      org.dermkg.zeroshot.retrieval.Captions.read(s)
          .forEach(c -> captionImage.put(c.iri(), c.image()));
    }
    org.dermkg.zeroshot.retrieval.Retrieval.Report r =
        org.dermkg.zeroshot.retrieval.Retrieval.evaluate(
            vectors(models.images(config), "derm embed"),
            vectors(models.dir(config).resolve("captions"), "derm embed --captions"),
            captionImage,
            splitFilter(),
            maxImages,
            List.of(1, 5, 10));
    writeRetrieval(r, o);
    return 0;
  }

  private java.util.function.Predicate<String> splitFilter() {
    return switch (split) {
      case "all" -> x -> true;
      case "test" -> x -> org.dermkg.zeroshot.retrieval.Retrieval.inTest(x, testPercent);
      case "train" -> x -> !org.dermkg.zeroshot.retrieval.Retrieval.inTest(x, testPercent);
      default -> throw new IllegalArgumentException("--split is all, train or test, was " + split);
    };
  }

  private void writeRetrieval(org.dermkg.zeroshot.retrieval.Retrieval.Report r, PrintWriter o)
      throws IOException {
    Files.createDirectories(report);
    ObjectNode json = new ObjectMapper().createObjectNode();
    json.put("split", split).put("images", r.images()).put("captions", r.captions());
    StringBuilder md =
        new StringBuilder("# Cross-modal retrieval\n\n")
            .append(
                String.format(
                    Locale.ROOT,
                    "split %s: %d images, %d captions%n%n",
                    split,
                    r.images(),
                    r.captions()))
            .append("| | R@1 | R@5 | R@10 |\n|---|---|---|---|\n");
    recallRow(md, json, "image → text", "image_to_text", r.imageToText());
    recallRow(md, json, "text → image", "text_to_image", r.textToImage());
    Files.writeString(report.resolve("retrieval.md"), md);
    Files.writeString(
        report.resolve("retrieval.json"),
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(json));
    o.print(md);
    o.println("report: " + report.resolve("retrieval.md"));
    o.flush();
  }

  private static void recallRow(
      StringBuilder md, ObjectNode json, String name, String key, List<Double> recall) {
    md.append(
        String.format(
            Locale.ROOT,
            "| %s | %.3f | %.3f | %.3f |%n",
            name,
            recall.get(0),
            recall.get(1),
            recall.get(2)));
    ObjectNode o = json.putObject(key);
    o.put("R@1", recall.get(0)).put("R@5", recall.get(1)).put("R@10", recall.get(2));
  }

  private static org.dermkg.embeddings.vectors.VectorFile.Loaded vectors(Path base, String how) {
    if (!Files.isRegularFile(org.dermkg.embeddings.vectors.VectorFile.vectors(base))) {
      throw new org.dermkg.embeddings.EmbeddingsException(
          org.dermkg.embeddings.EmbeddingsException.Code.VECTORS_INVALID,
          "no vectors at "
              + org.dermkg.embeddings.vectors.VectorFile.vectors(base)
              + " (run "
              + how
              + ")");
    }
    return org.dermkg.embeddings.vectors.VectorFile.read(base);
  }

  /** The rows evaluation skipped, in both reports. */
  private static void skipped(StringBuilder md, ObjectNode json, List<String> skipped) {
    json.putArray("skipped")
        .addAll(
            skipped.stream()
                .map(s -> (com.fasterxml.jackson.databind.JsonNode) json.textNode(s))
                .toList());
    if (!skipped.isEmpty()) {
      md.append("\n## Skipped\n\n");
      skipped.forEach(s -> md.append("- ").append(s).append('\n'));
    }
  }

  private static void summary(PrintWriter o, String strategies, Evaluation ev) {
    o.printf(
        Locale.ROOT,
        "%-50s top-1 %.3f  top-5 %.3f  balanced accuracy %.3f  macro AUROC %.3f  (%d images)%n",
        strategies,
        ev.top1(),
        ev.top5(),
        ev.meanRecall(),
        ev.macroAuroc(),
        ev.total());
  }

  /** One run of report.json: figures, per-class recall, the confusion matrix. */
  private static void run(ObjectNode r, String strategies, Evaluation ev, String png) {
    r.put("strategies", strategies)
        .put("images", ev.total())
        .put("top1", ev.top1())
        .put("top5", ev.top5());
    r.put("mean_recall", ev.meanRecall()).put("confusion_png", png);
    if (!Double.isNaN(ev.macroAuroc())) {
      r.put("macro_auroc", ev.macroAuroc());
    }
    perClass(r.putObject("recall"), ev.classes(), ev.recall());
    perClass(r.putObject("auroc"), ev.classes(), ev.auroc());
    ArrayNode matrix = r.putArray("confusion");
    for (long[] row : ev.confusion()) {
      ArrayNode a = matrix.addArray();
      for (long v : row) {
        a.add(v);
      }
    }
  }

  private static void perClass(ObjectNode o, List<String> classes, List<Double> values) {
    for (int i = 0; i < values.size(); i++) {
      if (!values.get(i).isNaN()) {
        o.put(classes.get(i), values.get(i));
      }
    }
  }

  private static String cell(double v) {
    return Double.isNaN(v) ? " – |" : String.format(Locale.ROOT, " %.3f |", v);
  }

  /** report.md's per-class recall and AUROC table, two columns per run. */
  private static void recallTable(StringBuilder md, Map<String, Evaluation> results) {
    if (results.isEmpty()) {
      return;
    }
    Evaluation first = results.values().iterator().next();
    md.append("\n## Per-class recall and AUROC\n\n| class |");
    results.keySet().forEach(k -> md.append(' ').append(k).append(": recall | AUROC |"));
    md.append("\n|---|").append("---|---|".repeat(results.size())).append('\n');
    Map<Evaluation, List<Double>> aurocs = new java.util.IdentityHashMap<>();
    results.values().forEach(ev -> aurocs.put(ev, ev.auroc()));
    for (int i = 0; i < first.classes().size(); i++) {
      md.append("| ").append(first.classes().get(i)).append(" |");
      for (Evaluation ev : results.values()) {
        md.append(cell(ev.recall().get(i))).append(cell(aurocs.get(ev).get(i)));
      }
      md.append('\n');
    }
  }
}
