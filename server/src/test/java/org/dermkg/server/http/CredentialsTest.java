package org.dermkg.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class CredentialsTest {
  private static String basic(String s) {
    return "Basic " + Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void noCredentialsDisableWrites() {
    Credentials none = Credentials.of("", " ", null);
    assertFalse(none.writesEnabled());
    assertFalse(none.accepts("Bearer "));
    assertFalse(none.accepts(basic(":")));
  }

  @Test
  void bearerTokenMustMatchExactly() {
    Credentials c = Credentials.of("tok-123", null, null);
    assertTrue(c.writesEnabled());
    assertTrue(c.accepts("Bearer tok-123"));
    assertTrue(c.accepts("bearer tok-123 "));
    assertFalse(c.accepts("Bearer tok-12"));
    assertFalse(c.accepts("Bearer tok-1234"));
    assertFalse(c.accepts(null));
    assertFalse(c.accepts(basic("tok-123:tok-123")), "basic auth is not configured");
    assertEquals("Bearer realm=\"derm\"", c.challenge());
  }

  @Test
  void basicAuthNeedsUserAndPassword() {
    Credentials c = Credentials.of(null, "curator", "p:w");
    assertTrue(c.accepts(basic("curator:p:w")), "the password may contain a colon");
    assertFalse(c.accepts(basic("curator:p")));
    assertFalse(c.accepts(basic("other:p:w")));
    assertFalse(c.accepts("Basic !!!not-base64"));
    assertFalse(c.accepts("Bearer p:w"));
    assertTrue(c.challenge().startsWith("Basic realm="));
    assertThrows(IllegalArgumentException.class, () -> Credentials.of(null, "curator", ""));
    assertThrows(IllegalArgumentException.class, () -> Credentials.of(null, "", "pw"));
  }

  @Test
  void secretsAreNeverPrinted() {
    String s = Credentials.of("tok-123", "curator", "pw").toString();
    assertFalse(s.contains("tok-123") || s.contains("curator") || s.contains("pw"), s);
  }
}
