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

  @Test
  void severalModelsSideBySideInOneReport() throws Exception {
    Path csv = tmp.resolve("labels.csv");
    Files.writeString(
        csv, "filename,label\nlandscape.png,melanoma\nportrait.png,nevus\nsmall.png,nevus\n");
    // the same weights under another name: their figures must agree run for run
    Path twin = Files.createDirectories(tmp.resolve("twin-model"));
    try (var files = Files.list(EmbedCliTest.TINY)) {
      for (Path f : files.toList()) {
        Files.copy(f, twin.resolve(f.getFileName()));
      }
    }
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
            "--models",
            EmbedCliTest.TINY + "," + twin,
            "--out",
            tmp.resolve("emb").toString(),
            "--report",
            report.toString(),
            "--compare",
            "name;all");
    assertEquals(0, r.exit(), r.out() + r.err());
    JsonNode runs = new ObjectMapper().readTree(report.resolve("report.json").toFile()).get("runs");
    assertEquals(4, runs.size());
    assertEquals("tiny-clip: name", runs.get(0).get("strategies").asText());
    assertEquals(
        "twin-model: name+synonyms+ancestors+descendants+findings+concepts",
        runs.get(3).get("strategies").asText());
    for (int i = 0; i < 2; i++) {
      assertEquals(runs.get(i).get("confusion"), runs.get(i + 2).get("confusion"));
      assertEquals(3, runs.get(i).get("images").asInt());
      assertNotNull(
          ImageIO.read(report.resolve(runs.get(i + 2).get("confusion_png").asText()).toFile()));
    }
    String md = Files.readString(report.resolve("report.md"));
    assertTrue(md.contains("| tiny-clip: name |") && md.contains("| twin-model: name |"), md);
    // each model keeps its class weights under its own slug
    assertTrue(
        Files.isDirectory(tmp.resolve("emb/tiny-clip"))
            && Files.isDirectory(tmp.resolve("emb/twin-model")));
  }
}
