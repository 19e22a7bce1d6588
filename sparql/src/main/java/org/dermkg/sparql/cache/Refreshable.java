package org.dermkg.sparql.cache;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A value built from the store on first use, shared by concurrent readers, and replaced after the
 * data changed ({@link #invalidate()}), with two guarantees:
 *
 * <ul>
 *   <li>a reader never sees a closed value: each use holds a lease, and a replaced value is closed
 *       only when its last lease is released (reference counting);
 *   <li>a reader that starts after {@link #invalidate()} returned never gets a value built before
 *       it: a build that raced with an invalidation serves its own caller once and is not kept.
 * </ul>
 *
 * One build runs at a time, and it serves every reader that arrived before it started (they may see
 * no write it misses), so readers waiting while writes keep coming share builds instead of each
 * building its own. Invalidation never waits for a build. Thread-safe.
 */
public final class Refreshable<T> {
  private final Supplier<T> build;
  private final Consumer<T> close;
  private final Object buildLock = new Object();
  private final Object swapLock = new Object();
  private long generation; // guarded by swapLock
  private volatile Lease<T> current; // written under swapLock
  private Lease<T> lastBuilt; // guarded by buildLock; holds one reference

  private Refreshable(Supplier<T> build, Consumer<T> close) {
    this.build = build;
    this.close = close;
  }

  /** Values that hold resources: each replaced value is closed once no reader uses it. */
  public static <T> Refreshable<T> closing(Supplier<T> build, Consumer<T> close) {
    return new Refreshable<>(build, close);
  }

  /** Values that hold no resources (nothing to close; {@link #get()} may be used). */
  public static <T> Refreshable<T> of(Supplier<T> build) {
    return new Refreshable<>(build, null);
  }

  /** Applies {@code use} to the current value, building it first when there is none. */
  public <R> R with(Function<T, R> use) {
    Lease<T> lease = acquire();
    try {
      return use.apply(lease.value);
    } finally {
      lease.release();
    }
  }

  /** The current value; only for values that need no closing (see {@link #of}). */
  public T get() {
    if (close != null) {
      throw new IllegalStateException("a closing value must be used through with()");
    }
    return with(Function.identity());
  }

  /**
   * Drops the current value (call after the data changed, before the change is acknowledged); it is
   * closed after its last use.
   */
  public void invalidate() {
    Lease<T> old;
    synchronized (swapLock) {
      generation++;
      old = current;
      current = null;
    }
    if (old != null) {
      old.release(); // the reference this cache held
    }
  }

  /**
   * Invalidates and lets go of the last build too (it is kept, one value at most, for readers that
   * arrived before it started); values are closed after their last use.
   */
  public void close() {
    invalidate();
    synchronized (buildLock) {
      Lease<T> last = lastBuilt;
      lastBuilt = null;
      if (last != null) {
        last.release();
      }
    }
  }

  private Lease<T> acquire() {
    long arrived;
    Lease<T> c;
    synchronized (swapLock) {
      arrived = generation;
      c = current;
    }
    if (c != null && c.tryAcquire()) {
      return c; // installed while its generation was current: it has every acknowledged write
    }
    synchronized (buildLock) {
      long gen;
      synchronized (swapLock) {
        c = current;
        gen = generation;
      }
      if (c != null && c.tryAcquire()) {
        return c;
      }
      Lease<T> last = lastBuilt;
      if (last != null && last.generation >= arrived && last.tryAcquire()) {
        return last; // built from a snapshot taken after this reader arrived
      }
      Lease<T> built = new Lease<>(build.get(), close, gen); // the reference lastBuilt holds
      if (last != null) {
        last.release();
      }
      lastBuilt = built;
      built.tryAcquire(); // this caller's
      synchronized (swapLock) {
        if (gen == generation) {
          built.tryAcquire(); // the cache's
          current = built;
        }
      }
      return built;
    }
  }

  private static final class Lease<T> {
    final T value;
    final long generation; // the data generation its snapshot was taken in
    private final Consumer<T> close;
    private final AtomicInteger refs = new AtomicInteger(1);

    Lease(T value, Consumer<T> close, long generation) {
      this.value = value;
      this.close = close;
      this.generation = generation;
    }

    boolean tryAcquire() {
      while (true) {
        int n = refs.get();
        if (n <= 0) {
          return false;
        }
        if (refs.compareAndSet(n, n + 1)) {
          return true;
        }
      }
    }

    void release() {
      if (refs.decrementAndGet() == 0 && close != null) {
        close.accept(value);
      }
    }
  }
}
