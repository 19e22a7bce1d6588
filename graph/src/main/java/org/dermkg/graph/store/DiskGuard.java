package org.dermkg.graph.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.dermkg.graph.GraphException;
import org.dermkg.graph.GraphException.Code;

/**
 * Watches a long write into the store: the free space of the file system holding it and threads
 * dying of an uncaught error.
 *
 * <p>Why: TDB2 writes its indexes through memory-mapped files, so a full disk does not always give
 * an {@code IOException} — it can surface as an {@code InternalError} ("a fault occurred in an
 * unsafe memory access operation") in whichever thread touched the page. Jena's phased loader
 * builds indexes on threads of its own; one of them dying of that error leaves the loading thread
 * waiting for it forever (seen in {@code StoreFaultsIT} before this guard existed). The guard
 * samples the free space every 100 ms and catches uncaught errors in any thread while it is open;
 * when either trips, it records why and, once {@link #armInterrupt() armed}, interrupts the loading
 * thread so the load stops, is thrown away and reports the reason.
 *
 * <p>Use from the loading thread: open, {@link #check()} between batches, close in a finally. Only
 * one guard at a time per process is expected (it installs the default uncaught-exception handler
 * while open and puts the previous one back on close).
 */
public final class DiskGuard implements AutoCloseable {
  /** Free space a load or restore keeps in reserve by default: 16 MiB. */
  public static final long DEFAULT_MIN_FREE = 16L << 20;

  private final Path dir;
  private final long minFree;
  private final Thread loading;
  private final ScheduledExecutorService timer;
  private final Thread.UncaughtExceptionHandler previous;
  private final Thread.UncaughtExceptionHandler mine;
  private GraphException tripped;
  private boolean armed;
  private boolean closed;

  private DiskGuard(Path dir, long minFree) {
    this.dir = dir;
    this.minFree = minFree;
    this.loading = Thread.currentThread();
    this.previous = Thread.getDefaultUncaughtExceptionHandler();
    this.mine =
        (t, e) -> {
          trip(
              new GraphException(
                  diskFull() || writeFault(e) ? Code.WRITE_FAILED : Code.LOAD_FAILED,
                  "a loader thread ("
                      + t.getName()
                      + ") died: "
                      + e
                      + (diskFull() || writeFault(e) ? " — " + describe(dir, minFree) : ""),
                  e));
          if (previous != null) {
            previous.uncaughtException(t, e);
          } else {
            System.err.print("Exception in thread \"" + t.getName() + "\" ");
            e.printStackTrace(System.err);
          }
        };
    Thread.setDefaultUncaughtExceptionHandler(mine);
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "derm-disk-guard");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleWithFixedDelay(this::sample, 100, 100, TimeUnit.MILLISECONDS);
  }

  /**
   * Starts watching the file system holding {@code dir}. Refuses at once, with {@link
   * Code#WRITE_FAILED} naming the free and required space, when less than {@code minFree} bytes are
   * free.
   */
  public static DiskGuard open(Path dir, long minFree) {
    if (usable(dir) < minFree) {
      throw new GraphException(
          Code.WRITE_FAILED, describe(dir, minFree) + "; nothing was written (free some space)");
    }
    return new DiskGuard(dir, minFree);
  }

  /** Bytes free for this user on the file system holding {@code dir} (MAX_VALUE if unknown). */
  public static long usable(Path dir) {
    try {
      Path p = dir;
      while (p != null && !Files.exists(p)) {
        p = p.getParent();
      }
      return p == null ? Long.MAX_VALUE : Files.getFileStore(p).getUsableSpace();
    } catch (IOException | SecurityException e) {
      return Long.MAX_VALUE;
    }
  }

  /** "the disk holding DIR is full: N MiB free, M MiB kept in reserve" (or "has N MiB free"). */
  public static String describe(Path dir, long minFree) {
    long free = usable(dir);
    String mib = free == Long.MAX_VALUE ? "unknown" : mib(free) + " MiB";
    return "the disk holding "
        + dir
        + (free <= minFree ? " is full: " : " has ")
        + mib
        + " free ("
        + mib(minFree)
        + " MiB kept in reserve)";
  }

  private static String mib(long bytes) {
    return String.format(java.util.Locale.ROOT, "%.1f", bytes / 1048576.0);
  }

  /**
   * True for text carrying a failed write's message: "No space left on device", or the JVM's "a
   * fault occurred in … unsafe memory access operation" of a memory-mapped write (for layers, such
   * as Fuseki's update parser, that pass the message on but not the error).
   */
  public static boolean isWriteFaultMessage(String text) {
    return text.contains("No space left") || text.contains("unsafe memory access");
  }

  /** True when the file system holding the store has no more than the reserve free now. */
  public boolean diskFull() {
    return usable(dir) <= minFree;
  }

  /**
   * True for the errors a failed write gives: an I/O exception, "No space left on device", or the
   * InternalError of a fault in a memory-mapped file (anywhere in the cause chain).
   */
  public static boolean writeFault(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof java.io.IOException
          || c instanceof java.io.UncheckedIOException
          || c instanceof InternalError
          || isWriteFaultMessage(String.valueOf(c.getMessage()))) {
        return true;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return false;
  }

  private void sample() {
    if (diskFull()) {
      trip(
          new GraphException(
              Code.WRITE_FAILED, describe(dir, minFree) + "; the write was stopped before it"));
    }
  }

  private synchronized void trip(GraphException why) {
    if (tripped == null && !closed) {
      tripped = why;
      if (armed) {
        loading.interrupt();
      }
    }
  }

  /**
   * From now on a trip also interrupts the loading thread (for a phase where it may wait on other
   * threads). Arms immediately if the guard has already tripped.
   */
  public synchronized void armInterrupt() {
    armed = true;
    if (tripped != null) {
      loading.interrupt();
    }
  }

  /**
   * No more interrupts; clears one already delivered to the loading thread (call from it before
   * cleaning up after a failure, so the clean-up's own file operations are not interrupted).
   */
  public void disarm() {
    boolean was;
    synchronized (this) {
      was = armed;
      armed = false;
    }
    if (was && Thread.currentThread() == loading) {
      Thread.interrupted();
    }
  }

  /** Why the guard tripped, if it did. */
  public synchronized Optional<GraphException> tripped() {
    return Optional.ofNullable(tripped);
  }

  /** Throws the reason the guard tripped, if it did. */
  public void check() {
    Optional<GraphException> t = tripped();
    if (t.isPresent()) {
      throw t.get();
    }
  }

  /** Stops watching; clears an interrupt this guard may have left on the loading thread. */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
    }
    timer.shutdownNow();
    if (Thread.getDefaultUncaughtExceptionHandler() == mine) {
      Thread.setDefaultUncaughtExceptionHandler(previous);
    }
    if (Thread.currentThread() == loading && armed) {
      Thread.interrupted();
    }
  }
}
