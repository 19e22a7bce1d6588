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
