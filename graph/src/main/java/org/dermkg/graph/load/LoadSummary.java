package org.dermkg.graph.load;

/** The few lines of a {@link LoadReport} for a terminal (also load-report.txt). */
final class LoadSummary {
  private LoadSummary() {}

  static String of(LoadReport r) {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            "rows read %,d (rejected %,d); images %,d; captions %,d; quads %,d%n",
            r.rowsRead(), r.rowsRejected(), r.images(), r.captions(), r.quads()));
    diagnoses(b, r.diagnoses());
    b.append(
        String.format(
            "concepts: %,d of %,d values resolved; body sites: %,d of %,d%n",
            r.concepts().resolved(),
            r.concepts().values(),
            r.bodySites().resolved(),
            r.bodySites().values()));
    LoadReport.ImageFiles f = r.imageFiles();
    b.append(
        String.format(
            "image files: %,d present, %,d missing, %,d unreadable%n",
            f.present(), f.missing(), f.unreadable()));
    LoadReport.Timing t = r.timing();
    b.append(
        String.format(
            "time %.1f s (%,.0f rows/s, %,.0f quads/s); store %s MiB in %s%n",
            t.totalSeconds(),
            t.rowsPerSecond(),
            t.quadsPerSecond(),
            r.storeBytes() >> 20,
            r.store()));
    after(b, r);
    return b.toString();
  }

  private static void diagnoses(StringBuilder b, LoadReport.Diagnoses d) {
    b.append(
        String.format(
            "diagnoses: %,d rows labelled, %,d resolved, %,d partly, %,d unresolved; %,d multi-diagnosis; %,d disagree with the ontology%n",
            d.rowsWithLabel(),
            d.rowsResolved(),
            d.rowsPartlyResolved(),
            d.rowsUnresolved(),
            d.multiDiagnosisRows(),
            d.rowsDisagreeingWithOntology()));
    for (LoadReport.Count u : d.topUnresolved()) {
      b.append(String.format("    unresolved %6d  %s%n", u.count(), u.value()));
    }
  }

  /** The SHACL line, or what failed after the commit. */
  private static void after(StringBuilder b, LoadReport r) {
    r.shaclResult()
        .ifPresent(
            sh ->
                b.append("SHACL: ")
                    .append(sh.conforms() ? "conforms" : sh.violations() + " violations")
                    .append(String.format(" (%.1f s)%n", sh.seconds())));
    r.failureAfterCommit()
        .ifPresent(
            x ->
                b.append(
                    String.format(
                        "the data is committed, but the step after it failed: %s (%s: %s)%n",
                        x.step(), x.code(), x.message())));
  }
}
