package org.dermkg.server.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import org.dermkg.embeddings.EmbeddingsException;
import org.dermkg.embeddings.model.ClipModel;
import org.dermkg.embeddings.vectors.VectorFile;
import org.dermkg.embeddings.zeroshot.SlicesPicture;
import org.dermkg.graph.store.DermStore;
import org.dermkg.ontology.vocab.Derm;
import org.dermkg.server.config.DermConfig;
import org.dermkg.server.config.DermConfig.Key;
import org.dermkg.sparql.terms.TermService;
import org.dermkg.zeroshot.concepts.ConceptAuroc;
import org.dermkg.zeroshot.concepts.ConceptRun;
import org.dermkg.zeroshot.concepts.ConceptScorer;
import org.dermkg.zeroshot.concepts.ConceptVocabulary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code derm concepts}: zero-shot concept identification of the stored image vectors. */
@Command(
    name = "concepts",
    description = {
      "Scores every image with a vector (derm embed) against every concept of the concept branch (or --under a",
      "concept) zero-shot: prompts from each concept's label, synonyms and Derm1M phrases, contrasted with generic",
      "skin-image prompts, calibrated per concept to z-scores; predictions at or over --threshold (at most --top per",
      "image) go to the model's graph https://w3id.org/dermkg/graph/predicted-concepts/<slug> with score and run.",
      "Incremental: only vectors added since the last run are scored. --evaluate writes per-concept AUROC against",
      "the images' annotated concepts to --report."
    },
    mixinStandardHelpOptions = true)
final class ConceptsCommand implements Callable<Integer> {
  @Option(
      names = "--under",
      paramLabel = "TERM",
      description = "Score this concept and its sub-concepts (default: all, DERM:0002000).")
  String under;

  @Option(
      names = "--threshold",
      defaultValue = "2.5",
      paramLabel = "Z",
      description = "Calibrated score (z) a prediction needs (default ${DEFAULT-VALUE}).")
  double threshold;

  @Option(
      names = "--top",
      defaultValue = "3",
      paramLabel = "K",
      description = "At most this many predictions per image (default ${DEFAULT-VALUE}).")
  int top;

  @Option(names = "--rescore", description = "Score every vector again and replace the graph.")
  boolean rescore;

  @Option(
      names = "--evaluate",
      description = "Instead of predicting: per-concept AUROC against annotated concepts.")
  boolean evaluate;

  @Option(
      names = "--dataset",
      paramLabel = "NAME",
      description =
          "With --evaluate: a benchmark dataset's images (derm embed --dataset NAME) against its annotated concepts (SkinCon, Derm7pt criteria) instead of Derm1M's.")
  String dataset;

  @Option(
      names = "--report",
      paramLabel = "DIR",
      defaultValue = "concepts-report",
      description = "Where --evaluate writes report.md, report.json, auroc.png.")
  Path report;

  @Option(names = "--store", paramLabel = "DIR", description = "Store directory (DERM_STORE).")
  String store;

  @Mixin ModelOptions models;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    DermConfig config = DermConfig.load();
    Path base = vectorBase(config);
    PrintWriter o = spec.commandLine().getOut();
    String slug = models.slug(config);
    try (DermStore s = DermStore.open(config.path(Key.STORE, store));
        ClipModel clip = ClipModel.load(models.modelDir(config), false)) {
      // the named queries read the ontology and images graphs together, as the server does
      s.dataset().getContext().set(org.apache.jena.tdb2.TDB2.symUnionDefaultGraph, true);
      String root = under == null ? Derm.CONCEPT_ROOT : conceptRoot(s);
      List<ConceptVocabulary.Concept> concepts = ConceptVocabulary.read(s.dataset(), root);
      long t0 = System.nanoTime();
      ConceptScorer scorer =
          ConceptScorer.build(concepts, clip::encodeTexts, slug + " " + clip.config().modelId());
      VectorFile.Loaded v = VectorFile.read(base);
      o.printf(
          Locale.ROOT,
          "%d concepts, prompts encoded in %.1f s; %d vectors of %s%n",
          concepts.size(),
          (System.nanoTime() - t0) / 1e9,
          v.size(),
          slug);
      o.flush();
      return evaluate ? evaluate(s, scorer, v, o) : predict(s, slug, scorer, v, root, o);
    }
  }

  /** The --under class, checked to be in the concept branch. */
  private String conceptRoot(DermStore s) {
    TermService terms = new TermService(s.dataset(), 0);
    String iri = terms.resolve(under);
    if (!iri.equals(Derm.CONCEPT_ROOT)
        && terms.ancestors(iri).stream().noneMatch(a -> a.iri().equals(Derm.CONCEPT_ROOT))) {
      throw new IllegalArgumentException(
          "--under " + under + " is not a clinical concept (DERM:0002000 or below)");
    }
    return iri;
  }

  /** The vectors scored: Derm1M's images, or with --dataset that dataset's; checked to exist. */
  private Path vectorBase(DermConfig config) {
    if (dataset != null && !evaluate) {
      throw new IllegalArgumentException("--dataset goes with --evaluate");
    }
    Path base =
        dataset == null
            ? models.images(config)
            : EmbedCommand.datasetVectors(models.dir(config), dataset);
    if (!Files.isRegularFile(VectorFile.vectors(base))) {
      throw new EmbeddingsException(
          EmbeddingsException.Code.VECTORS_INVALID,
          "no vectors at "
              + VectorFile.vectors(base)
              + (dataset == null
                  ? " (run derm embed first)"
                  : " (run derm embed --dataset " + dataset + ")"));
    }
    return base;
  }

  /** Draws the run's progress (rate and ETA) in {@code bar[0]}, made when the run starts. */
  private static ConceptRun.Listener listener(ProgressBar[] bar) {
    return new ConceptRun.Listener() {
      @Override
      public void start(long rows) {
        bar[0] = Progress.bar("concepts", rows, " images", 1);
      }

      @Override
      public void progress(long rows) {
        bar[0].stepTo(rows);
      }
    };
  }

  private int predict(
      DermStore s,
      String slug,
      ConceptScorer scorer,
      VectorFile.Loaded v,
      String root,
      PrintWriter o) {
    long t0 = System.nanoTime();
    ProgressBar[] bar = new ProgressBar[1];
    ConceptRun.Result r;
    try {
      r =
          ConceptRun.run(
              s,
              slug,
              slug,
              scorer,
              v,
              new ConceptRun.Options(root, threshold, top, rescore, 20_000),
              listener(bar));
    } finally {
      if (bar[0] != null) {
        bar[0].close();
      }
    }
    o.printf(
        Locale.ROOT,
        "%s: scored %d of %d images (%s) in %.1f s, %d predictions (z >= %.2f, top %d); graph %s%n",
        r.runIri(),
        r.scored(),
        r.totalRows(),
        r.incremental() ? "new images only" : "all",
        (System.nanoTime() - t0) / 1e9,
        r.predictions(),
        threshold,
        top,
        org.dermkg.graph.concepts.ConceptPredictions.graph(slug).getURI());
    o.flush();
    return 0;
  }

  private int evaluate(DermStore s, ConceptScorer scorer, VectorFile.Loaded v, PrintWriter o)
      throws IOException {
    ConceptAuroc.Report rep = ConceptAuroc.of(s.dataset(), scorer, v, 5);
    Files.createDirectories(report);
    Files.writeString(report.resolve("report.md"), markdown(rep));
    Files.writeString(
        report.resolve("report.json"),
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(json(rep)));
    List<SlicesPicture.Bar> bars = new java.util.ArrayList<>();
    rep.rows()
        .forEach(
            r ->
                bars.add(
                    new SlicesPicture.Bar(r.label(), r.positives(), r.auroc(), r.low(), r.high())));
    SlicesPicture.write(
        bars,
        Double.isNaN(rep.macro()) ? 0.5 : rep.macro(),
        "Zero-shot concept AUROC",
        "AUROC per concept, 95% interval (Hanley-McNeil); line: macro mean",
        report.resolve("auroc.png"));
    o.printf(
        Locale.ROOT,
        "macro AUROC %.3f over %d concepts, %d annotated images; report: %s%n",
        rep.macro(),
        rep.rows().size(),
        rep.images(),
        report.resolve("report.md"));
    o.flush();
    return 0;
  }

  private static String markdown(ConceptAuroc.Report rep) {
    StringBuilder md =
        new StringBuilder("# Zero-shot concept identification\n\n")
            .append(
                String.format(
                    Locale.ROOT,
                    "%d annotated images, %d concepts with at least 5 positives, macro AUROC %.3f"
                        + " ([picture](auroc.png))%n%n",
                    rep.images(),
                    rep.rows().size(),
                    rep.macro()))
            .append(
                "| concept | positives | negatives | AUROC | 95% interval |\n|---|---|---|---|---|\n");
    for (ConceptAuroc.Row r : rep.rows()) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %d | %.3f | %.3f–%.3f |%n",
              r.label(),
              r.positives(),
              r.negatives(),
              r.auroc(),
              r.low(),
              r.high()));
    }
    return md.toString();
  }

  private static ObjectNode json(ConceptAuroc.Report rep) {
    ObjectNode json = new ObjectMapper().createObjectNode();
    json.put("images", rep.images()).put("macro_auroc", rep.macro());
    ArrayNode rows = json.putArray("concepts");
    for (ConceptAuroc.Row r : rep.rows()) {
      rows.addObject()
          .put("concept", r.concept())
          .put("label", r.label())
          .put("positives", r.positives())
          .put("negatives", r.negatives())
          .put("auroc", r.auroc())
          .put("low", r.low())
          .put("high", r.high());
    }
    return json;
  }
}
