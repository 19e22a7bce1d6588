package org.dermkg.server.http;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Admission control for heavy requests, in the manner of the public SPARQL endpoints that stayed
 * open (Wikidata Query Service): at most {@code maxParallel} run at once, plus {@code reserve}
 * slots only a client with nothing running may take; each client at most {@code clientParallel} at
 * once and a budget of query time per minute (a token bucket of {@code clientBudgetMillis},
 * refilled at that much per minute; a request is admitted while the balance is positive, and its
 * whole run time is charged when it ends). Over a client limit: refused at once (429). Saturated:
 * waits up to {@code queueMillis} for a slot, then refused (503). Every refusal carries a
 * Retry-After estimate. Thread-safe; the clock is injectable for tests.
 */
final class Admission {
  /** Why a request was refused, or that it was admitted. */
  enum Outcome {
    ADMITTED,
    CLIENT_PARALLEL,
    CLIENT_BUDGET,
    SATURATED
  }

  /** The answer to one request; {@code ticket} is set when admitted. */
  record Decision(Outcome outcome, Ticket ticket, long retryAfterSeconds, String message) {}

  /** One admitted request; hand it back to {@link #release}. */
  static final class Ticket {
    private final Client client;
    private final long startNanos;

    private Ticket(Client client, long startNanos) {
      this.client = client;
      this.startNanos = startNanos;
    }
  }

  /** What the health route shows. */
  record Stats(int running, int peak, int limit, int reserve, long admitted, long refused) {}

  private static final long MINUTE_NANOS = 60_000_000_000L;

  private final AdmissionLimits limits;
  private final long timeoutMillis;
  private final LongSupplier nanos;
  private final Map<String, Client> clients = new HashMap<>();
  private final Set<Ticket> running = new LinkedHashSet<>(); // oldest first
  private int peak;
  private long admitted;
  private long refused;
  private long lastSweep;

  /**
   * @param timeoutMillis the query time limit, for the Retry-After of a saturated server
   */
  Admission(AdmissionLimits limits, long timeoutMillis, LongSupplier nanos) {
    this.limits = limits;
    this.timeoutMillis = timeoutMillis;
    this.nanos = nanos;
    this.lastSweep = nanos.getAsLong();
  }

  /** Admits or refuses a request of {@code client}, waiting briefly when saturated. */
  synchronized Decision admit(String client) throws InterruptedException {
    long arrived = nanos.getAsLong();
    sweep(arrived);
    Client c =
        clients.computeIfAbsent(client, k -> new Client(limits.clientBudgetMillis(), arrived));
    long now = arrived;
    long deadline = arrived + limits.queueMillis() * 1_000_000;
    while (true) {
      c.refill(now, limits.clientBudgetMillis());
      if (c.running >= limits.clientParallel()) {
        return refuse(
            Outcome.CLIENT_PARALLEL,
            1,
            "client "
                + client
                + " already runs "
                + c.running
                + " queries (sparql.client.parallel = "
                + limits.clientParallel()
                + "): wait for one to finish");
      }
      if (limits.clientBudgetMillis() > 0 && c.balanceMillis <= 0) {
        long wait = -c.balanceMillis * 60 / limits.clientBudgetMillis() + 1;
        return refuse(
            Outcome.CLIENT_BUDGET,
            wait,
            "client "
                + client
                + " used its query time (sparql.client.budget.seconds = "
                + limits.clientBudgetMillis() / 1000
                + " per minute)");
      }
      if (running.size() < limits.maxParallel()
          || (c.running == 0 && running.size() < limits.maxParallel() + limits.reserve())) {
        Ticket t = new Ticket(c, now);
        c.running++;
        running.add(t);
        peak = Math.max(peak, running.size());
        admitted++;
        return new Decision(Outcome.ADMITTED, t, 0, "");
      }
      long left = deadline - now;
      if (left <= 0) {
        return refuse(
            Outcome.SATURATED,
            saturatedRetry(now),
            "the server is running "
                + running.size()
                + " queries, its limit (sparql.max.parallel = "
                + limits.maxParallel()
                + ")");
      }
      wait(Math.max(1, left / 1_000_000));
      now = nanos.getAsLong();
    }
  }

  /** Ends an admitted request, charging its run time to its client. */
  synchronized void release(Ticket t) {
    if (!running.remove(t)) {
      return;
    }
    long now = nanos.getAsLong();
    t.client.running--;
    t.client.refill(now, limits.clientBudgetMillis());
    t.client.balanceMillis -= (now - t.startNanos) / 1_000_000;
    notifyAll();
  }

  synchronized Stats stats() {
    return new Stats(
        running.size(), peak, limits.maxParallel(), limits.reserve(), admitted, refused);
  }

  private Decision refuse(Outcome why, long retryAfter, String message) {
    refused++;
    return new Decision(why, null, Math.max(1, retryAfter), message);
  }

  /** Seconds until the oldest running request reaches the time limit (at least 1). */
  private long saturatedRetry(long now) {
    Iterator<Ticket> oldest = running.iterator();
    if (!oldest.hasNext()) {
      return 1;
    }
    long endsIn = oldest.next().startNanos + timeoutMillis * 1_000_000 - now;
    return Math.max(1, (endsIn + 999_999_999) / 1_000_000_000);
  }

  /** Forgets idle clients with a full bucket, once a minute. */
  private void sweep(long now) {
    if (now - lastSweep < MINUTE_NANOS) {
      return;
    }
    lastSweep = now;
    clients
        .values()
        .removeIf(
            c -> {
              c.refill(now, limits.clientBudgetMillis());
              return c.running == 0 && c.balanceMillis >= limits.clientBudgetMillis();
            });
  }

  /** How many clients are tracked (for tests). */
  synchronized int clientCount() {
    return clients.size();
  }

  private static final class Client {
    int running;
    long balanceMillis;
    long refilledNanos;

    Client(long budget, long now) {
      this.balanceMillis = budget;
      this.refilledNanos = now;
    }

    void refill(long now, long budget) {
      if (budget <= 0) {
        return;
      }
      long gained = (now - refilledNanos) / 1_000_000 * budget / 60_000;
      if (gained > 0) {
        balanceMillis = Math.min(budget, balanceMillis + gained);
        // keep the remainder: advance only by the time that bought whole milliseconds
        refilledNanos += gained * 60_000 / budget * 1_000_000;
      }
      if (balanceMillis >= budget) {
        refilledNanos = now;
      }
    }
  }
}
