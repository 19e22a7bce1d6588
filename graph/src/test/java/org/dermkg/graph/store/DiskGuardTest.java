package org.dermkg.graph.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.dermkg.graph.GraphException;
import org.dermkg.graph.GraphException.Code;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskGuardTest {
  @TempDir Path tmp;

  /** Issue #16: the guard replaced the JVM-wide default uncaught-exception handler while open. */
  @Test
  void theGuardLeavesTheDefaultUncaughtExceptionHandlerAlone() {
    Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
    try (DiskGuard guard = DiskGuard.open(tmp, 0)) {
      assertSame(before, Thread.getDefaultUncaughtExceptionHandler());
      guard.run(
          () -> {
            assertSame(before, Thread.getDefaultUncaughtExceptionHandler());
            return null;
          });
    }
    assertSame(before, Thread.getDefaultUncaughtExceptionHandler());
  }

  /**
   * A thread started by the guarded work (as Jena's phased loader starts its index builders) that
   * dies of a write fault trips the guard and interrupts the armed work waiting for it: no hang.
   */
  @Test
  void aDyingThreadOfTheWorkTripsTheGuardAndInterruptsTheWait() {
    try (DiskGuard guard = DiskGuard.open(tmp, 0)) {
      String outcome =
          guard.run(
              () -> {
                guard.armInterrupt();
                Thread builder =
                    new Thread(
                        () -> {
                          throw new InternalError(
                              "a fault occurred in a recent unsafe memory access operation");
                        },
                        "index-builder");
                builder.start();
                try {
                  Thread.sleep(30_000); // a loader waiting for its builder
                  return "not interrupted";
                } catch (InterruptedException e) {
                  return "interrupted";
                }
              });
      assertEquals("interrupted", outcome);
      GraphException why = guard.tripped().orElseThrow();
      assertEquals(Code.WRITE_FAILED, why.code());
      assertTrue(why.getMessage().contains("index-builder"), why.getMessage());
      assertTrue(why.getMessage().contains("the disk holding " + tmp), why.getMessage());
    }
  }

  /**
   * A thread of the work that ends without passing its work on (as Jena's node-table writer does
   * after a failed write: it logs, aborts and returns) leaves everyone waiting on a queue: the
   * guard sees every thread of its group waiting untimed for three seconds and interrupts the work.
   */
  @Test
  void allThreadsWaitingOnEachOtherTripsTheGuard() {
    try (DiskGuard guard = DiskGuard.open(tmp, 0)) {
      long t0 = System.nanoTime();
      String outcome =
          guard.run(
              () -> {
                guard.armInterrupt();
                java.util.concurrent.BlockingQueue<String> in =
                    new java.util.concurrent.ArrayBlockingQueue<>(1);
                java.util.concurrent.BlockingQueue<String> out =
                    new java.util.concurrent.ArrayBlockingQueue<>(1);
                Thread indexer =
                    new Thread(
                        () -> {
                          try {
                            out.put(in.take()); // the end marker never comes
                          } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                          }
                        },
                        "indexer");
                indexer.setDaemon(true);
                indexer.start();
                try {
                  return out.take(); // the loader waiting for its indexer
                } catch (InterruptedException e) {
                  indexer.interrupt();
                  return "interrupted";
                }
              });
      assertEquals("interrupted", outcome);
      assertTrue(System.nanoTime() - t0 < 20_000_000_000L, "tripped in time");
      GraphException why = guard.tripped().orElseThrow();
      assertTrue(why.getMessage().contains("waiting on each other"), why.getMessage());
    }
  }

  /** Work that sleeps, or waits with a timeout, is alive: nothing trips. */
  @Test
  void aThreadSleepingIsNotADeadlock() {
    try (DiskGuard guard = DiskGuard.open(tmp, 0)) {
      String outcome =
          guard.run(
              () -> {
                guard.armInterrupt();
                try {
                  Thread.sleep(3_600);
                  return "slept";
                } catch (InterruptedException e) {
                  return "interrupted";
                }
              });
      assertEquals("slept", outcome);
      assertTrue(guard.tripped().isEmpty());
    }
  }

  @Test
  void whatTheWorkThrowsIsThrownToTheCaller() {
    try (DiskGuard guard = DiskGuard.open(tmp, 0)) {
      GraphException e = new GraphException(Code.LOAD_FAILED, "boom");
      try {
        guard.run(
            () -> {
              throw e;
            });
      } catch (GraphException thrown) {
        assertSame(e, thrown);
        return;
      }
      throw new AssertionError("nothing thrown");
    }
  }
}
