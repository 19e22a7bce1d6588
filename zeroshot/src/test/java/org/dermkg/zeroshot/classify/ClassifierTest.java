package org.dermkg.zeroshot.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.dermkg.embeddings.model.ClipModel;
import org.dermkg.embeddings.zeroshot.ZeroShot;
import org.dermkg.sparql.prompts.CatalogClass;
import org.dermkg.sparql.prompts.ClassCatalog;
import org.dermkg.sparql.prompts.PromptGenerator;
import org.dermkg.sparql.prompts.PromptRequest;
import org.dermkg.sparql.prompts.Selection;
import org.dermkg.sparql.prompts.Strategy;
import org.dermkg.sparql.prompts.Templates;
import org.dermkg.zeroshot.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Zero-shot classification with the tiny model: a label set, the weights cache, the hierarchy. */
class ClassifierTest {
  private static final PromptRequest HAM = PromptRequest.flat(new Selection.LabelSet("HAM10000"));
  private static PromptGenerator prompts;
  private static ClipModel model;
  private static float[] image;

  @TempDir Path cache;

  @BeforeAll
  static void load() {
    prompts = Fixtures.prompts();
    model = ClipModel.load(Fixtures.TINY, false);
    image = Fixtures.embed(model, Fixtures.IMAGES.resolve("landscape.png"));
  }

  @AfterAll
  static void close() {
    model.close();
  }

  @Test
  void aLabelSetGivesTheTopKBestFirst() {
    List<ZeroShot.Ranked> top = new Classifier(prompts, () -> model, cache).classify(image, HAM, 3);
    assertEquals(3, top.size());
    double sum = 0;
    for (int i = 0; i < top.size(); i++) {
      sum += top.get(i).probability();
      if (i > 0) {
        assertTrue(top.get(i - 1).logit() >= top.get(i).logit(), top.toString());
      }
    }
    assertTrue(sum > 0 && sum <= 1.0001, top.toString());
  }

  @Test
  void classWeightsAreBuiltOnceAndReadFromTheCacheAfter() throws IOException {
    List<ZeroShot.Ranked> built =
        new Classifier(prompts, () -> model, cache).classify(image, HAM, 7);
    try (Stream<Path> files = Files.list(cache)) {
      assertEquals(1, files.filter(f -> f.toString().endsWith(".classes.f32")).count());
    }
    // a new classifier over the same folder never asks for the model
    Classifier cached =
        new Classifier(
            prompts,
            () -> {
              throw new AssertionError("the class weights should come from the cache");
            },
            cache);
    List<ZeroShot.Ranked> read = cached.classify(image, HAM, 7);
    assertEquals(
        built.stream().map(ZeroShot.Ranked::name).toList(),
        read.stream().map(ZeroShot.Ranked::name).toList());
    for (int i = 0; i < built.size(); i++) {
      assertEquals(built.get(i).logit(), read.get(i).logit(), 1e-4);
    }
  }

  @Test
  void theHierarchyPathDescendsThroughChildrenWithCHiLSScores() {
    Classifier.HierarchyResult r =
        new Classifier(prompts, () -> model, cache)
            .hierarchy(image, 2, EnumSet.noneOf(Strategy.class), Templates.builtIn("bare"));
    assertTrue(r.levels().size() >= 4, r.levels().toString());
    assertEquals(1, r.levels().get(0).level());
    r.levels().forEach(l -> assertTrue(l.top().size() <= 2 && !l.top().isEmpty()));
    assertTrue(r.path().size() >= 2, r.path().toString());
    // the path starts at the best level-1 class
    assertEquals(r.levels().get(0).top().get(0).name(), r.path().get(0).name());
    ClassCatalog cat = prompts.catalog();
    for (int i = 1; i < r.path().size(); i++) {
      ZeroShot.Ranked parent = r.path().get(i - 1);
      ZeroShot.Ranked child = r.path().get(i);
      assertTrue(isChild(cat, parent.name(), child.name()), child + " under " + parent);
      // a class scores as the best of itself and its descendants: never below a child
      assertTrue(parent.logit() >= child.logit(), parent + " / " + child);
    }
  }

  private static boolean isChild(ClassCatalog cat, String parent, String child) {
    return cat.all().stream()
        .filter(c -> c.label().equals(child))
        .map(CatalogClass::parents)
        .anyMatch(ps -> ps.stream().anyMatch(p -> cat.get(p).orElseThrow().label().equals(parent)));
  }
}
