package org.dermkg.server.http;

import org.dermkg.graph.store.DiskGuard;

/**
 * How {@link DermServer} runs: where it listens, its query limits and who may write.
 *
 * @param port the HTTP port; 0 picks a free one
 * @param loopbackOnly listen on 127.0.0.1 only (the default) rather than every interface
 * @param queryTimeoutMillis hard limit on each query (SPARQL endpoint and JSON API), > 0
 * @param maxRows the most rows or triples a SPARQL query returns, > 0
 * @param maxRequestBytes the largest query or update request body, > 0
 * @param writers who may update; {@link Credentials#none()} disables writes
 * @param storeDir the store's directory, whose disk is checked before each write (empty: none)
 * @param minFreeBytes free space kept in reserve there: a write with less answers 507
 */
public record ServeSettings(
    int port,
    boolean loopbackOnly,
    long queryTimeoutMillis,
    long maxRows,
    long maxRequestBytes,
    Credentials writers,
    java.util.Optional<java.nio.file.Path> storeDir,
    long minFreeBytes) {
  public ServeSettings {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, was " + port);
    }
    if (queryTimeoutMillis <= 0 || maxRows <= 0 || maxRequestBytes <= 0) {
      throw new IllegalArgumentException(
          "query timeout, row limit and request size must be positive");
    }
    if (minFreeBytes < 0) {
      throw new IllegalArgumentException("the free-space reserve must be >= 0");
    }
  }

  /** Loopback on a free port, 5 s queries, 10,000 rows, 1 MiB requests, writes disabled. */
  public static ServeSettings defaults() {
    return new ServeSettings(
        0,
        true,
        5000,
        10_000,
        1 << 20,
        Credentials.none(),
        java.util.Optional.empty(),
        DiskGuard.DEFAULT_MIN_FREE);
  }

  public ServeSettings withWriters(Credentials c) {
    return new ServeSettings(
        port,
        loopbackOnly,
        queryTimeoutMillis,
        maxRows,
        maxRequestBytes,
        c,
        storeDir,
        minFreeBytes);
  }

  public ServeSettings withQueryTimeout(long millis) {
    return new ServeSettings(
        port, loopbackOnly, millis, maxRows, maxRequestBytes, writers, storeDir, minFreeBytes);
  }

  public ServeSettings withMaxRows(long rows) {
    return new ServeSettings(
        port,
        loopbackOnly,
        queryTimeoutMillis,
        rows,
        maxRequestBytes,
        writers,
        storeDir,
        minFreeBytes);
  }

  /** Checks the disk holding {@code dir} before each write, keeping {@code minFree} bytes free. */
  public ServeSettings withStore(java.nio.file.Path dir, long minFree) {
    return new ServeSettings(
        port,
        loopbackOnly,
        queryTimeoutMillis,
        maxRows,
        maxRequestBytes,
        writers,
        java.util.Optional.of(dir),
        minFree);
  }
}
