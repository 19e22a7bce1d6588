package org.dermkg.sparql.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Leases, closing after the last use, and no stale value installed after an invalidation. */
class RefreshableTest {
  /** A value that knows the data version it was built from and fails when used after close. */
  static final class Value {
    final long version;
    final AtomicBoolean closed = new AtomicBoolean();

    Value(long version) {
      this.version = version;
    }

    long use() {
      if (closed.get()) {
        throw new IllegalStateException("used after close");
      }
      return version;
    }
  }

  @Test
  void readersNeverSeeAClosedValueAndEveryReplacedValueIsClosed() throws Exception {
    AtomicLong data = new AtomicLong();
    List<Value> built = new CopyOnWriteArrayList<>();
    Refreshable<Value> cache =
        Refreshable.closing(
            () -> {
              Value v = new Value(data.get());
              built.add(v);
              return v;
            },
            v -> v.closed.set(true));
    ExecutorService pool = Executors.newFixedThreadPool(6);
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger uses = new AtomicInteger();
    List<Future<?>> readers = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      readers.add(
          pool.submit(
              () -> {
                while (!stop.get()) {
                  cache.with(
                      v -> {
                        Thread.onSpinWait();
                        return v.use();
                      });
                  uses.incrementAndGet();
                }
              }));
    }
    Future<?> writer =
        pool.submit(
            () -> {
              for (int i = 0; i < 2000; i++) {
                data.incrementAndGet();
                cache.invalidate();
                // read-your-writes: the first read after the invalidation sees the new version
                long seen = cache.with(Value::use);
                if (seen < data.get()) {
                  throw new AssertionError("stale value " + seen + " < " + data.get());
                }
              }
            });
    writer.get(60, TimeUnit.SECONDS);
    stop.set(true);
    for (Future<?> f : readers) {
      f.get(10, TimeUnit.SECONDS); // rethrows "used after close"
    }
    pool.shutdown();
    cache.close();
    assertTrue(uses.get() > 0);
    assertTrue(built.size() > 1);
    assertTrue(built.stream().allMatch(v -> v.closed.get()), "a replaced value was not closed");
  }

  @Test
  void aBuildThatRacedWithAnInvalidationIsNotKept() throws Exception {
    AtomicLong data = new AtomicLong();
    CountDownLatch building = new CountDownLatch(1);
    CountDownLatch proceed = new CountDownLatch(1);
    AtomicInteger builds = new AtomicInteger();
    Refreshable<Value> cache =
        Refreshable.closing(
            () -> {
              long version = data.get(); // the snapshot is read here
              if (builds.incrementAndGet() == 1) {
                building.countDown();
                await(proceed);
              }
              return new Value(version);
            },
            v -> v.closed.set(true));
    ExecutorService pool = Executors.newSingleThreadExecutor();
    Future<Long> slow = pool.submit(() -> cache.with(Value::use));
    assertTrue(building.await(10, TimeUnit.SECONDS));
    data.incrementAndGet(); // a write commits while the first build reads the old snapshot
    cache.invalidate();
    proceed.countDown();
    assertEquals(0L, slow.get(10, TimeUnit.SECONDS), "the racing reader used its own build");
    assertEquals(1L, cache.with(Value::use), "the stale build must not be kept");
    assertEquals(2, builds.get());
    pool.shutdown();
  }

  @Test
  void readersWaitingForABuildShareIt() throws Exception {
    CountDownLatch building = new CountDownLatch(1);
    CountDownLatch proceed = new CountDownLatch(1);
    AtomicInteger builds = new AtomicInteger();
    AtomicLong data = new AtomicLong();
    Refreshable<Value> cache =
        Refreshable.closing(
            () -> {
              long v = data.get();
              if (builds.incrementAndGet() == 1) {
                building.countDown();
                await(proceed);
              }
              return new Value(v);
            },
            v -> v.closed.set(true));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    Future<Long> first = pool.submit(() -> cache.with(Value::use));
    assertTrue(building.await(10, TimeUnit.SECONDS));
    List<Future<Long>> riders = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      riders.add(pool.submit(() -> cache.with(Value::use)));
    }
    Thread.sleep(100); // the riders are waiting for the build
    data.incrementAndGet();
    cache.invalidate(); // a write lands during the build: it is not kept, but the riders
    proceed.countDown(); // arrived before the write was acknowledged and may share it
    assertEquals(0L, first.get(10, TimeUnit.SECONDS));
    for (Future<Long> f : riders) {
      assertEquals(0L, f.get(10, TimeUnit.SECONDS));
    }
    assertEquals(1, builds.get(), "one build for all who waited");
    assertEquals(1L, cache.with(Value::use), "a reader after the write gets a new build");
    assertEquals(2, builds.get());
    pool.shutdown();
  }

  @Test
  void valuesAreSharedUntilInvalidated() {
    AtomicInteger builds = new AtomicInteger();
    Refreshable<Object> cache = Refreshable.of(() -> new Object[] {builds.incrementAndGet()});
    Object a = cache.get();
    assertSame(a, cache.get());
    cache.invalidate();
    assertNotSame(a, cache.get());
    assertEquals(2, builds.get());
    Refreshable<Value> closing = Refreshable.closing(() -> new Value(0), v -> {});
    assertThrows(IllegalStateException.class, closing::get);
    assertFalse((boolean) closing.with(v -> v.closed.get()));
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
