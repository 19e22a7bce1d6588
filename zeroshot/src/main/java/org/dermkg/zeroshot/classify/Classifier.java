package org.dermkg.zeroshot.classify;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.dermkg.embeddings.embed.TextEmbedder;
import org.dermkg.embeddings.model.ClipModel;
import org.dermkg.embeddings.vectors.VectorFile;
import org.dermkg.embeddings.zeroshot.ZeroShot;
import org.dermkg.sparql.prompts.CatalogClass;
import org.dermkg.sparql.prompts.ClassCatalog;
import org.dermkg.sparql.prompts.Prompt;
import org.dermkg.sparql.prompts.PromptClass;
import org.dermkg.sparql.prompts.PromptGenerator;
import org.dermkg.sparql.prompts.PromptRequest;
import org.dermkg.sparql.prompts.PromptSet;
import org.dermkg.sparql.prompts.Selection;
import org.dermkg.sparql.prompts.Strategy;
import org.dermkg.sparql.prompts.Templates;

/**
 * Zero-shot classification of image embeddings against prompt sets from the hierarchy: class
 * weights are built once per prompt set and cached on disk by the set's content hash ({@code
 * prompts-<hash>.classes.f32}); {@link #hierarchy} scores every disease class at once and reads the
 * result level by level with CHiLS aggregation (a class scores as its best descendant or itself),
 * so the top-down path it returns is consistent: each step is a child of the one before.
 * Thread-safe; the model is its owner's (this class never closes it).
 */
public final class Classifier {
  /** A class at one level of the hierarchy with its aggregated score. */
  public record LevelResult(int level, List<ZeroShot.Ranked> top) {}

  /** Every level's top classes and the consistent path from level 1 down. */
  public record HierarchyResult(List<LevelResult> levels, List<ZeroShot.Ranked> path) {}

  private final PromptGenerator prompts;
  private final Supplier<ClipModel> model;
  private final Path cacheDir;
  private final Map<String, ZeroShot> cache = new ConcurrentHashMap<>();

  /**
   * @param model the model, asked for when class weights are built (its owner closes it)
   * @param cacheDir where class weights are cached ({@code <embeddings>/<slug>})
   */
  public Classifier(PromptGenerator prompts, Supplier<ClipModel> model, Path cacheDir) {
    this.prompts = prompts;
    this.model = model;
    this.cacheDir = cacheDir;
  }

  /** The classifier of a prompt request (built or read from the cache). */
  public ZeroShot classifier(PromptRequest request) {
    return classifier(prompts.generate(request));
  }

  private ZeroShot classifier(PromptSet set) {
    return cache.computeIfAbsent(set.provenance().contentHash(), h -> build(set, h));
  }

  private ZeroShot build(PromptSet set, String hash) {
    Path base =
        cacheDir.resolve("prompts-" + hash.substring("sha256:".length(), "sha256:".length() + 16));
    Path classes = base.resolveSibling(base.getFileName() + ".classes");
    if (Files.isRegularFile(VectorFile.vectors(classes))
        && Files.isRegularFile(VectorFile.ids(classes))) {
      VectorFile.Loaded cached = VectorFile.read(classes);
      if (cached
          .ids()
          .equals(set.classes().stream().map(c -> c.name().replace('\n', ' ')).toList())) {
        return ZeroShot.of(cached);
      }
    }
    Map<String, List<String>> byClass = new LinkedHashMap<>();
    for (PromptClass c : set.classes()) {
      byClass.put(c.name(), c.prompts().stream().map(Prompt::text).toList());
    }
    TextEmbedder.PromptSet p =
        new TextEmbedder.PromptSet(
            set.classes().stream().map(PromptClass::name).toList(), byClass, hash);
    TextEmbedder.Report r = TextEmbedder.run(model.get(), p, base, 64);
    return ZeroShot.of(VectorFile.read(r.classVectors()));
  }

  /** The top {@code k} classes of an image embedding for a prompt request. */
  public List<ZeroShot.Ranked> classify(float[] image, PromptRequest request, int k) {
    return classifier(request).rank(image, k);
  }

  /** Every non-deprecated disease class below the root, by id: the hierarchy's class set. */
  static PromptRequest hierarchyRequest(Set<Strategy> strategies, Templates templates) {
    return new PromptRequest(
        new Selection.Sparql(
            "SELECT ?class WHERE { ?class rdfs:subClassOf+ DERM:0001000 ; DERM:0000011 ?l"
                + " FILTER NOT EXISTS { ?class owl:deprecated true } } ORDER BY ?class"),
        strategies,
        templates);
  }

  /**
   * Classifies at every level of the disease hierarchy.
   *
   * @param k classes per level
   */
  public HierarchyResult hierarchy(
      float[] image, int k, Set<Strategy> strategies, Templates templates) {
    PromptRequest request =
        hierarchyRequest(strategies.isEmpty() ? EnumSet.of(Strategy.NAME) : strategies, templates);
    PromptSet set = prompts.generate(request);
    double[] logits = classifier(set).logits(image, ZeroShot.PAPER_SCALE);
    ClassCatalog cat = prompts.catalog();
    List<String> iris = set.classes().stream().map(c -> c.members().get(0).iri()).toList();
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < iris.size(); i++) {
      index.put(iris.get(i), i);
    }
    double[] agg = aggregate(logits, iris, index, cat);
    Map<Integer, List<Integer>> byLevel = new TreeMap<>();
    for (int i = 0; i < iris.size(); i++) {
      CatalogClass c = cat.get(iris.get(i)).orElseThrow();
      byLevel.computeIfAbsent(c.level().orElse(-1), x -> new ArrayList<>()).add(i);
    }
    List<LevelResult> levels = new ArrayList<>();
    for (Map.Entry<Integer, List<Integer>> e : byLevel.entrySet()) {
      levels.add(new LevelResult(e.getKey(), ranked(set, e.getValue(), agg, k)));
    }
    List<ZeroShot.Ranked> path =
        path(set, byLevel.getOrDefault(1, List.of()), agg, iris, index, cat);
    return new HierarchyResult(levels, path);
  }

  /** CHiLS: each class scores as the best of itself and its descendants in the set. */
  private static double[] aggregate(
      double[] logits, List<String> iris, Map<String, Integer> index, ClassCatalog cat) {
    double[] agg = logits.clone();
    for (int i = 0; i < iris.size(); i++) {
      for (String a : cat.ancestors(iris.get(i))) {
        Integer j = index.get(a);
        if (j != null) {
          agg[j] = Math.max(agg[j], logits[i]);
        }
      }
    }
    return agg;
  }

  /** Top-down: the best level-1 class, then its best child, until a leaf of the set. */
  private static List<ZeroShot.Ranked> path(
      PromptSet set,
      List<Integer> level1,
      double[] agg,
      List<String> iris,
      Map<String, Integer> index,
      ClassCatalog cat) {
    List<ZeroShot.Ranked> path = new ArrayList<>();
    List<Integer> candidates = level1;
    while (!candidates.isEmpty()) {
      ZeroShot.Ranked best = ranked(set, candidates, agg, 1).get(0);
      path.add(best);
      List<Integer> next = new ArrayList<>();
      for (String child : cat.children(iris.get(best.index()))) {
        Integer j = index.get(child);
        if (j != null) {
          next.add(j);
        }
      }
      candidates = next;
    }
    return path;
  }

  /** The best {@code k} of some classes by score, probabilities by softmax among them. */
  private static List<ZeroShot.Ranked> ranked(
      PromptSet set, List<Integer> among, double[] score, int k) {
    double[] s = new double[among.size()];
    for (int i = 0; i < s.length; i++) {
      s[i] = score[among.get(i)];
    }
    double[] p = ZeroShot.softmax(s);
    List<ZeroShot.Ranked> out = new ArrayList<>();
    for (int i = 0; i < s.length; i++) {
      int c = among.get(i);
      out.add(new ZeroShot.Ranked(c, set.classes().get(c).name(), s[i], p[i]));
    }
    out.sort(
        (a, b) ->
            a.logit() != b.logit()
                ? Double.compare(b.logit(), a.logit())
                : Integer.compare(a.index(), b.index()));
    return out.subList(0, Math.min(k, out.size()));
  }
}
