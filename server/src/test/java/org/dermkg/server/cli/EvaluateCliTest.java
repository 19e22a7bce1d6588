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
      double auroc = run.get("macro_auroc").asDouble();
      assertTrue(auroc >= 0 && auroc <= 1, run.toString());
      double mean = 0;
      int n = 0;
      for (JsonNode a : run.get("auroc")) {
        mean += a.asDouble();
        n++;
      }
      assertTrue(n >= 2, "AUROC per class with images and others: " + run);
      assertEquals(mean / n, auroc, 1e-9, "macro AUROC is the mean of the per-class ones");
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

  /**
   * derm evaluate --dataset: the labels come from the store (a PAD-UFES-20 dataset loaded with derm
   * load --dataset), and the report adds accuracy per hierarchy level and slices by Fitzpatrick
   * type with bootstrap intervals.
   */
  @Test
  void aDatasetInTheStoreIsEvaluatedThroughTheHierarchyAndBySkinType() throws Exception {
    Path pad = Files.createDirectories(tmp.resolve("pad"));
    String[][] rows = {
      {"landscape.png", "MEL", "5.0", "BACK"},
      {"portrait.png", "NEV", "2.0", "ARM"},
      {"gray.png", "NEV", "5.0", "FACE"},
      {"small.png", "BCC", "", "NECK"},
      {"photo.jpg", "SEK", "2.0", "CHEST"}
    };
    StringBuilder csv =
        new StringBuilder(
            "patient_id,lesion_id,age,gender,fitspatrick,region,diagnostic,img_id,biopsed\n");
    int n = 0;
    for (String[] r : rows) {
      n++;
      String img = "PAT_" + n + "_" + n + "_" + r[0];
      Files.copy(IMAGES.resolve(r[0]), pad.resolve(img));
      csv.append(
          "PAT_"
              + n
              + ","
              + n
              + ",50,MALE,"
              + r[2]
              + ","
              + r[3]
              + ","
              + r[1]
              + ","
              + img
              + ",True\n");
    }
    Files.writeString(pad.resolve("metadata.csv"), csv);
    Path store = tmp.resolve("store");
    CliTest.Run load =
        CliTest.derm(
            "load",
            "--dataset",
            "PAD-UFES-20",
            "--data",
            pad.toString(),
            "--store",
            store.toString(),
            "--report",
            tmp.resolve("lr").toString());
    assertEquals(0, load.exit(), load.out() + load.err());
    Path report = tmp.resolve("report");
    CliTest.Run r =
        CliTest.derm(
            "evaluate",
            "--dataset",
            "PAD-UFES-20",
            "--images",
            pad.toString(),
            "--store",
            store.toString(),
            "--set",
            "PAD-UFES-20",
            "--model",
            EmbedCliTest.TINY.toString(),
            "--out",
            tmp.resolve("emb").toString(),
            "--report",
            report.toString(),
            "--compare",
            "name");
    assertEquals(0, r.exit(), r.out() + r.err());
    JsonNode main = new ObjectMapper().readTree(report.resolve("report.json").toFile());
    assertEquals(5, main.at("/runs/0/images").asInt());
    double top1 = main.at("/runs/0/top1").asDouble();
    JsonNode extra = new ObjectMapper().readTree(report.resolve("report-slices.json").toFile());
    JsonNode levels = extra.at("/runs/0/hierarchy/accuracy_by_level");
    assertTrue(levels.size() >= 3, extra.toString());
    for (int i = 1; i < levels.size(); i++) {
      assertTrue(
          levels.get(i).asDouble() <= levels.get(i - 1).asDouble(), "coarser is easier: " + levels);
    }
    assertTrue(levels.get(levels.size() - 1).asDouble() >= top1 - 1e-9, levels + " vs " + top1);
    assertEquals(
        1.0,
        levels.get(0).asDouble(),
        1e-9,
        "the six PAD-UFES-20 classes share one level-1 ancestor (proliferations): " + levels);
    JsonNode slices = extra.at("/runs/0/slices");
    assertEquals(2, slices.get("Fitzpatrick=V").get("images").asInt(), slices.toString());
    assertEquals(2, slices.get("Fitzpatrick=II").get("images").asInt());
    assertEquals(1, slices.get("Fitzpatrick=unknown").get("images").asInt());
    // body sites by their label (PAD's NECK resolves to the body-site branch)
    assertTrue(slices.has("body site=Neck"), slices.toString());
    JsonNode v = slices.get("Fitzpatrick=V");
    assertTrue(
        v.get("top1_low").asDouble() <= v.get("top1").asDouble()
            && v.get("top1").asDouble() <= v.get("top1_high").asDouble(),
        v.toString());
    assertTrue(Files.readString(report.resolve("report.md")).contains("## Through the hierarchy"));
    assertNotNull(ImageIO.read(report.resolve("slices-name.png").toFile()), "the slices picture");
    // the run is recorded in the store, for SPARQL and /api/evaluations
    try (org.dermkg.graph.store.DermStore s = org.dermkg.graph.store.DermStore.open(store)) {
      var runs = new org.dermkg.sparql.terms.TermService(s.dataset(), 10_000).evaluations();
      assertEquals(1, runs.size(), runs.toString());
      assertEquals("PAD-UFES-20", runs.get(0).get("dataset"));
      assertEquals("name", runs.get(0).get("strategies"));
      assertEquals("all", runs.get(0).get("split"));
      assertEquals(top1, Double.parseDouble(runs.get(0).get("top1")), 1e-9);
      assertEquals(
          main.at("/runs/0/macro_auroc").asDouble(),
          Double.parseDouble(runs.get(0).get("macroAuroc")),
          1e-9);
      assertTrue(runs.get(0).get("promptSetHash").startsWith("sha256:"), runs.toString());
    }
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
