package org.dermkg.server.cli;

import java.io.PrintStream;
import java.time.Duration;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.dermkg.graph.load.LoadListener;

/**
 * Progress bars on stderr (rate and ETA). On a terminal the bar redraws in place; elsewhere (CI
 * logs, pipes) a plain line is printed every few seconds.
 */
final class Progress {
  private Progress() {}

  static ProgressBar bar(String task, long max, String unit, long unitSize) {
    ProgressBarBuilder b =
        new ProgressBarBuilder()
            .setTaskName(task)
            .setInitialMax(max)
            .setUnit(unit, unitSize)
            .showSpeed()
            .setUpdateIntervalMillis(500)
            .setStyle(ProgressBarStyle.ASCII)
            .setMaxRenderedLength(120);
    if (System.console() == null) {
      PrintStream err = System.err;
      long[] last = {0};
      b.setConsumer(
          new DelegatingProgressBarConsumer(
              line -> {
                long now = System.nanoTime();
                if (now - last[0] > Duration.ofSeconds(5).toNanos()) {
                  last[0] = now;
                  err.println(line.strip());
                }
              }));
    }
    return b.build();
  }

  /** A load listener drawing MiB of CSV read, with rows and quads as the extra message. */
  static LoadListener forLoad() {
    return new LoadListener() {
      private ProgressBar bar;
      private long started;

      @Override
      public void start(long totalBytes) {
        started = System.nanoTime();
        bar = bar("load", totalBytes, " MiB", 1 << 20);
      }

      @Override
      public void progress(long bytes, long rows, long quads) {
        double s = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
        bar.stepTo(bytes);
        bar.setExtraMessage(
            String.format("%,d rows (%,.0f rows/s), %,d quads", rows, rows / s, quads));
      }

      @Override
      public void phase(String name) {
        if (bar != null) {
          bar.setExtraMessage(name + " ...");
        }
        System.err.println("derm load: " + name);
      }

      @Override
      public void finish() {
        if (bar != null) {
          bar.close();
          bar = null;
        }
      }
    };
  }
}
