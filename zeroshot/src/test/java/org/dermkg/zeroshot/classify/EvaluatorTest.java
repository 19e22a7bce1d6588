package org.dermkg.zeroshot.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dermkg.embeddings.model.ClipModel;
import org.dermkg.embeddings.zeroshot.Evaluation;
import org.dermkg.sparql.prompts.PromptGenerator;
import org.dermkg.sparql.prompts.PromptRequest;
import org.dermkg.sparql.prompts.PromptSet;
import org.dermkg.sparql.prompts.Selection;
import org.dermkg.sparql.prompts.Strategy;
import org.dermkg.zeroshot.Fixtures;
import org.dermkg.zeroshot.ZeroShotException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Labels matched to a label set's classes, and the evaluation of each strategy combination. */
class EvaluatorTest {
  private static final PromptRequest HAM = PromptRequest.flat(new Selection.LabelSet("HAM10000"));
  private static PromptGenerator prompts;
  private static PromptSet set;

  @TempDir Path tmp;

  @BeforeAll
  static void generate() {
    prompts = Fixtures.prompts();
    set = prompts.generate(HAM);
  }

  private static int index(String name) {
    List<String> names =
        set.classes().stream().map(c -> c.name().toLowerCase(java.util.Locale.ROOT)).toList();
    assertTrue(names.contains(name), names.toString());
    return names.indexOf(name);
  }

  private Path csv(String text) throws IOException {
    return Files.writeString(tmp.resolve("labels.csv"), text);
  }

  @Test
  void labelsMatchByNameOrByTheOntologyAndMissingImagesAreSkipped() throws IOException {
    Path csv =
        csv(
            "filename,label\nlandscape.png,MELANOMA\ngray.png,Melanocytic nevus\n"
                + "missing.png,nevus\n../tiny-clip/config.json,nevus\n");
    Evaluator.Labels l = Evaluator.readLabels(csv, Fixtures.IMAGES, set, prompts);
    assertEquals(2, l.images().size(), l.toString());
    assertEquals(index("melanoma"), l.images().get(0).truth());
    assertEquals(2, l.images().get(0).line());
    // an ontology name of a class of the set
    assertEquals(l.images().get(1).truth(), index("nevus"));
    assertEquals(2, l.skipped().size(), l.skipped().toString());
    assertTrue(
        l.skipped().get(0).endsWith(":4: no image file missing.png"), l.skipped().toString());
    assertTrue(l.skipped().get(1).contains("../tiny-clip/config.json"), "outside the folder");
  }

  @Test
  void aLabelOutsideTheSetNamesTheRow() throws IOException {
    Path csv = csv("landscape.png,melanoma\nportrait.png,psoriasis\n");
    ZeroShotException e =
        assertThrows(
            ZeroShotException.class,
            () -> Evaluator.readLabels(csv, Fixtures.IMAGES, set, prompts));
    assertEquals(ZeroShotException.Code.LABELS_INVALID, e.code());
    assertEquals(csv + ":2: label 'psoriasis' is not a class of the label set", e.getMessage());
  }

  @Test
  void aRowWithoutALabelAndAMissingFileAreLabelsInvalid() throws IOException {
    Path csv = csv("landscape.png\n");
    assertEquals(
        csv + ":1: expected filename,label",
        assertThrows(
                ZeroShotException.class,
                () -> Evaluator.readLabels(csv, Fixtures.IMAGES, set, prompts))
            .getMessage());
    ZeroShotException missing =
        assertThrows(
            ZeroShotException.class,
            () -> Evaluator.readLabels(tmp.resolve("none.csv"), Fixtures.IMAGES, set, prompts));
    assertEquals(ZeroShotException.Code.LABELS_INVALID, missing.code());
    assertTrue(missing.getMessage().contains("none.csv"), missing.getMessage());
  }

  @Test
  void everyCombinationScoresEveryReadableImage() throws IOException {
    Path csv =
        csv(
            "landscape.png,melanoma\nportrait.png,nevus\nphoto.jpg,basal cell carcinoma\n"
                + "small.png,vascular\n");
    Evaluator.Labels l = Evaluator.readLabels(csv, Fixtures.IMAGES, set, prompts);
    List<Set<Strategy>> combos =
        List.of(EnumSet.of(Strategy.NAME), EnumSet.of(Strategy.NAME, Strategy.SYNONYMS));
    List<String> skipped = new ArrayList<>();
    try (ClipModel model = ClipModel.load(Fixtures.TINY, false)) {
      Classifier classifier = new Classifier(prompts, () -> model, tmp.resolve("cache"));
      Map<String, Evaluator.Run> out =
          Evaluator.run(model, classifier, HAM.selection(), combos, HAM.templates(), l, skipped);
      assertEquals(List.of("name", "name+synonyms"), List.copyOf(out.keySet()));
      for (Evaluator.Run r : out.values()) {
        Evaluation e = r.all();
        assertTrue(r.slices().isEmpty(), "a CSV gives no slices");
        assertEquals(4, e.total());
        assertEquals(set.classes().size(), e.classes().size());
        assertTrue(e.top5() >= e.top1());
      }
    }
    assertTrue(skipped.isEmpty(), skipped.toString());
  }
}
