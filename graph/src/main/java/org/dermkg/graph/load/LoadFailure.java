package org.dermkg.graph.load;

import java.nio.file.Path;
import org.dermkg.graph.GraphException;
import org.dermkg.graph.GraphException.Code;
import org.dermkg.graph.store.DiskGuard;

/**
 * A load that failed before its commit: the sink is aborted (nothing committed) and the failure
 * named with the right code: the guard's reason when it tripped (a full disk, a loader thread that
 * died), the module's own error as it is (bad input, a bad header), {@link Code#WRITE_FAILED} with
 * the disk's free space for a write fault, else {@link Code#LOAD_FAILED}.
 */
final class LoadFailure {
  private LoadFailure() {}

  /** Aborts the sink and names why the load failed: nothing of it was committed. */
  static GraphException abort(
      Throwable e, LoadSinks.Sink sink, DiskGuard guard, Derm1mLoader.Parts p) {
    if (guard != null) {
      guard.disarm();
    }
    try {
      sink.abort(e instanceof Exception ex ? ex : new RuntimeException(e));
    } catch (RuntimeException abort) {
      e.addSuppressed(abort);
    }
    p.listener().finish();
    GraphException why = guard == null ? null : guard.tripped().orElse(null);
    if (why != null) {
      return new GraphException(
          why.code(),
          "the load was stopped and nothing of it was committed (the store keeps its previous"
              + " state): "
              + why.getMessage(),
          e);
    }
    if (e instanceof GraphException ge) {
      return ge;
    }
    // a write fault, or a full disk under another error: name the disk (an export has none)
    Path dir = p.store() == null ? null : p.store().dir();
    boolean write = DiskGuard.writeFault(e) || (guard != null && guard.diskFull());
    return new GraphException(
        write ? Code.WRITE_FAILED : Code.LOAD_FAILED,
        "the load failed and nothing of it was committed (the store keeps its previous state): "
            + e
            + (write && dir != null
                ? " — " + DiskGuard.describe(dir, p.request().minFreeBytes())
                : ""),
        e);
  }
}
