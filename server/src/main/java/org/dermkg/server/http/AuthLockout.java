package org.dermkg.server.http;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Slows down guessing of the write credentials: after {@code maxFailures} failed attempts from one
 * client within the lockout period, that client is locked out for the period (every write attempt
 * answers 429, right credentials included, so guessing cannot go on). Failures older than the
 * period are forgotten; a success clears the count. Thread-safe; the clock is injectable.
 */
final class AuthLockout {
  private final int maxFailures;
  private final long periodNanos;
  private final LongSupplier nanos;
  private final Map<String, State> clients = new HashMap<>();

  AuthLockout(int maxFailures, long periodMillis, LongSupplier nanos) {
    this.maxFailures = maxFailures;
    this.periodNanos = periodMillis * 1_000_000;
    this.nanos = nanos;
  }

  /** Seconds the client stays locked out, or 0 when it may try. */
  synchronized long lockedFor(String client) {
    State s = clients.get(client);
    long now = nanos.getAsLong();
    if (s == null || s.lockedUntil == 0) {
      return 0;
    }
    long left = s.lockedUntil - now;
    if (left <= 0) {
      clients.remove(client);
      return 0;
    }
    return (left + 999_999_999) / 1_000_000_000;
  }

  /** Records a failed attempt; true when it locked the client out. */
  synchronized boolean failed(String client) {
    long now = nanos.getAsLong();
    if (clients.size() > 100_000) {
      clients.values().removeIf(s -> now - Math.max(s.first, s.lockedUntil) > periodNanos);
    }
    State s = clients.computeIfAbsent(client, k -> new State(now));
    if (now - s.first > periodNanos) {
      s.first = now;
      s.failures = 0;
    }
    s.failures++;
    if (s.failures >= maxFailures) {
      s.lockedUntil = now + periodNanos;
      return true;
    }
    return false;
  }

  synchronized void succeeded(String client) {
    clients.remove(client);
  }

  private static final class State {
    long first;
    int failures;
    long lockedUntil;

    State(long first) {
      this.first = first;
    }
  }
}
