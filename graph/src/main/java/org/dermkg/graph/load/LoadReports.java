package org.dermkg.graph.load;

import java.util.LinkedHashMap;
import java.util.Map;

/** Assembles the JSON-ready tree of a {@link LoadReport} from a finished load. */
final class LoadReports {
  private LoadReports() {}

  /** What the report needs to know besides the counters. */
  record Context(
      LoadRequest request,
      String dataset,
      String store,
      long storeBytes,
      String version,
      boolean newOntology,
      boolean hadImages,
      String mode,
      String loadIri) {}

  static LoadReport of(
      LoadStats stats,
      Context c,
      long t0,
      long tWrite0,
      long tIndex0,
      long tEnd,
      long waitNanos,
      Map<String, Object> shacl) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("load", c.loadIri());
    r.put("dataset", c.dataset());
    r.put("store", c.store());
    r.put("ontologyVersion", c.version());
    r.put("ontologyGraphReplaced", c.newOntology());
    r.put("mode", c.mode());
    r.put("closureRebuilt", c.newOntology() && c.hadImages());
    Map<String, Object> files = new LinkedHashMap<>();
    stats.perFile.forEach(
        (k, v) -> files.put(k, Map.of("rows", v[0], "accepted", v[1], "rejected", v[2])));
    r.put("files", files);
    r.put("rowsRead", stats.rows.get());
    r.put("rowsRejected", stats.rejected);
    r.put(
        "rejects",
        Map.of(
            "file",
            c.request().reportDir().resolve("rejects.tsv").toString(),
            "samples",
            stats.rejectSamples));
    r.put("images", (long) stats.images.size());
    r.put("captions", (long) stats.captions.size());
    r.put("conceptRowsForUnknownImages", stats.conceptRowsForUnknownImages);
    r.put("quads", stats.quads.get());
    r.put("repeatedQuadsSkipped", stats.duplicates);
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("rowsWithLabel", stats.rowsWithLabel);
    d.put("rowsResolved", stats.rowsResolved);
    d.put("rowsPartlyResolved", stats.rowsPartlyResolved);
    d.put("rowsUnresolved", stats.rowsUnresolved);
    d.put("multiDiagnosisRows", stats.multiDiagnosisRows);
    d.put("diagnosisLinks", stats.diagnosisLinks);
    d.put("rowsDisagreeingWithOntology", stats.mismatchRows);
    d.put("topUnresolved", LoadStats.top(stats.unresolvedLabels, LoadStats.SAMPLES));
    d.put("topDisagreements", LoadStats.top(stats.mismatches, LoadStats.SAMPLES));
    r.put("diagnoses", d);
    r.put(
        "concepts",
        Map.of(
            "values",
            stats.conceptValues,
            "resolved",
            stats.conceptsResolved,
            "topUnresolved",
            LoadStats.top(stats.unresolvedConcepts, LoadStats.SAMPLES)));
    r.put(
        "bodySites",
        Map.of(
            "values",
            stats.siteValues,
            "resolved",
            stats.sitesResolved,
            "topUnresolved",
            LoadStats.top(stats.unresolvedSites, LoadStats.SAMPLES)));
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("probed", c.request().probeImages());
    f.put("present", stats.present);
    f.put("missing", stats.missing);
    f.put("unreadable", stats.unreadable);
    f.put("formats", stats.formats);
    f.put("missingSamples", stats.missingSamples);
    f.put("unreadableSamples", stats.unreadableSamples);
    r.put("imageFiles", f);
    double total = (tEnd - t0) / 1e9;
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("totalSeconds", round(total));
    t.put("prepareSeconds", round((tWrite0 - t0) / 1e9));
    t.put("parseAndWriteSeconds", round((tIndex0 - tWrite0) / 1e9));
    t.put("indexSeconds", round((tEnd - tIndex0) / 1e9));
    t.put("writerWaitingForParserSeconds", round(waitNanos / 1e9));
    t.put("rowsPerSecond", round(stats.rows.get() / total));
    t.put("quadsPerSecond", round(stats.quads.get() / total));
    r.put("timing", t);
    r.put("storeBytes", c.storeBytes());
    if (shacl != null) {
      r.put("shacl", shacl);
    }
    return new LoadReport(r);
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
