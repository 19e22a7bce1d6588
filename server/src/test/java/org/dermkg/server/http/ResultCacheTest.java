package org.dermkg.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultCacheTest {
  private static ResultCache.Entry entry(int bytes) {
    return new ResultCache.Entry(new byte[bytes], "text/plain", Map.of());
  }

  @Test
  void anAnswerComputedWhileTheDataChangedIsNotKept() {
    ResultCache cache = new ResultCache(1 << 20);
    long v = cache.version();
    cache.changed(); // a write started while the query ran
    assertFalse(cache.put("q", v, entry(10)));
    assertNull(cache.get("q", v));
    long now = cache.version();
    assertTrue(cache.put("q", now, entry(10)));
    assertEquals(10, cache.get("q", now).body().length);
    cache.changed();
    assertNull(cache.get("q", now), "every entry goes with a change");
  }

  @Test
  void etagsNameTheKeyAndTheVersion() {
    ResultCache cache = new ResultCache(1 << 20);
    String a = cache.etag("q1", cache.version());
    assertEquals(a, cache.etag("q1", cache.version()));
    assertNotEquals(a, cache.etag("q2", cache.version()));
    cache.changed();
    assertNotEquals(a, cache.etag("q1", cache.version()));
    assertNotEquals(a, new ResultCache(1 << 20).etag("q1", 0), "another server process");
  }

  @Test
  void boundedByBytes() {
    ResultCache cache = new ResultCache(80_000);
    assertFalse(cache.put("big", 0, entry(20_000)), "over an eighth of the cache");
    for (int i = 0; i < 100; i++) {
      cache.put("k" + i, 0, entry(9_000));
    }
    long held = 0;
    for (int i = 0; i < 100; i++) {
      held += cache.get("k" + i, 0) == null ? 0 : 9_000;
    }
    assertTrue(held > 0 && held <= 80_000, "held " + held);
    assertThrows(IllegalArgumentException.class, () -> new ResultCache(-1));
    assertFalse(new ResultCache(0).enabled());
  }
}
