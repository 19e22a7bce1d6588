package org.dermkg.server.http;

import java.nio.file.Path;
import java.util.Optional;
import org.dermkg.graph.store.DiskGuard;

/**
 * How {@link DermServer} runs: where it listens, its query limits, who may write, how heavy
 * requests are admitted and what the server may reach.
 *
 * @param port the HTTP port; 0 picks a free one
 * @param loopbackOnly listen on 127.0.0.1 only (the default) rather than every interface
 * @param queryTimeoutMillis hard limit on each query (SPARQL endpoint and JSON API), > 0
 * @param maxRows the most rows or triples a SPARQL query returns, > 0
 * @param maxRequestBytes the largest query or update request body, > 0
 * @param writers who may update; {@link Credentials#none()} disables writes
 * @param storeDir the store's directory, whose disk is checked before each write (empty: none)
 * @param minFreeBytes free space kept in reserve there: a write with less answers 507
 * @param admission limits on heavy requests, globally and per client
 * @param access outbound requests, CORS, trusted proxies, write lockout and audit log
 * @param resultCacheBytes memory for the result cache of read queries; 0 turns it off
 * @param rememberLookups run queries with {@code RepeatedLookups} (TDB2's executor remembering a
 *     pattern's repeated lookups within one query); false: TDB2's executor as it is
 */
public record ServeSettings(
    int port,
    boolean loopbackOnly,
    long queryTimeoutMillis,
    long maxRows,
    long maxRequestBytes,
    Credentials writers,
    Optional<Path> storeDir,
    long minFreeBytes,
    AdmissionLimits admission,
    AccessPolicy access,
    long resultCacheBytes,
    boolean rememberLookups) {
  /** The result cache's default size: 64 MiB. */
  public static final long DEFAULT_RESULT_CACHE = 64L << 20;

  public ServeSettings {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, was " + port);
    }
    if (queryTimeoutMillis <= 0 || maxRows <= 0 || maxRequestBytes <= 0) {
      throw new IllegalArgumentException(
          "query timeout, row limit and request size must be positive");
    }
    if (resultCacheBytes < 0) {
      throw new IllegalArgumentException("the result cache size must be >= 0");
    }
    if (minFreeBytes < 0) {
      throw new IllegalArgumentException("the free-space reserve must be >= 0");
    }
  }

  /**
   * Loopback on a free port, 5 s queries, 10,000 rows, 1 MiB requests, writes disabled, the default
   * admission limits and access policy, a 64 MiB result cache, repeated lookups remembered.
   */
  public static ServeSettings defaults() {
    return new ServeSettings(
        0,
        true,
        5000,
        10_000,
        1 << 20,
        Credentials.none(),
        Optional.empty(),
        DiskGuard.DEFAULT_MIN_FREE,
        AdmissionLimits.defaults(),
        AccessPolicy.defaults(),
        DEFAULT_RESULT_CACHE,
        true);
  }

  public ServeSettings withWriters(Credentials c) {
    return with(c, queryTimeoutMillis, maxRows, storeDir, minFreeBytes, admission, access);
  }

  public ServeSettings withQueryTimeout(long millis) {
    return with(writers, millis, maxRows, storeDir, minFreeBytes, admission, access);
  }

  public ServeSettings withMaxRows(long rows) {
    return with(writers, queryTimeoutMillis, rows, storeDir, minFreeBytes, admission, access);
  }

  /** With a result cache of {@code bytes} (0: none). */
  public ServeSettings withResultCache(long bytes) {
    return withQueryEngine(bytes, rememberLookups);
  }

  /** With TDB2's executor remembering repeated lookups ({@code true}) or as it is. */
  public ServeSettings withRememberedLookups(boolean on) {
    return withQueryEngine(resultCacheBytes, on);
  }

  private ServeSettings withQueryEngine(long cacheBytes, boolean remember) {
    return new ServeSettings(
        port,
        loopbackOnly,
        queryTimeoutMillis,
        maxRows,
        maxRequestBytes,
        writers,
        storeDir,
        minFreeBytes,
        admission,
        access,
        cacheBytes,
        remember);
  }

  /** Checks the disk holding {@code dir} before each write, keeping {@code minFree} bytes free. */
  public ServeSettings withStore(Path dir, long minFree) {
    return with(writers, queryTimeoutMillis, maxRows, Optional.of(dir), minFree, admission, access);
  }

  public ServeSettings withAdmission(AdmissionLimits limits) {
    return with(writers, queryTimeoutMillis, maxRows, storeDir, minFreeBytes, limits, access);
  }

  public ServeSettings withAccess(AccessPolicy policy) {
    return with(writers, queryTimeoutMillis, maxRows, storeDir, minFreeBytes, admission, policy);
  }

  private ServeSettings with(
      Credentials w,
      long timeout,
      long rows,
      Optional<Path> store,
      long minFree,
      AdmissionLimits a,
      AccessPolicy p) {
    return new ServeSettings(
        port,
        loopbackOnly,
        timeout,
        rows,
        maxRequestBytes,
        w,
        store,
        minFree,
        a,
        p,
        resultCacheBytes,
        rememberLookups);
  }
}
