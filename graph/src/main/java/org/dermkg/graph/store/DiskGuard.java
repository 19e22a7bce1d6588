package org.dermkg.graph.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.dermkg.graph.GraphException;
import org.dermkg.graph.GraphException.Code;

/**
 * Watches a long write into the store: the free space of the file system holding it and threads
 * dying of an uncaught error.
 *
 * <p>Why: TDB2 writes its indexes through memory-mapped files, so a full disk does not always give
 * an {@code IOException} — it can surface as an {@code InternalError} ("a fault occurred in an
 * unsafe memory access operation") in whichever thread touched the page. Jena's bulk loaders build
 * indexes on threads of their own; one of them dying of that error leaves the loading thread
 * waiting for it forever (seen in {@code StoreFaultsIT} before this guard existed). The guard
 * samples the free space every 100 ms (a disk at its reserve trips it; so does, with no reserve, an
 * exhausted disk whose free space stops moving for three seconds) and catches uncaught errors of
 * the threads in its own thread group; when either trips, it records why and, once {@link
 * #armInterrupt() armed}, interrupts the loading thread so the load stops, is thrown away and
 * reports the reason.
 *
 * <p>Use: open, do the write inside {@link #run(Supplier)} (on a thread of the guard's group, so
 * the threads the write starts, Jena's included, are in it too), {@link #check()} between batches,
 * close in a finally. The guard never touches the JVM-wide default uncaught-exception handler: a
 * thread of its group that dies is reported to the guard, then handled as usual (the parent group,
 * the default handler if an application installed one, else a stack trace on stderr).
 */
public final class DiskGuard implements AutoCloseable {
  /** Free space a load or restore keeps in reserve by default: 16 MiB. */
  public static final long DEFAULT_MIN_FREE = 16L << 20;

  /** Free space under which a deadlocked load is reported as a failed write (64 MiB). */
  static final long LOW_FREE = 64L << 20;

  private static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(3);

  private final Path dir;
  private final long minFree;
  private long stallSince = System.nanoTime();
  private final ThreadGroup group;
  private final ScheduledExecutorService timer;
  private Thread loading;
  private GraphException tripped;
  private boolean armed;
  private boolean closed;

  private DiskGuard(Path dir, long minFree) {
    this.dir = dir;
    this.minFree = minFree;
    this.loading = Thread.currentThread();
    this.group = new Group();
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "derm-disk-guard");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleWithFixedDelay(this::sample, 100, 100, TimeUnit.MILLISECONDS);
  }

  /** The guard's thread group: a thread of it dying trips the guard, then goes on as usual. */
  private final class Group extends ThreadGroup {
    Group() {
      super("derm-guarded");
    }

    @Override
    public void uncaughtException(Thread t, Throwable e) {
      boolean write = diskFull() || writeFault(e);
      trip(
          new GraphException(
              write ? Code.WRITE_FAILED : Code.LOAD_FAILED,
              "a loader thread ("
                  + t.getName()
                  + ") died: "
                  + e
                  + (write ? " — " + describe(dir, minFree) : ""),
              e));
      super.uncaughtException(t, e);
    }
  }

  /**
   * Runs {@code work} on a new thread of the guard's group and waits for it, so that every thread
   * the work starts (Jena's loader threads among them) is watched. That thread is the loading
   * thread {@link #armInterrupt()} interrupts. Returns what the work returns and throws what it
   * throws.
   */
  public <T> T run(Supplier<T> work) {
    AtomicReference<T> result = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread worker =
        new Thread(
            group,
            () -> {
              try {
                result.set(work.get());
              } catch (Throwable e) {
                failure.set(e);
              }
            },
            "derm-guarded-write");
    synchronized (this) {
      loading = worker;
    }
    worker.start();
    join(worker);
    Throwable e = failure.get();
    if (e instanceof RuntimeException re) {
      throw re;
    }
    if (e instanceof Error err) {
      throw err;
    }
    return result.get();
  }

  /** Waits for the worker; an interrupt of the waiting thread is passed on to it. */
  private static void join(Thread worker) {
    boolean interrupted = false;
    while (worker.isAlive()) {
      try {
        worker.join();
      } catch (InterruptedException e) {
        interrupted = true;
        worker.interrupt();
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
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
    long free = usable(dir);
    if (free <= minFree) {
      trip(
          new GraphException(
              Code.WRITE_FAILED, describe(dir, minFree) + "; the write was stopped before it"));
    } else if (deadlocked()) {
      boolean low = free < Math.max(LOW_FREE, minFree);
      trip(
          new GraphException(
              low ? Code.WRITE_FAILED : Code.LOAD_FAILED,
              "the load's threads have all been waiting on each other for "
                  + STALL_NANOS / 1_000_000_000L
                  + " s (one of them ended without passing its work on)"
                  + (low ? " — " + describe(dir, minFree) : "")));
    }
  }

  /**
   * True when, while {@link #armInterrupt() armed}, every thread of the guard's group has been
   * waiting (untimed, or blocked on a lock) for {@link #STALL_NANOS}: nothing can wake them. A
   * failed write does not always kill a Jena loader thread: the one that writes the node table
   * catches it, logs it and ends, leaving the index threads and the loading thread waiting for it
   * forever. A healthy load always has a thread running, sleeping with a timeout or in I/O.
   */
  private boolean deadlocked() {
    boolean waiting;
    synchronized (this) {
      waiting = armed && allWaiting();
    }
    long now = System.nanoTime();
    if (!waiting) {
      stallSince = now;
      return false;
    }
    return now - stallSince >= STALL_NANOS;
  }

  private boolean allWaiting() {
    Thread[] threads = new Thread[group.activeCount() + 8];
    int n = group.enumerate(threads, true);
    if (n == 0) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      Thread.State st = threads[i].getState();
      if (st != Thread.State.WAITING && st != Thread.State.BLOCKED) {
        return false;
      }
    }
    return true;
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
    Thread thread;
    synchronized (this) {
      was = armed;
      armed = false;
      thread = loading;
    }
    if (was && Thread.currentThread() == thread) {
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
    boolean wasArmed;
    Thread thread;
    synchronized (this) {
      closed = true;
      wasArmed = armed;
      thread = loading;
    }
    timer.shutdownNow();
    if (Thread.currentThread() == thread && wasArmed) {
      Thread.interrupted();
    }
  }
}
