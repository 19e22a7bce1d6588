package org.dermkg.spark;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs the job's progress on the driver every few seconds: images embedded and skipped so far and
 * images/s. The accumulators reach the driver as tasks finish, so the figures move a partition at a
 * time.
 */
final class Progress implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Progress.class);

  private final EmbedPartition.Counters counters;
  private final long t0 = System.nanoTime();
  private final ScheduledExecutorService timer;

  Progress(EmbedPartition.Counters counters, long periodSeconds) {
    this.counters = counters;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "derm-spark-progress");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleAtFixedRate(this::log, periodSeconds, periodSeconds, TimeUnit.SECONDS);
  }

  /** Seconds since the job started. */
  double seconds() {
    return (System.nanoTime() - t0) / 1e9;
  }

  void log() {
    long embedded = counters.embedded().value();
    double s = seconds();
    LOG.info(
        "embedded {} images, skipped {}, already done {}; {} images/s",
        embedded,
        counters.skipped().value(),
        counters.alreadyDone().value(),
        String.format(java.util.Locale.ROOT, "%.1f", s > 0 ? embedded / s : 0));
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
