package org.dermkg.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.dermkg.ontology.OntologySnapshot;
import org.dermkg.sparql.prompts.ClassCatalog;
import org.dermkg.sparql.prompts.PromptGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * derm classify with the tiny test model: a label set, the hierarchy's consistent path, the cache.
 */
class ClassifyCliTest {
  static final Path TINY = EmbedCliTest.TINY;
  static final Path IMAGE =
      Path.of("../embeddings/src/test/resources/fixtures/preprocess/landscape.png");

  @TempDir Path tmp;

  @Test
  void aLabelSetGivesTheTopKWithProbabilities() throws Exception {
    CliTest.Run r =
        CliTest.derm(
            "classify",
            "--model",
            TINY.toString(),
            "--out",
            tmp.toString(),
            "--set",
            "HAM10000",
            "-k",
            "3",
            IMAGE.toString());
    assertEquals(0, r.exit(), r.out() + r.err());
    List<String> lines = r.out().lines().toList();
    assertEquals(4, lines.size(), r.out());
    double sum = 0;
    for (String l : lines.subList(1, 4)) {
      sum += Double.parseDouble(l.strip().split("\\s+")[0]);
    }
    assertTrue(sum > 0 && sum <= 1.0001, r.out());
    try (Stream<Path> files = Files.list(tmp.resolve("tiny-clip"))) {
      assertEquals(
          1,
          files.filter(f -> f.toString().endsWith(".classes.f32")).count(),
          "class weights cached");
    }
  }

  @Test
  void theHierarchyPathIsConsistentLevelByLevel() {
    CliTest.Run r =
        CliTest.derm(
            "classify",
            "--model",
            TINY.toString(),
            "--out",
            tmp.toString(),
            "-k",
            "2",
            IMAGE.toString());
    assertEquals(0, r.exit(), r.out() + r.err());
    assertTrue(r.out().contains("  level 1:") && r.out().contains("  level 4:"), r.out());
    String path =
        r.out()
            .lines()
            .filter(l -> l.startsWith("  path: "))
            .findFirst()
            .orElseThrow()
            .substring(8);
    String[] steps = path.split(" > ");
    assertTrue(steps.length >= 2, path);
    OntologySnapshot s = OntologySnapshot.shipped();
    ClassCatalog cat =
        PromptGenerator.forOntology(s.rdf().getGraph(), s.version(), 10_000).catalog();
    for (int i = 1; i < steps.length; i++) {
      String parent = steps[i - 1];
      String child = steps[i];
      assertTrue(
          cat.all().stream()
              .anyMatch(
                  c ->
                      c.label().equals(child)
                          && c.parents().stream()
                              .anyMatch(p -> cat.get(p).orElseThrow().label().equals(parent))),
          child + " is a child of " + parent);
    }
    // the path's level-1 class is the best level-1 class shown
    String level1 =
        r.out()
            .lines()
            .dropWhile(l -> !l.equals("  level 1:"))
            .skip(1)
            .findFirst()
            .orElseThrow()
            .strip();
    assertTrue(level1.endsWith(steps[0]), level1 + " / " + path);
  }
}
