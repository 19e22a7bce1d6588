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
 * One build runs at a time; invalidation never waits for a build. Thread-safe.
 */
public final class Refreshable<T> {
  private final Supplier<T> build;
  private final Consumer<T> close;
  private final Object buildLock = new Object();
  private final Object swapLock = new Object();
  private long generation; // guarded by swapLock
  private volatile Lease<T> current; // written under swapLock

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

  /** Drops the current value (call after the data changed); it is closed after its last use. */
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

  private Lease<T> acquire() {
    while (true) {
      Lease<T> c = current;
      if (c != null && c.tryAcquire()) {
        return c;
      }
      synchronized (buildLock) {
        long gen;
        synchronized (swapLock) {
          c = current;
          gen = generation;
        }
        if (c != null) {
          continue; // built by another reader meanwhile
        }
        Lease<T> built = new Lease<>(build.get(), close);
        synchronized (swapLock) {
          if (gen == generation) {
            built.tryAcquire(); // one reference for the cache, one for this caller
            current = built;
          }
        }
        return built; // when the data changed during the build: this caller's only
      }
    }
  }

  private static final class Lease<T> {
    final T value;
    private final Consumer<T> close;
    private final AtomicInteger refs = new AtomicInteger(1);

    Lease(T value, Consumer<T> close) {
      this.value = value;
      this.close = close;
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
