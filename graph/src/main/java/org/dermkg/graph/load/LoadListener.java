package org.dermkg.graph.load;

/**
 * Progress of a load, for a progress bar. Called from the loading thread about every 200 ms and
 * after every batch; implementations must be quick.
 */
public interface LoadListener {
  /** A listener that ignores everything. */
  LoadListener NONE = new LoadListener() {};

  /** The load starts; {@code totalBytes} is the size of all its CSV files. */
  default void start(long totalBytes) {}

  /** Bytes of CSV consumed, rows read and quads built so far. */
  default void progress(long bytes, long rows, long quads) {}

  /** A named phase after parsing ("indexing", "validating"). */
  default void phase(String name) {}

  /** Parsing and writing are over (also called when the load fails). */
  default void finish() {}
}
