package org.dermkg.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What an endpoint left open to the public promises, on a real server over loopback: CORS for reads
 * only and cross-origin writes refused, the root sending people to the browser, a lockout after
 * repeated failed write credentials (per client address, right credentials included), the audit log
 * of accepted writes, and clients told apart behind a trusted proxy.
 */
class OpenEndpointIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "open-endpoint-token";
  private static ServedStore store;
  private static DermServer server;
  private static DermServer listed;
  private static DermServer proxied;
  private static Path audit;

  @BeforeAll
  static void start() throws Exception {
    store = ServedStore.create();
    audit = store.dir.resolve("logs/audit.jsonl");
    server =
        store.serve(
            ServeSettings.defaults()
                .withWriters(Credentials.of(TOKEN, "", ""))
                .withAccess(
                    AccessPolicy.defaults()
                        .withLockout(3, Duration.ofSeconds(30))
                        .withAuditLog(audit)));
    listed =
        store.serve(
            ServeSettings.defaults()
                .withAccess(
                    AccessPolicy.defaults().withCorsOrigins(List.of("https://editor.example"))));
    proxied =
        store.serve(
            ServeSettings.defaults()
                .withAdmission(new AdmissionLimits(8, 0, 500, 2000, 1, 60_000, 0, 64))
                .withAccess(AccessPolicy.defaults().withTrustedProxies(List.of("127.0.0.1"))));
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    listed.close();
    proxied.close();
    store.close();
  }

  private static LoopbackHttp.Response send(
      DermServer s, String source, String method, String target, Map<String, String> h, String body)
      throws Exception {
    return LoopbackHttp.send(source, s.port(), method, target, h, body);
  }

  @Test
  void theRootSendsPeopleToTheBrowser() throws Exception {
    LoopbackHttp.Response r = LoopbackHttp.get("127.0.0.1", server.port(), "/");
    assertEquals(302, r.status());
    assertEquals("/ui/", r.header("Location"));
    assertEquals(200, LoopbackHttp.get("127.0.0.1", server.port(), "/ui/").status());
  }

  @Test
  void browsersElsewhereMayReadButNeverWrite() throws Exception {
    String origin = "https://yasgui.example";
    // preflight of a SPARQL POST: allowed, without credentials
    LoopbackHttp.Response pre =
        send(
            server,
            "127.0.0.1",
            "OPTIONS",
            "/derm/sparql",
            Map.of(
                "Origin", origin,
                "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "content-type"),
            null);
    assertEquals(204, pre.status());
    assertEquals("*", pre.header("Access-Control-Allow-Origin"));
    assertTrue(pre.header("Access-Control-Allow-Methods").contains("POST"));
    assertNull(pre.header("Access-Control-Allow-Credentials"));
    assertTrue(!pre.header("Access-Control-Allow-Headers").toLowerCase().contains("authorization"));
    // reads answer with the header: a query, a GSP read and the JSON API
    for (String target :
        List.of(
            "/derm/sparql?query=" + ServedStore.enc("ASK {}"),
            "/derm/data?graph=" + ServedStore.enc("https://w3id.org/dermkg/graph/loads"),
            "/api/terms/DERM:0001242")) {
      LoopbackHttp.Response r =
          send(server, "127.0.0.1", "GET", target, Map.of("Origin", origin), null);
      assertEquals(200, r.status(), target + " " + r.body());
      assertEquals("*", r.header("Access-Control-Allow-Origin"), target);
    }
    // preflights of writes get no CORS headers: the browser refuses to send them
    for (String[] w :
        List.of(
            new String[] {"/derm/update", "POST"},
            new String[] {"/derm/data?graph=urn:x:g", "PUT"},
            new String[] {"/derm/data?graph=urn:x:g", "DELETE"},
            new String[] {"/admin/backup", "POST"})) {
      LoopbackHttp.Response r =
          send(
              server,
              "127.0.0.1",
              "OPTIONS",
              w[0],
              Map.of("Origin", origin, "Access-Control-Request-Method", w[1]),
              null);
      assertNull(r.header("Access-Control-Allow-Origin"), w[0] + " " + w[1]);
    }
    // and a write a page elsewhere sends without preflight (a form post) is refused, even with
    // the right credentials a browser might have remembered
    LoopbackHttp.Response form =
        send(
            server,
            "127.0.0.1",
            "POST",
            "/derm/update",
            Map.of(
                "Origin",
                origin,
                "Content-Type",
                "application/x-www-form-urlencoded",
                "Authorization",
                "Bearer " + TOKEN),
            "update="
                + ServedStore.enc("INSERT DATA { GRAPH <urn:x:csrf> { <urn:x:a> <urn:x:b> 1 } }"));
    assertEquals(403, form.status(), form.body());
    assertEquals("HTTP-CROSS-ORIGIN", JSON.readTree(form.body()).get("code").asText());
    assertNull(form.header("Access-Control-Allow-Origin"));
  }

  @Test
  void aConfiguredOriginListIsEchoedAndOthersGetNothing() throws Exception {
    LoopbackHttp.Response ok =
        send(
            listed,
            "127.0.0.1",
            "GET",
            "/api/health",
            Map.of("Origin", "https://editor.example"),
            null);
    assertEquals("https://editor.example", ok.header("Access-Control-Allow-Origin"));
    assertTrue(ok.header("Vary").contains("Origin"));
    LoopbackHttp.Response other =
        send(
            listed, "127.0.0.1", "GET", "/api/health", Map.of("Origin", "https://x.example"), null);
    assertEquals(200, other.status());
    assertNull(other.header("Access-Control-Allow-Origin"));
  }

  @Test
  void repeatedFailedCredentialsLockOneClientOut() throws Exception {
    String update = "INSERT DATA { GRAPH <urn:x:lock> { <urn:x:a> <urn:x:b> 1 } }";
    Map<String, String> wrong =
        Map.of("Content-Type", "application/sparql-update", "Authorization", "Bearer guess");
    Map<String, String> right =
        Map.of("Content-Type", "application/sparql-update", "Authorization", "Bearer " + TOKEN);
    String guesser = "127.0.0.5";
    assertEquals(401, send(server, guesser, "POST", "/derm/update", wrong, update).status());
    assertEquals(401, send(server, guesser, "POST", "/derm/update", wrong, update).status());
    LoopbackHttp.Response third = send(server, guesser, "POST", "/derm/update", wrong, update);
    assertEquals(429, third.status(), third.body());
    assertEquals("HTTP-TOO-MANY-REQUESTS", JSON.readTree(third.body()).get("code").asText());
    long retry = Long.parseLong(third.header("Retry-After"));
    assertTrue(retry > 0 && retry <= 30, "Retry-After " + retry);
    // locked out: the right credentials do not help (guessing cannot go on)
    LoopbackHttp.Response locked = send(server, guesser, "POST", "/derm/update", right, update);
    assertEquals(429, locked.status());
    // another client is not affected, and its write is logged without the secret
    LoopbackHttp.Response other = send(server, "127.0.0.6", "POST", "/derm/update", right, update);
    assertEquals(204, other.status(), other.body());
    List<String> lines = Files.readAllLines(audit);
    String last = lines.get(lines.size() - 1);
    assertTrue(!last.contains(TOKEN), last);
    var entry = JSON.readTree(last);
    assertEquals("127.0.0.6", entry.get("client").asText());
    assertEquals("/derm/update", entry.get("route").asText());
    assertEquals(update.length(), entry.get("bytes").asLong());
    assertEquals("urn:x:lock", entry.get("graphs").get(0).asText());
    assertEquals(204, entry.get("status").asInt());
    assertTrue(
        lines.stream().noneMatch(l -> l.contains("127.0.0.5")), "refused writes are not logged");
  }

  @Test
  void behindATrustedProxyClientsAreToldApartByXForwardedFor() throws Exception {
    String runaway = FloodIT.RUNAWAY;
    // one query in flight for client 198.51.100.1 (per-client limit 1 on this server)
    Thread busy =
        new Thread(
            () -> {
              try {
                send(
                    proxied,
                    "127.0.0.1",
                    "POST",
                    "/derm/sparql?timeout=2",
                    Map.of(
                        "Content-Type", "application/sparql-query",
                        "X-Forwarded-For", "198.51.100.1"),
                    runaway);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    busy.start();
    Thread.sleep(300);
    Map<String, String> h =
        Map.of("Content-Type", "application/sparql-query", "X-Forwarded-For", "198.51.100.1");
    LoopbackHttp.Response same = send(proxied, "127.0.0.1", "POST", "/derm/sparql", h, "ASK {}");
    assertEquals(429, same.status(), same.body());
    assertTrue(same.body().contains("198.51.100.1"), same.body());
    Map<String, String> h2 =
        Map.of("Content-Type", "application/sparql-query", "X-Forwarded-For", "198.51.100.2");
    assertEquals(200, send(proxied, "127.0.0.1", "POST", "/derm/sparql", h2, "ASK {}").status());
    // a client that is not the proxy cannot pick its identity
    LoopbackHttp.Response direct = send(proxied, "127.0.0.7", "POST", "/derm/sparql", h, "ASK {}");
    assertEquals(200, direct.status(), direct.body());
    busy.join();
  }
}
