package org.dermkg.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** derm evaluate with the tiny model on labelled fixture images. */
class EvaluateCliTest {
  static final Path IMAGES = Path.of("../embeddings/src/test/resources/fixtures/preprocess");

  @TempDir Path tmp;

  @Test
  void reportsAccuracyRecallAndAConfusionMatrixPerStrategy() throws Exception {
    Path csv = tmp.resolve("labels.csv");
    Files.writeString(
        csv,
        "filename,label\nlandscape.png,melanoma\nportrait.png,nevus\ngray.png,Melanocytic nevus\n"
            + "small.png,basal cell carcinoma\nphoto.jpg,vascular\nmissing.png,nevus\n");
    Path report = tmp.resolve("report");
    CliTest.Run r =
        CliTest.derm(
            "evaluate",
            "--images",
            IMAGES.toString(),
            "--labels",
            csv.toString(),
            "--set",
            "HAM10000",
            "--model",
            EmbedCliTest.TINY.toString(),
            "--out",
            tmp.resolve("emb").toString(),
            "--report",
            report.toString(),
            "--compare",
            "name;name,synonyms,ancestors");
    assertEquals(0, r.exit(), r.out() + r.err());
    JsonNode json = new ObjectMapper().readTree(report.resolve("report.json").toFile());
    assertEquals(2, json.get("runs").size());
    for (JsonNode run : json.get("runs")) {
      assertEquals(5, run.get("images").asInt());
      assertTrue(run.get("top5").asDouble() >= run.get("top1").asDouble());
      long sum = 0;
      for (JsonNode row : run.get("confusion")) {
        for (JsonNode v : row) {
          sum += v.asLong();
        }
      }
      assertEquals(5, sum);
      // nevus has two images (one labelled by its ontology name)
      long nevus = 0;
      for (JsonNode v : run.get("confusion").get(5)) {
        nevus += v.asLong();
      }
      assertEquals(2, nevus);
      assertNotNull(ImageIO.read(report.resolve(run.get("confusion_png").asText()).toFile()));
    }
    assertTrue(json.get("skipped").get(0).asText().contains("missing.png"), json.toString());
    assertTrue(
        Files.readString(report.resolve("report.md")).contains("| name+synonyms+ancestors |"));
  }

  @Test
  void aLabelOutsideTheSetIsExitTwoNamingTheRow() throws Exception {
    Path csv = tmp.resolve("bad.csv");
    Files.writeString(csv, "landscape.png,melanoma\nportrait.png,psoriasis\n");
    CliTest.Run r =
        CliTest.derm(
            "evaluate",
            "--images",
            IMAGES.toString(),
            "--labels",
            csv.toString(),
            "--set",
            "HAM10000",
            "--model",
            EmbedCliTest.TINY.toString(),
            "--report",
            tmp.resolve("r").toString());
    assertEquals(2, r.exit(), r.out() + r.err());
    assertTrue(
        r.err().contains("bad.csv:2: label 'psoriasis' is not a class of the label set"), r.err());
  }
}
