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
    String[] model = tinyModel(store, tmp.resolve("emb"));
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
    CliTest.Run disease =
        CliTest.derm(concat(new String[] {"concepts", "--under", "DERM:0001242"}, model));
    assertEquals(2, disease.exit(), disease.out() + disease.err());
    assertTrue(disease.err().contains("not a clinical concept"), disease.err());
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

  /**
   * A Derm7pt layout (12 cases, a clinical and a dermoscopic PNG each; blue-whitish veil present in
   * half the cases) loaded, its images embedded with the tiny model, and the concept scores
   * evaluated against its criteria.
   */
  @Test
  void evaluatesAgainstABenchmarkDatasetsAnnotatedCriteria() throws Exception {
    Path d7 = tmp.resolve("derm7pt");
    java.nio.file.Files.createDirectories(d7.resolve("meta"));
    java.nio.file.Files.createDirectories(d7.resolve("images/A"));
    StringBuilder csv =
        new StringBuilder(
            "case_num,diagnosis,seven_point_score,pigment_network,streaks,pigmentation,"
                + "regression_structures,dots_and_globules,blue_whitish_veil,vascular_structures,"
                + "elevation,location,sex,clinic,derm\n");
    java.util.Random rnd = new java.util.Random(3);
    for (int i = 1; i <= 12; i++) {
      String veil = i % 2 == 0 ? "present" : "absent";
      csv.append(i)
          .append(i % 2 == 0 ? ",melanoma" : ",clark nevus")
          .append(",3,typical,absent,absent,absent,absent,")
          .append(veil)
          .append(",absent,flat,back,female,A/c")
          .append(i)
          .append(".png,A/d")
          .append(i)
          .append(".png\n");
      for (String k : new String[] {"c", "d"}) {
        java.awt.image.BufferedImage img =
            new java.awt.image.BufferedImage(32, 24, java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 24; y++) {
          for (int x = 0; x < 32; x++) {
            img.setRGB(x, y, rnd.nextInt(0xffffff));
          }
        }
        ImageIO.write(img, "png", d7.resolve("images/A/" + k + i + ".png").toFile());
      }
    }
    java.nio.file.Files.writeString(d7.resolve("meta/meta.csv"), csv);
    Path store = tmp.resolve("store7");
    String[] s = {"--store", store.toString()};
    CliTest.Run load =
        CliTest.derm(
            concat(
                new String[] {
                  "load",
                  "--dataset",
                  "Derm7pt",
                  "--data",
                  d7.toString(),
                  "--report",
                  tmp.resolve("reports7").toString()
                },
                s));
    assertEquals(0, load.exit(), load.out() + load.err());
    String[] model = tinyModel(store, tmp.resolve("emb7"));
    CliTest.Run missing =
        CliTest.derm(
            concat(new String[] {"concepts", "--evaluate", "--dataset", "Derm7pt"}, model));
    assertEquals(2, missing.exit());
    assertTrue(missing.err().contains("derm embed --dataset Derm7pt"), missing.err());
    CliTest.Run embed =
        CliTest.derm(
            concat(new String[] {"embed", "--dataset", "Derm7pt", "--data", d7.toString()}, model));
    assertEquals(0, embed.exit(), embed.out() + embed.err());
    assertTrue(embed.out().contains("24 embedded"), embed.out());
    Path report = tmp.resolve("report7");
    CliTest.Run ev =
        CliTest.derm(
            concat(
                new String[] {
                  "concepts", "--evaluate", "--dataset", "Derm7pt", "--report", report.toString()
                },
                model));
    assertEquals(0, ev.exit(), ev.out() + ev.err());
    JsonNode json = new ObjectMapper().readTree(report.resolve("report.json").toFile());
    assertEquals(24, json.get("images").asInt(), json.toString());
    JsonNode veil = null;
    for (JsonNode c : json.get("concepts")) {
      veil = c.get("label").asText().equals("Blue-whitish veil") ? c : veil;
    }
    assertNotNull(veil, "the criterion present in half the cases is evaluated: " + json);
    assertEquals(12, veil.get("positives").asInt());
    assertEquals(12, veil.get("negatives").asInt());
  }

  /** The store, the tiny model and where its vectors go, as command options. */
  static String[] tinyModel(Path store, Path out) {
    return new String[] {
      "--store", store.toString(), "--model", EmbedCliTest.TINY.toString(), "--out", out.toString()
    };
  }

  static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
