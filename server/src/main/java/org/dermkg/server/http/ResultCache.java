package org.dermkg.server.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Answers of read requests kept in memory, keyed by the request (normalised query text, Accept,
 * parameters) and the data's version. The version changes when a write starts and again when it has
 * committed, and every entry goes with it, so no answer outlives the data it was computed from; an
 * answer computed while the version moved is neither kept nor given an ETag. The ETag names the
 * server process (a random epoch), the version and the key, so a client's copy stays valid exactly
 * as long as the data it came from: a conditional request with it gets 304 without the query
 * running, cached or not. Bounded by the bytes of the bodies held (least recently used go first);
 * an answer larger than an eighth of that (at most 4 MiB) is streamed and not kept.
 */
final class ResultCache {
  /** A kept answer: its body, content type and the headers that describe it. */
  record Entry(byte[] body, String contentType, Map<String, String> headers) {}

  private static final long MAX_ENTRY = 4L << 20;

  private final Cache<String, Entry> entries;
  private final AtomicLong version = new AtomicLong();
  private final String epoch = Long.toHexString(new SecureRandom().nextLong());
  private final long maxEntryBytes;
  private final Writes writes;

  /** The store's write transactions: how many have begun, and whether one is open now. */
  interface Writes {
    long begun();

    boolean open();

    /** For a dataset whose writes all pass through the server. */
    Writes NONE =
        new Writes() {
          @Override
          public long begun() {
            return 0;
          }

          @Override
          public boolean open() {
            return false;
          }
        };
  }

  /** A cache of at most {@code maxBytes} of bodies; 0 turns it off (ETags and 304s too). */
  ResultCache(long maxBytes) {
    this(maxBytes, Writes.NONE);
  }

  /** The same, also watching the store's {@code writes}. */
  ResultCache(long maxBytes, Writes writes) {
    this.writes = writes;
    if (maxBytes < 0) {
      throw new IllegalArgumentException("the result cache size must be >= 0, was " + maxBytes);
    }
    this.maxEntryBytes = Math.min(MAX_ENTRY, maxBytes / 8);
    this.entries =
        maxBytes == 0
            ? null
            : Caffeine.newBuilder()
                .executor(Runnable::run) // evict on the writing thread: the bound holds at once
                .maximumWeight(maxBytes)
                .<String, Entry>weigher((k, e) -> k.length() * 2 + e.body().length + 256)
                .build();
  }

  boolean enabled() {
    return entries != null;
  }

  /**
   * The data's version now: taken before a request runs, compared when it has; -1 while a write
   * transaction is open (the request then runs uncached).
   */
  long version() {
    if (writes.open()) {
      return -1;
    }
    return (version.get() << 32) + writes.begun();
  }

  /** The data changes (called before a write and after it): every entry and ETag is stale. */
  void changed() {
    version.incrementAndGet();
    if (entries != null) {
      entries.invalidateAll();
    }
  }

  /** The ETag of the answer to {@code key} at {@code version}, quoted. */
  String etag(String key, long version) {
    return "\"" + epoch + "-" + version + "-" + hash(key) + "\"";
  }

  Entry get(String key, long version) {
    return entries.getIfPresent(version + " " + key);
  }

  /**
   * Keeps an answer computed at {@code version} if the data is still at it and it is small enough.
   */
  boolean put(String key, long version, Entry entry) {
    if (version < 0 || version() != version || entry.body().length > maxEntryBytes) {
      return false;
    }
    entries.put(version + " " + key, entry);
    return true;
  }

  /** The largest body kept; a larger answer is streamed as it is written. */
  long maxEntryBytes() {
    return maxEntryBytes;
  }

  /** How many answers are held, for metrics. */
  long size() {
    return entries == null ? 0 : entries.estimatedSize();
  }

  private static String hash(String key) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
