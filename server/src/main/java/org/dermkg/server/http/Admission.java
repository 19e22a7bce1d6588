package org.dermkg.server.http;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Admission control for heavy requests, in the manner of the public SPARQL endpoints that stayed
 * open (Wikidata Query Service): at most {@code maxParallel} run at once; each client at most
 * {@code clientParallel} at once and a budget of query time per minute (a token bucket of {@code
 * clientBudgetMillis}, refilled at that much per minute; a request is admitted while the balance is
 * positive, and its whole run time is charged when it ends). Over a client limit: refused at once
 * (429). Saturated: waits up to {@code queueMillis} for a slot, then refused (503). Every refusal
 * carries a Retry-After estimate.
 *
 * <p>Beyond {@code maxParallel}, {@code reserve} more slots are kept for <em>light</em> clients:
 * nothing running, recent query time (each run's time, halved every minute since) under {@code
 * lightMillis}, and no query cut in the reserve during the last minute. A request admitted there
 * must finish within {@code reserveMillis} ({@link Decision#timeLimitMillis()}); one that runs that
 * long costs its client the reserve for a minute. So a flood reaching the reserve from fresh
 * addresses gets one short run per address and minute, and a quiet client's small query still gets
 * through while the shared slots are full. Light clients queue for the reserve in arrival order and
 * wait up to {@code queueMillis + reserveMillis} (a reserve slot frees within {@code
 * reserveMillis}). Thread-safe; the clock is injectable for tests.
 */
final class Admission {
  /** Why a request was refused, or that it was admitted. */
  enum Outcome {
    ADMITTED,
    CLIENT_PARALLEL,
    CLIENT_BUDGET,
    SATURATED
  }

  /**
   * The answer to one request; {@code ticket} is set when admitted, {@code timeLimitMillis} when it
   * was admitted to the reserve (0 otherwise: the normal limit applies).
   */
  record Decision(
      Outcome outcome,
      Ticket ticket,
      long retryAfterSeconds,
      String message,
      long timeLimitMillis) {}

  /** One admitted request; hand it back to {@link #release}. */
  static final class Ticket {
    private final Client client;
    private final long startNanos;
    private final boolean reserve;

    private Ticket(Client client, long startNanos, boolean reserve) {
      this.client = client;
      this.startNanos = startNanos;
      this.reserve = reserve;
    }
  }

  /** What the health route shows. */
  record Stats(int running, int peak, int limit, int reserve, long admitted, long refused) {}

  private static final long MINUTE_NANOS = 60_000_000_000L;

  private final AdmissionLimits limits;
  private final long timeoutMillis;
  private final LongSupplier nanos;
  private final Pause pause;
  private final Map<String, Client> clients = new HashMap<>();
  private final Set<Ticket> running = new LinkedHashSet<>(); // oldest first
  private final Deque<Object> lightQueue = new ArrayDeque<>();
  private int peak;
  private long admitted;
  private long refused;
  private long lastSweep;

  /** How a waiting request waits on the monitor (tests advance their clock instead). */
  @FunctionalInterface
  interface Pause {
    void await(Object monitor, long millis) throws InterruptedException;
  }

  /**
   * @param timeoutMillis the query time limit, for the Retry-After of a saturated server
   */
  Admission(AdmissionLimits limits, long timeoutMillis) {
    this(limits, timeoutMillis, System::nanoTime, Object::wait);
  }

  Admission(AdmissionLimits limits, long timeoutMillis, LongSupplier nanos, Pause pause) {
    this.limits = limits;
    this.timeoutMillis = timeoutMillis;
    this.nanos = nanos;
    this.pause = pause;
    this.lastSweep = nanos.getAsLong();
  }

  /** Admits or refuses a request of {@code client}, waiting briefly when saturated. */
  synchronized Decision admit(String client) throws InterruptedException {
    long arrived = nanos.getAsLong();
    sweep(arrived);
    Client c =
        clients.computeIfAbsent(client, k -> new Client(limits.clientBudgetMillis(), arrived));
    Object place = new Object(); // our place in the light queue, once queued
    try {
      for (long now = arrived; ; now = nanos.getAsLong()) {
        c.refill(now, limits.clientBudgetMillis());
        boolean light =
            limits.reserve() > 0 && c.running == 0 && c.isLight(now, limits.lightMillis());
        Decision decision = decide(client, c, now, light, place);
        if (decision != null) {
          return decision;
        }
        long wait = limits.queueMillis() + (light ? limits.reserveMillis() : 0);
        long left = arrived + wait * 1_000_000 - now;
        if (left <= 0) {
          return saturated(now, light);
        }
        pause.await(this, Math.max(1, left / 1_000_000));
      }
    } finally {
      if (lightQueue.remove(place)) {
        notifyAll(); // the next light client may be first now
      }
    }
  }

  /**
   * One look at the state: a refusal over the client's own limits, an admission, or null to wait. A
   * light client takes a place in the queue for the reserve (once) and runs on it when first.
   */
  private Decision decide(String client, Client c, long now, boolean light, Object place) {
    Decision over = overClientLimits(client, c);
    if (over != null) {
      return over;
    }
    if (running.size() < limits.maxParallel()) {
      return admitted(c, now, false);
    }
    if (light) {
      if (!lightQueue.contains(place)) {
        lightQueue.addLast(place);
      }
      if (lightQueue.peekFirst() == place
          && running.size() < limits.maxParallel() + limits.reserve()) {
        return admitted(c, now, true);
      }
    }
    return null;
  }

  /** The refusal of a client over its own limits, or null. */
  private Decision overClientLimits(String client, Client c) {
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
      return refuse(
          Outcome.CLIENT_BUDGET,
          -c.balanceMillis * 60 / limits.clientBudgetMillis() + 1,
          "client "
              + client
              + " used its query time (sparql.client.budget.seconds = "
              + limits.clientBudgetMillis() / 1000
              + " per minute)");
    }
    return null;
  }

  private Decision saturated(long now, boolean light) {
    return refuse(
        Outcome.SATURATED,
        saturatedRetry(now),
        "the server is running "
            + running.size()
            + " queries, its limit (sparql.max.parallel = "
            + limits.maxParallel()
            + (light ? ", with the reserve for light clients" : "")
            + ")");
  }

  private Decision admitted(Client c, long now, boolean reserve) {
    Ticket t = new Ticket(c, now, reserve);
    c.running++;
    running.add(t);
    peak = Math.max(peak, running.size());
    admitted++;
    return new Decision(Outcome.ADMITTED, t, 0, "", reserve ? limits.reserveMillis() : 0);
  }

  /** Ends an admitted request, charging its run time to its client. */
  synchronized void release(Ticket t) {
    if (!running.remove(t)) {
      return;
    }
    long now = nanos.getAsLong();
    long used = (now - t.startNanos) / 1_000_000;
    Client c = t.client;
    c.running--;
    c.refill(now, limits.clientBudgetMillis());
    c.balanceMillis -= used;
    c.recentMillis = c.recentMillis(now) + used;
    c.recentNanos = now;
    if (t.reserve && used * 20 >= limits.reserveMillis() * 19) {
      c.noReserveUntil = now + MINUTE_NANOS; // it ran into the reserve's limit
    }
    notifyAll();
  }

  synchronized Stats stats() {
    return new Stats(
        running.size(), peak, limits.maxParallel(), limits.reserve(), admitted, refused);
  }

  private Decision refuse(Outcome why, long retryAfter, String message) {
    refused++;
    return new Decision(why, null, Math.max(1, retryAfter), message, 0);
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

  /** Forgets idle clients with a full bucket and nothing recent, once a minute. */
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
              return c.running == 0
                  && c.balanceMillis >= limits.clientBudgetMillis()
                  && c.recentMillis(now) < 1
                  && now >= c.noReserveUntil;
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
    double recentMillis;
    long recentNanos;
    long noReserveUntil;

    Client(long budget, long now) {
      this.balanceMillis = budget;
      this.refilledNanos = now;
      this.recentNanos = now;
      this.noReserveUntil = now;
    }

    /** Query time used lately: each run's time, halved every minute since. */
    double recentMillis(long now) {
      return recentMillis * Math.pow(0.5, (double) (now - recentNanos) / MINUTE_NANOS);
    }

    boolean isLight(long now, long lightMillis) {
      return now >= noReserveUntil && recentMillis(now) < lightMillis;
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
