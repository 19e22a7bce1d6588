package org.dermkg.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.dermkg.server.http.Admission.Decision;
import org.dermkg.server.http.Admission.Outcome;
import org.junit.jupiter.api.Test;

/** The admission rules on a controlled clock (no waiting: queue 0 ms unless stated). */
class AdmissionTest {
  private static final long SECOND = 1_000_000_000L;
  private final AtomicLong clock = new AtomicLong(1_000 * SECOND);

  private Admission admission(int parallel, int reserve, int perClient, long budgetMillis) {
    return new Admission(
        new AdmissionLimits(parallel, reserve, 1000, 2000, perClient, budgetMillis, 0, 64),
        5000,
        clock::get,
        (monitor, ms) -> clock.addAndGet(ms * 1_000_000)); // waiting moves the clock on
  }

  private Decision admit(Admission a, String client) throws InterruptedException {
    return a.admit(client);
  }

  @Test
  void oneClientGetsAtMostItsParallelQueries() throws Exception {
    Admission a = admission(8, 0, 2, 0);
    Decision d1 = admit(a, "A");
    Decision d2 = admit(a, "A");
    Decision d3 = admit(a, "A");
    assertNotNull(d1.ticket());
    assertNotNull(d2.ticket());
    assertEquals(Outcome.CLIENT_PARALLEL, d3.outcome());
    assertNull(d3.ticket());
    assertEquals(1, d3.retryAfterSeconds());
    assertTrue(d3.message().contains("sparql.client.parallel"), d3.message());
    assertEquals(Outcome.ADMITTED, admit(a, "B").outcome(), "another client is not affected");
    a.release(d1.ticket());
    assertEquals(Outcome.ADMITTED, admit(a, "A").outcome());
  }

  @Test
  void aSaturatedServerRefusesWithTheTimeToTheOldestQuerysTimeout() throws Exception {
    Admission a = admission(2, 0, 2, 0);
    Decision first = admit(a, "A");
    clock.addAndGet(2 * SECOND);
    admit(a, "B");
    Decision d = admit(a, "C"); // no reserve: refused after the (0 ms) queue
    assertEquals(Outcome.SATURATED, d.outcome());
    assertEquals(3, d.retryAfterSeconds(), "the first query ends its 5 s in 3 s");
    a.release(first.ticket());
    assertEquals(Outcome.ADMITTED, admit(a, "C").outcome());
    assertEquals(2, a.stats().peak());
  }

  @Test
  void theReserveIsForLightClientsAndLimitsTheirTime() throws Exception {
    Admission a = admission(2, 1, 2, 0);
    Decision shared = admit(a, "A");
    assertEquals(0, shared.timeLimitMillis(), "a shared slot keeps the normal limit");
    admit(a, "A"); // A holds both shared slots
    assertEquals(Outcome.CLIENT_PARALLEL, admit(a, "A").outcome());
    Decision b = admit(a, "B");
    assertEquals(Outcome.ADMITTED, b.outcome(), "B is light: it gets the reserve");
    assertEquals(1000, b.timeLimitMillis(), "where it must finish within reserve.ms");
    assertEquals(Outcome.SATURATED, admit(a, "B").outcome(), "but only with nothing running");
    assertEquals(Outcome.SATURATED, admit(a, "C").outcome(), "the reserve is used up");
    assertEquals(3, a.stats().running());
    clock.addAndGet(SECOND); // B's query ran into the reserve's limit: no reserve for a minute
    a.release(b.ticket());
    assertEquals(Outcome.SATURATED, admit(a, "B").outcome());
    Decision c = admit(a, "C");
    assertEquals(Outcome.ADMITTED, c.outcome(), "C is light");
    a.release(c.ticket());
    clock.addAndGet(61 * SECOND); // a minute later B may use the reserve again
    assertEquals(Outcome.ADMITTED, admit(a, "B").outcome());
  }

  @Test
  void aClientThatUsedMuchQueryTimeLatelyIsNotLight() throws Exception {
    Admission a = admission(1, 1, 2, 0);
    Decision d = admit(a, "D");
    clock.addAndGet(3 * SECOND); // 3 s in a shared slot: over light.ms (2 s)
    a.release(d.ticket());
    Decision holder = admit(a, "E");
    assertEquals(0, holder.timeLimitMillis());
    assertEquals(Outcome.SATURATED, admit(a, "D").outcome());
    clock.addAndGet(40 * SECOND); // 3 s halved over 40 s: 1.9 s, light again
    assertEquals(Outcome.ADMITTED, admit(a, "D").outcome());
  }

  @Test
  void theQueryTimeBudgetRefusesUntilItRefills() throws Exception {
    Admission a = admission(8, 0, 4, 10_000); // 10 query-seconds per minute
    Decision d = admit(a, "A");
    clock.addAndGet(16 * SECOND); // a 16 s query: 6 s over budget
    a.release(d.ticket());
    Decision refused = admit(a, "A");
    assertEquals(Outcome.CLIENT_BUDGET, refused.outcome());
    // -6 s at 10 s per 60 s: 36 s to become positive again
    assertTrue(
        refused.retryAfterSeconds() >= 36 && refused.retryAfterSeconds() <= 38,
        "retry after " + refused.retryAfterSeconds());
    assertEquals(Outcome.ADMITTED, admit(a, "B").outcome(), "another client has its own budget");
    clock.addAndGet(30 * SECOND);
    assertEquals(Outcome.CLIENT_BUDGET, admit(a, "A").outcome());
    clock.addAndGet(8 * SECOND);
    assertEquals(Outcome.ADMITTED, admit(a, "A").outcome());
    assertTrue(refused.message().contains("sparql.client.budget.seconds"));
  }

  @Test
  void idleClientsAreForgotten() throws Exception {
    Admission a = admission(8, 0, 2, 10_000);
    for (int i = 0; i < 100; i++) {
      a.release(admit(a, "client-" + i).ticket());
    }
    assertEquals(100, a.clientCount());
    clock.addAndGet(120 * SECOND);
    admit(a, "late");
    assertEquals(1, a.clientCount());
  }

  @Test
  void aQueuedRequestGetsTheSlotThatFreesUp() throws Exception {
    Admission a = new Admission(new AdmissionLimits(1, 0, 1000, 2000, 1, 0, 2000, 64), 5000);
    Decision held = a.admit("A");
    Thread releaser =
        new Thread(
            () -> {
              try {
                Thread.sleep(100);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              a.release(held.ticket());
            });
    releaser.start();
    long t0 = System.nanoTime();
    assertEquals(Outcome.ADMITTED, a.admit("B").outcome());
    long waited = (System.nanoTime() - t0) / 1_000_000;
    assertTrue(waited >= 50 && waited < 1900, "waited " + waited + " ms");
    releaser.join();
  }

  @Test
  void limitsAreChecked() {
    assertThrows(
        IllegalArgumentException.class, () -> new AdmissionLimits(0, 0, 1000, 2000, 1, 0, 0, 64));
    assertThrows(
        IllegalArgumentException.class, () -> new AdmissionLimits(4, 2, 1000, 2000, 1, 0, 0, 10));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new AdmissionLimits(4, -1, 1000, 2000, 1, 0, 0, 64));
    assertTrue(e.getMessage().contains("sparql.reserve"));
  }
}
