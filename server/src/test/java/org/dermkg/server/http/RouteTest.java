package org.dermkg.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RouteTest {
  private static final Route.Handler NONE = c -> Reply.SENT;

  @Test
  void literalsAndNamedSegments() {
    Route r = Route.get("/api/terms/{id}/children", NONE);
    assertEquals(
        Optional.of(Map.of("id", "DERM:0001000")), r.match("/api/terms/DERM:0001000/children"));
    assertEquals(
        Optional.of(Map.of("id", "DERM:0001000")), r.match("/api/terms/DERM:0001000/children/"));
    assertTrue(r.match("/api/terms/DERM:0001000").isEmpty());
    assertTrue(r.match("/api/terms/DERM:0001000/children/x").isEmpty());
    assertTrue(r.match("/api/terms/DERM:0001000/parents").isEmpty());
  }

  @Test
  void aFinalStarTakesTheRest() {
    Route r = Route.get("/images/*", NONE);
    assertTrue(r.match("/images/a/b.jpg").isPresent());
    assertTrue(r.match("/images").isPresent());
    assertTrue(r.match("/imagesx/a.jpg").isEmpty());
  }

  @Test
  void oneValidatorForNumbers() {
    assertEquals(10, Call.number("k", null, 10, 1, 100));
    assertEquals(10, Call.number("k", " ", 10, 1, 100));
    assertEquals(7, Call.number("k", " 7 ", 10, 1, 100));
    HttpException range =
        assertThrows(HttpException.class, () -> Call.number("k", "0", 10, 1, 100));
    assertEquals(HttpCode.BAD_REQUEST, range.code());
    assertEquals("parameter k must be between 1 and 100, was 0", range.getMessage());
    HttpException word = assertThrows(HttpException.class, () -> Call.number("k", "ten", 10, 1, 9));
    assertEquals("parameter k must be a whole number, was 'ten'", word.getMessage());
  }
}
