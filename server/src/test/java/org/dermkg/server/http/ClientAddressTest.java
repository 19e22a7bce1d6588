package org.dermkg.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Client keys: peers, trusted proxies and X-Forwarded-For, IPv6 networks, no DNS. */
class ClientAddressTest {
  private final ClientAddress direct = new ClientAddress(List.of());
  private final ClientAddress proxied = new ClientAddress(List.of("10.0.0.1", "::1"));

  @Test
  void withoutTrustedProxiesThePeerIsTheClient() {
    assertEquals("203.0.113.7", direct.of("203.0.113.7", List.of("198.51.100.1")));
    assertEquals("127.0.0.1", direct.of("127.0.0.1", List.of()));
  }

  @Test
  void aTrustedProxyNamesTheClientInXForwardedFor() {
    assertEquals("198.51.100.1", proxied.of("10.0.0.1", List.of("198.51.100.1")));
    // a client cannot forge its way out: only the hop the trusted proxy saw counts
    assertEquals(
        "198.51.100.9", proxied.of("10.0.0.1", List.of("1.2.3.4, 5.6.7.8", "198.51.100.9")));
    // chains of trusted proxies are walked from the right
    assertEquals("198.51.100.1", proxied.of("10.0.0.1", List.of("198.51.100.1, 10.0.0.1")));
    assertEquals("198.51.100.1", proxied.of("10.0.0.1", List.of("198.51.100.1:4711")));
    // garbage or a host name: the proxy itself, never a DNS lookup
    assertEquals("10.0.0.1", proxied.of("10.0.0.1", List.of("evil.example.com")));
    assertEquals("10.0.0.1", proxied.of("10.0.0.1", List.of("999.1.1.1")));
    assertEquals("10.0.0.1", proxied.of("10.0.0.1", List.of()));
    // an untrusted peer's header is ignored
    assertEquals("10.0.0.2", proxied.of("10.0.0.2", List.of("198.51.100.1")));
  }

  @Test
  void ipv6ClientsAreKeyedByTheirSlash64() {
    String a = direct.of("2001:db8:1:2:aaaa::1", List.of());
    assertEquals(a, direct.of("2001:db8:1:2:bbbb::7", List.of()));
    assertFalse(a.equals(direct.of("2001:db8:1:3::1", List.of())));
    assertEquals("2001:db8:1:2::/64", a);
    assertEquals("198.51.100.1", proxied.of("0:0:0:0:0:0:0:1", List.of("[198.51.100.1]:80")));
  }

  @Test
  void trustedProxiesMustBeAddresses() {
    assertThrows(IllegalArgumentException.class, () -> new ClientAddress(List.of("proxy.local")));
  }
}
