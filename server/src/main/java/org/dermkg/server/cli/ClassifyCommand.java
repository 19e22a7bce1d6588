package org.dermkg.server.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.dermkg.embeddings.model.ClipModel;
import org.dermkg.embeddings.zeroshot.ZeroShot;
import org.dermkg.ontology.OntologySnapshot;
import org.dermkg.server.config.DermConfig;
import org.dermkg.server.http.PromptParams;
import org.dermkg.sparql.prompts.PromptGenerator;
import org.dermkg.sparql.prompts.PromptRequest;
import org.dermkg.sparql.prompts.Strategy;
import org.dermkg.sparql.prompts.Templates;
import org.dermkg.zeroshot.classify.Classifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code derm classify}: zero-shot classification of image files. */
@Command(
    name = "classify",
    description = {
      "Zero-shot classify image files with the model: against a label set chosen as in derm prompts (--set, --classes,",
      "--level, --children-of, --descendants-of, --sparql, --group), or, by default, at every level of the disease",
      "hierarchy with a consistent top-down path (CHiLS aggregation: a class scores as its best descendant). Class",
      "weights are cached by the prompt set's content hash. Prints the top k per image (and per level)."
    },
    mixinStandardHelpOptions = true)
final class ClassifyCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Image files.")
  List<Path> images;

  @Mixin SelectionOptions selection;

  @Option(
      names = {"-k", "--k"},
      defaultValue = "5",
      description = "Classes shown (default ${DEFAULT-VALUE}).")
  int k;

  @Mixin ModelOptions models;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws java.io.IOException {
    if (k < 1 || k > 1000) {
      throw new IllegalArgumentException("-k must be from 1 to 1000");
    }
    DermConfig config = DermConfig.load();
    Path modelDir = models.modelDir(config);
    OntologySnapshot snapshot = OntologySnapshot.shipped();
    PromptGenerator gen =
        PromptGenerator.forOntology(snapshot.rdf().getGraph(), snapshot.version(), 60_000);
    Map<String, List<String>> params = selection.params();
    boolean hierarchy = !selection.choosesClasses();
    PrintWriter o = spec.commandLine().getOut();
    try (ClipModel clip = ClipModel.load(modelDir, false)) {
      Classifier classifier = new Classifier(gen, () -> clip, models.dir(config));
      PromptRequest request = hierarchy ? null : PromptParams.parse(params);
      for (Path image : images) {
        float[] emb = clip.encodeImages(new float[][] {clip.preprocessor().preprocess(image)})[0];
        o.println(image);
        if (hierarchy) {
          hierarchy(o, classifier, emb, params);
        } else {
          classifier.classify(emb, request, k).forEach(x -> print(o, x));
        }
      }
      o.flush();
    }
    return 0;
  }

  /** Every level's top k and the consistent path (CHiLS). */
  private void hierarchy(
      PrintWriter o, Classifier classifier, float[] emb, Map<String, List<String>> params) {
    Classifier.HierarchyResult r =
        classifier.hierarchy(
            emb,
            k,
            Strategy.parse(String.join(",", params.getOrDefault("strategies", List.of("name")))),
            Templates.builtIn(params.getOrDefault("templates", List.of(Templates.DEFAULT)).get(0)));
    for (Classifier.LevelResult l : r.levels()) {
      o.println("  level " + l.level() + ":");
      l.top().forEach(x -> print(o, x));
    }
    o.println(
        "  path: " + String.join(" > ", r.path().stream().map(ZeroShot.Ranked::name).toList()));
  }

  private static void print(PrintWriter o, ZeroShot.Ranked r) {
    o.printf(Locale.ROOT, "    %.4f  %s%n", r.probability(), r.name());
  }
}
