package org.dermkg.graph.load;

import java.util.LinkedHashMap;
import java.util.Map;
import org.dermkg.graph.shacl.DataValidator;

/** Assembles a {@link LoadReport} from a finished load's counters. */
final class LoadReports {
  private LoadReports() {}

  /** What the report needs to know besides the counters. */
  record Context(
      LoadRequest request,
      String store,
      long storeBytes,
      String version,
      boolean newOntology,
      boolean hadImages,
      String mode,
      String loadIri) {}

  /** Nanosecond marks of a load: start, writing started, indexing started, end; writer's wait. */
  record Times(long t0, long tWrite0, long tIndex0, long tEnd, long waitNanos) {}

  static LoadReport of(LoadStats s, Context c, Times t, DataValidator.Result shacl) {
    return new LoadReport(
        c.loadIri(),
        c.request().dataset().toString(),
        c.store(),
        c.version(),
        c.newOntology(),
        c.mode(),
        c.newOntology() && c.hadImages(),
        files(s),
        s.rows.get(),
        s.rejected,
        rejects(s, c),
        s.images.size(),
        s.captions.size(),
        s.conceptRowsForUnknownImages,
        s.quads.get(),
        s.duplicates,
        diagnoses(s),
        new LoadReport.Resolution(
            s.conceptValues, s.conceptsResolved, LoadStats.top(s.unresolvedConcepts, N)),
        new LoadReport.Resolution(
            s.siteValues, s.sitesResolved, LoadStats.top(s.unresolvedSites, N)),
        imageFiles(s, c),
        timing(s, t),
        c.storeBytes(),
        shacl == null ? null : shacl(shacl),
        null);
  }

  private static final int N = LoadStats.SAMPLES;

  private static LoadReport.Rejects rejects(LoadStats s, Context c) {
    return new LoadReport.Rejects(
        c.request().reportDir().resolve("rejects.tsv").toString(), s.rejectSamples);
  }

  private static LoadReport.ImageFiles imageFiles(LoadStats s, Context c) {
    return new LoadReport.ImageFiles(
        c.request().probeImages(),
        s.present,
        s.missing,
        s.unreadable,
        new java.util.TreeMap<>(s.formats),
        s.missingSamples,
        s.unreadableSamples);
  }

  private static Map<String, LoadReport.FileCounts> files(LoadStats s) {
    Map<String, LoadReport.FileCounts> files = new LinkedHashMap<>();
    s.perFile.forEach((k, v) -> files.put(k, new LoadReport.FileCounts(v[0], v[1], v[2])));
    return files;
  }

  private static LoadReport.Diagnoses diagnoses(LoadStats s) {
    return new LoadReport.Diagnoses(
        s.rowsWithLabel,
        s.rowsResolved,
        s.rowsPartlyResolved,
        s.rowsUnresolved,
        s.multiDiagnosisRows,
        s.diagnosisLinks,
        s.mismatchRows,
        LoadStats.top(s.unresolvedLabels, N),
        LoadStats.top(s.mismatches, N));
  }

  private static LoadReport.Timing timing(LoadStats s, Times t) {
    double total = (t.tEnd() - t.t0()) / 1e9;
    return new LoadReport.Timing(
        round(total),
        round((t.tWrite0() - t.t0()) / 1e9),
        round((t.tIndex0() - t.tWrite0()) / 1e9),
        round((t.tEnd() - t.tIndex0()) / 1e9),
        round(t.waitNanos() / 1e9),
        round(s.rows.get() / total),
        round(s.quads.get() / total));
  }

  private static LoadReport.Shacl shacl(DataValidator.Result r) {
    return new LoadReport.Shacl(
        r.conforms(), r.violations(), r.warnings(), r.groups(), r.samples(), r.seconds());
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
