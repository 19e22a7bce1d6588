package org.dermkg.server.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dermkg.embeddings.zeroshot.Evaluation;
import org.dermkg.sparql.prompts.ClassCatalog;
import org.dermkg.zeroshot.classify.Evaluator;
import org.dermkg.zeroshot.classify.HierarchyMetrics;

/**
 * The parts of {@code derm evaluate --dataset}'s report a CSV cannot give: accuracy at each level
 * of the hierarchy with the mean tree distance of errors, and top-1 per slice (Fitzpatrick type,
 * skin tone, body site) with its 95% bootstrap interval; appended to report.md and written to
 * report-slices.json.
 */
final class EvaluationExtras {
  private static final int ROUNDS = 1000;

  private EvaluationExtras() {}

  static void write(
      Path report,
      Map<String, Evaluator.Run> runs,
      List<String> classIris,
      ClassCatalog catalog,
      PrintWriter o)
      throws IOException {
    StringBuilder md = new StringBuilder("\n## Through the hierarchy\n\n");
    md.append(
        "| strategies | accuracy by level (1, 2, ...) | errors | mean tree distance of errors |\n");
    md.append("|---|---|---|---|\n");
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode json = mapper.createObjectNode();
    ArrayNode arr = json.putArray("runs");
    for (Map.Entry<String, Evaluator.Run> e : runs.entrySet()) {
      HierarchyMetrics h = HierarchyMetrics.of(e.getValue().all(), classIris, catalog);
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %d | %.2f |%n",
              e.getKey(),
              h.accuracyByLevel().stream().map(a -> String.format(Locale.ROOT, "%.3f", a)).toList(),
              h.errors(),
              h.meanErrorDistance()));
      ObjectNode r = arr.addObject().put("strategies", e.getKey());
      ArrayNode lv = r.putObject("hierarchy").putArray("accuracy_by_level");
      h.accuracyByLevel().forEach(lv::add);
      ((ObjectNode) r.get("hierarchy")).put("mean_error_distance", h.meanErrorDistance());
      slices(report, md, r.putObject("slices"), e.getKey(), e.getValue());
    }
    Files.writeString(report.resolve("report.md"), md, java.nio.file.StandardOpenOption.APPEND);
    Files.writeString(
        report.resolve("report-slices.json"),
        mapper.writerWithDefaultPrettyPrinter().writeValueAsString(json));
    o.println("slices and hierarchy: " + report.resolve("report-slices.json"));
    o.flush();
  }

  /** One run as the record the store keeps. */
  static org.dermkg.graph.datasets.EvaluationRecords.Record record(
      String dataset,
      String split,
      String model,
      String strategies,
      String hash,
      Evaluator.Run run,
      List<String> classIris,
      ClassCatalog catalog,
      java.time.Instant at) {
    Evaluation all = run.all();
    Map<String, org.dermkg.graph.datasets.EvaluationRecords.Slice> slices =
        new java.util.LinkedHashMap<>();
    run.slices()
        .forEach(
            (k, ev) -> {
              double[] ci = HierarchyMetrics.top1Interval(ev, ROUNDS, 1);
              slices.put(
                  k,
                  new org.dermkg.graph.datasets.EvaluationRecords.Slice(
                      ev.total(), ev.top1(), ci[0], ci[1]));
            });
    return new org.dermkg.graph.datasets.EvaluationRecords.Record(
        dataset,
        split,
        model,
        strategies,
        hash == null ? "" : hash,
        all.total(),
        all.top1(),
        all.top5(),
        all.meanRecall(),
        all.macroAuroc(),
        HierarchyMetrics.of(all, classIris, catalog).accuracyByLevel(),
        slices,
        at);
  }

  private static void slices(
      Path report, StringBuilder md, ObjectNode json, String strategies, Evaluator.Run run)
      throws IOException {
    Map<String, Evaluation> slices = run.slices();
    String png = "slices-" + strategies.replaceAll("[^A-Za-z0-9_.-]+", "-") + ".png";
    List<org.dermkg.embeddings.zeroshot.SlicesPicture.Bar> bars = new java.util.ArrayList<>();
    md.append("\n### Slices: ")
        .append(strategies)
        .append(" ([picture](")
        .append(png)
        .append("))\n\n");
    md.append(
        "| slice | images | top-1 | 95% bootstrap interval | top-5 |\n|---|---|---|---|---|\n");
    for (Map.Entry<String, Evaluation> s : slices.entrySet()) {
      Evaluation ev = s.getValue();
      double[] ci = HierarchyMetrics.top1Interval(ev, ROUNDS, 1);
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %.3f | %.3f–%.3f | %.3f |%n",
              s.getKey(),
              ev.total(),
              ev.top1(),
              ci[0],
              ci[1],
              ev.top5()));
      bars.add(
          new org.dermkg.embeddings.zeroshot.SlicesPicture.Bar(
              s.getKey(), ev.total(), ev.top1(), ci[0], ci[1]));
      json.putObject(s.getKey())
          .put("images", ev.total())
          .put("top1", ev.top1())
          .put("top1_low", ci[0])
          .put("top1_high", ci[1])
          .put("top5", ev.top5());
    }
    org.dermkg.embeddings.zeroshot.SlicesPicture.write(
        bars, run.all().top1(), "Zero-shot top-1 by slice: " + strategies, report.resolve(png));
  }
}
