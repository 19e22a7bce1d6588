package org.dermkg.graph.load;

import java.nio.file.Path;
import org.dermkg.graph.GraphException;
import org.dermkg.graph.GraphException.Code;
import org.dermkg.graph.shacl.DataValidator;

/**
 * The steps after a load's commit: the SHACL check and the report files. The data is in the store
 * by then, so a failure here is never reported as "nothing committed": a failed check is written
 * into load-report.json ({@code failure}: committed, step, code, message) and thrown as {@link
 * Code#AFTER_COMMIT}; a report that cannot be written is {@link Code#WRITE_FAILED} saying the data
 * is committed.
 */
final class AfterCommit {
  static final String SHACL = "shacl";

  private AfterCommit() {}

  static LoadReport finish(Derm1mLoader.Parts p, WriteStage.Written w, long t0) {
    DataValidator.Result shacl = null;
    GraphException failed = null;
    if (p.request().validate()) {
      try {
        p.listener().phase("validating (SHACL)");
        shacl = DataValidator.validate(p.store(), p.snapshot());
      } catch (RuntimeException e) {
        failed = failure(p, SHACL, e);
      }
    }
    LoadReport report = LoadReports.of(p.stats(), context(p, w), times(w, t0), shacl);
    if (failed != null) {
      report =
          report.withFailure(
              new LoadReport.AfterCommitFailure(
                  true, SHACL, causeCode(failed.getCause()), failed.getCause().toString()));
    }
    write(p.request().reportDir(), report, failed);
    if (failed != null) {
      throw failed;
    }
    return report;
  }

  private static GraphException failure(Derm1mLoader.Parts p, String step, RuntimeException e) {
    return new GraphException(
        Code.AFTER_COMMIT,
        "the load's data is committed (the store has it), but the step after the commit, "
            + step
            + ", failed: "
            + e
            + "; see "
            + p.request().reportDir().resolve(ReportFiles.JSON),
        e);
  }

  private static String causeCode(Throwable e) {
    return e instanceof GraphException ge ? ge.code().id() : Code.AFTER_COMMIT.id();
  }

  /** Writes the report files; a failure to do so says the data is committed all the same. */
  private static void write(Path dir, LoadReport report, GraphException failed) {
    try {
      ReportFiles.write(dir, report);
    } catch (GraphException e) {
      if (failed != null) {
        failed.addSuppressed(e);
        return;
      }
      throw new GraphException(
          e.code(), e.getMessage() + " (the load's data is committed all the same)", e);
    }
  }

  private static LoadReports.Context context(Derm1mLoader.Parts p, WriteStage.Written w) {
    boolean export = p.store() == null;
    return new LoadReports.Context(
        p.request(),
        export ? p.export().toString() : p.store().dir().toString(),
        export ? p.export().toFile().length() : p.store().sizeOnDisk(),
        p.snapshot().version(),
        w.newOntology(),
        w.hadImages(),
        export
            ? "export"
            : w.hadImages()
                ? "transaction"
                : "bulk (new generation " + p.store().generation() + ")",
        w.loadIri());
  }

  private static LoadReports.Times times(WriteStage.Written w, long t0) {
    return new LoadReports.Times(t0, w.tWrite0(), w.tIndex0(), w.tEnd(), w.waitNanos());
  }
}
