package org.dermkg.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.dermkg.embeddings.vectors.VectorFile;
import org.dermkg.graph.concepts.ConceptPredictions;
import org.dermkg.graph.store.DermStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** derm concepts on the fixture store, with the tiny model's real text tower and image vectors. */
class ConceptsCliTest {
  @TempDir Path tmp;

  @Test
  void predictsConceptsIntoTheModelsGraphIncrementallyAndEvaluatesThem() throws Exception {
    Path store = CliTest.demoStore(tmp);
    String[] model = {
      "--store",
      store.toString(),
      "--model",
      EmbedCliTest.TINY.toString(),
      "--out",
      tmp.resolve("emb").toString()
    };
    CliTest.Run none = CliTest.derm(concat(new String[] {"concepts"}, model));
    assertEquals(2, none.exit(), "no vectors yet: " + none.out() + none.err());
    assertTrue(none.err().contains("derm embed"), none.err());
    CliTest.Run embed =
        CliTest.derm(
            concat(new String[] {"embed", "--data", tmp.resolve("demo").toString()}, model));
    assertEquals(0, embed.exit(), embed.err());
    int images = VectorFile.read(tmp.resolve("emb/tiny-clip/images")).size();

    CliTest.Run r = CliTest.derm(concat(new String[] {"concepts", "--threshold", "1.5"}, model));
    assertEquals(0, r.exit(), r.out() + r.err());
    assertTrue(r.out().contains("scored " + images + " of " + images + " images (all)"), r.out());
    try (DermStore s = DermStore.open(store)) {
      var run = ConceptPredictions.previous(s, "tiny-clip").orElseThrow();
      assertTrue(run.calibration().size() > 100, "every concept of the branch is calibrated");
      assertEquals(images, run.vectorRows());
      var all = ConceptPredictions.all(s, "tiny-clip");
      assertTrue(!all.isEmpty() && all.size() <= 3L * images, "top 3 at most: " + all.size());
      assertTrue(all.stream().allMatch(p -> p.score() >= 1.5));
    }
    CliTest.Run again =
        CliTest.derm(concat(new String[] {"concepts", "--threshold", "1.5"}, model));
    assertEquals(0, again.exit(), again.err());
    assertTrue(
        again.out().contains("scored 0 of " + images + " images (new images only)"), again.out());

    Path report = tmp.resolve("report");
    CliTest.Run ev =
        CliTest.derm(
            concat(new String[] {"concepts", "--evaluate", "--report", report.toString()}, model));
    assertEquals(0, ev.exit(), ev.out() + ev.err());
    JsonNode json = new ObjectMapper().readTree(report.resolve("report.json").toFile());
    assertTrue(json.get("images").asInt() > 0, json.toString());
    for (JsonNode c : json.get("concepts")) {
      double a = c.get("auroc").asDouble();
      assertTrue(a >= 0 && a <= 1 && c.get("positives").asInt() >= 5, c.toString());
    }
    assertNotNull(ImageIO.read(report.resolve("auroc.png").toFile()));
  }

  static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
