package org.dermkg.server.http;

import static org.dermkg.server.http.ServedStore.enc;
import static org.dermkg.server.http.ServedStore.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The result cache on a real server over a real TDB2 store: hits and misses, ETags and 304s,
 * invalidation by a write, bypass by Cache-Control, queries never cached, the JSON API's reads, a
 * large answer streamed, the cache turned off, and HTTP/1.0 keep-alive connections kept open.
 */
class ResultCacheIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "cache-token";
  private static final String JSON_RESULTS = "application/sparql-results+json";
  private static final String COUNT =
      "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <urn:x:cache> { ?s ?p ?o } }";
  private static ServedStore store;
  private static DermServer server;
  private static DermServer small;
  private static DermServer off;

  @BeforeAll
  static void start() throws Exception {
    store = ServedStore.create();
    ServeSettings writable =
        ServeSettings.defaults().withWriters(Credentials.of(TOKEN, null, null));
    server = store.serve(writable);
    small = store.serve(ServeSettings.defaults().withResultCache(64 << 10));
    off = store.serve(ServeSettings.defaults().withResultCache(0));
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    small.close();
    off.close();
    store.close();
  }

  private static HttpResponse<String> query(DermServer s, String sparql, String... headers)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(
                URI.create(s.url() + DermServer.DATASET + "/sparql?query=" + enc(sparql)))
            .header("Accept", JSON_RESULTS)
            .GET();
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return ServedStore.HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String how(HttpResponse<?> r) {
    return r.headers().firstValue(ResultCacheFilter.HEADER).orElse(null);
  }

  private static String etag(HttpResponse<?> r) {
    return r.headers().firstValue("ETag").orElse(null);
  }

  private static long count(HttpResponse<String> r) throws IOException {
    return JSON.readTree(r.body()).at("/results/bindings/0/n/value").asLong();
  }

  @Test
  void aRepeatedQueryIsAnsweredFromTheCacheUntilAWriteChangesTheData() throws Exception {
    HttpResponse<String> first = query(server, COUNT);
    assertEquals(200, first.statusCode(), first.body());
    HttpResponse<String> second = query(server, COUNT);
    assertEquals("hit", how(second));
    assertEquals(first.body(), second.body());
    assertEquals(etag(first), etag(second));
    assertTrue(second.headers().firstValue("Content-Length").isPresent());
    long before = count(second);

    HttpResponse<String> write =
        post(
            server.url() + DermServer.DATASET + "/update",
            "application/sparql-update",
            "INSERT DATA { GRAPH <urn:x:cache> { <urn:x:a> <urn:x:b> \"" + before + "\" } }",
            "Authorization",
            "Bearer " + TOKEN);
    assertEquals(204, write.statusCode(), write.body());

    HttpResponse<String> after = query(server, COUNT);
    assertEquals("miss", how(after), "a write drops every kept answer");
    assertEquals(before + 1, count(after));
    assertNotEquals(etag(first), etag(after));
    HttpResponse<String> stale = query(server, COUNT, "If-None-Match", etag(first));
    assertEquals(200, stale.statusCode(), "an ETag from before the write no longer matches");
    assertEquals(before + 1, count(stale));
  }

  @Test
  void aWriteToTheStoreBehindTheServersBackIsSeenToo() throws Exception {
    String q = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <urn:x:behind> { ?s ?p ?o } }";
    assertEquals(0, count(query(server, q)));
    assertEquals("hit", how(query(server, q)));
    org.apache.jena.sparql.core.DatasetGraph dsg = store.store.dataset();
    org.apache.jena.system.Txn.executeWrite(
        dsg,
        () ->
            dsg.add(
                org.apache.jena.graph.NodeFactory.createURI("urn:x:behind"),
                org.apache.jena.graph.NodeFactory.createURI("urn:x:s"),
                org.apache.jena.graph.NodeFactory.createURI("urn:x:p"),
                org.apache.jena.graph.NodeFactory.createLiteralString("o")));
    HttpResponse<String> after = query(server, q);
    assertEquals("miss", how(after), "a write transaction begun since changes the version");
    assertEquals(1, count(after));
  }

  @Test
  void aConditionalRequestWithTheCurrentETagGets304WithoutABody() throws Exception {
    String q = "SELECT ?label WHERE { <https://w3id.org/dermkg/DERM_0001000> ?p ?label } LIMIT 3";
    HttpResponse<String> r = query(server, q);
    String tag = etag(r);
    assertTrue(tag != null && tag.startsWith("\""), String.valueOf(tag));
    HttpResponse<String> again = query(server, q, "If-None-Match", "\"other\", W/" + tag);
    assertEquals(304, again.statusCode());
    assertEquals("", again.body());
    assertEquals(tag, etag(again));
    assertEquals(200, query(server, q, "If-None-Match", "\"other\"").statusCode());
  }

  @Test
  void layoutAndCommentsDoNotMakeAnotherEntryButAcceptDoes() throws Exception {
    String a = "SELECT ?s WHERE { ?s a <http://www.w3.org/2002/07/owl#Class> } LIMIT 4";
    String b =
        "# the same query, laid out otherwise\nSELECT  ?s\nWHERE {\n  ?s a"
            + " <http://www.w3.org/2002/07/owl#Class>   # classes\n} LIMIT 4\n";
    query(server, a);
    HttpResponse<String> r = query(server, b);
    assertEquals("hit", how(r));
    HttpResponse<String> csv =
        ServedStore.get(server.url() + DermServer.DATASET + "/sparql?query=" + enc(a), "text/csv");
    assertEquals("miss", csv.headers().firstValue(ResultCacheFilter.HEADER).orElse(null));
    assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
  }

  @Test
  void noCacheRunsTheQueryAndVolatileQueriesAreNeverKept() throws Exception {
    String q = "SELECT (COUNT(*) AS ?n) WHERE { ?s a ?t }";
    query(server, q);
    HttpResponse<String> bypass = query(server, q, "Cache-Control", "no-cache");
    assertEquals("bypass", how(bypass));
    for (String v :
        new String[] {
          "SELECT (RAND() AS ?r) WHERE {}",
          "SELECT (NOW() AS ?t) WHERE {}",
          "SELECT (struuid() AS ?u) WHERE {}"
        }) {
      HttpResponse<String> one = query(server, v);
      HttpResponse<String> two = query(server, v);
      assertEquals(200, two.statusCode(), two.body());
      assertNull(etag(two), v);
      assertNull(how(two), v);
      assertNull(how(one), v);
    }
  }

  @Test
  void anOversizedFormIsRefusedByTheSizeLimitNotReadByTheCache() throws Exception {
    String huge = "ASK { ?s ?p \"" + "x".repeat(2 << 20) + "\" }";
    HttpResponse<String> big =
        post(
            server.url() + DermServer.DATASET + "/sparql",
            "application/x-www-form-urlencoded",
            "query=" + enc(huge));
    assertEquals(413, big.statusCode(), big.body());
    assertTrue(big.body().contains("HTTP-TOO-LARGE"), big.body());
    HttpResponse<String> form =
        post(
            server.url() + DermServer.DATASET + "/sparql",
            "application/x-www-form-urlencoded",
            "query=" + enc(COUNT),
            "Accept",
            JSON_RESULTS);
    assertEquals(200, form.statusCode(), form.body());
    assertTrue(how(form) != null, "a form POST within the limit is cacheable");
  }

  @Test
  void errorsAreNotKept() throws Exception {
    HttpResponse<String> bad = query(server, "SELECT ?x WHERE {");
    assertEquals(400, bad.statusCode());
    assertNull(etag(bad));
    assertEquals(400, query(server, "SELECT ?x WHERE {").statusCode());
  }

  @Test
  void apiReadsAreCachedAndTagged() throws Exception {
    String url = server.url() + "/api/terms/DERM:0001000";
    HttpResponse<String> first = ServedStore.get(url, null);
    assertEquals(200, first.statusCode(), first.body());
    HttpResponse<String> second = ServedStore.get(url, null);
    assertEquals("hit", how(second));
    assertEquals(first.body(), second.body());
    assertTrue(second.headers().firstValue("Content-Type").orElse("").contains("json"));
    HttpResponse<String> conditional =
        ServedStore.HTTP.send(
            HttpRequest.newBuilder(URI.create(url)).header("If-None-Match", etag(first)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(304, conditional.statusCode());
    HttpResponse<String> missing = ServedStore.get(server.url() + "/api/terms/DERM:9999999", null);
    assertEquals(404, missing.statusCode());
    assertNull(etag(missing));
    assertNull(
        how(ServedStore.get(server.url() + "/api/health", null)),
        "health is not a read of the store");
  }

  @Test
  void anAnswerLargerThanAnEntryIsStreamedWhole() throws Exception {
    String q = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 2000";
    HttpResponse<String> r = query(small, q);
    assertEquals(200, r.statusCode());
    assertTrue(r.body().length() > 8 << 10, "larger than the 8 KiB a 64 KiB cache keeps");
    assertEquals(2000, JSON.readTree(r.body()).at("/results/bindings").size());
    assertNull(etag(r));
    assertEquals(2000, JSON.readTree(query(small, q).body()).at("/results/bindings").size());
    HttpResponse<String> tiny = query(small, COUNT);
    assertEquals("miss", how(tiny));
    assertEquals("hit", how(query(small, COUNT)));
  }

  @Test
  void aCacheOfSizeZeroIsOff() throws Exception {
    HttpResponse<String> r = query(off, COUNT);
    assertEquals(200, r.statusCode());
    assertNull(etag(r));
    assertNull(how(query(off, COUNT)));
  }

  @Test
  void anHttp10KeepAliveConnectionStaysOpenForTheNextRequest() throws Exception {
    String target = DermServer.DATASET + "/sparql?query=" + enc("ASK { ?s ?p ?o }");
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();
      for (int i = 0; i < 3; i++) {
        out.write(
            ("GET "
                    + target
                    + " HTTP/1.0\r\nHost: localhost\r\nConnection: keep-alive\r\nAccept: "
                    + JSON_RESULTS
                    + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        Map<String, String> head = head(in);
        assertTrue(head.get("").contains(" 200 "), head.get(""));
        int length = Integer.parseInt(head.get("content-length"));
        byte[] body = in.readNBytes(length);
        assertTrue(JSON.readTree(body).get("boolean").asBoolean());
        assertFalse("close".equalsIgnoreCase(head.get("connection")), "request " + i);
      }
    }
  }

  /** The status line (key "") and headers (lower-case names) of one response. */
  private static Map<String, String> head(InputStream in) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) >= 0) {
      buf.write(c);
      byte[] b = buf.toByteArray();
      int n = b.length;
      if (n >= 4 && b[n - 4] == '\r' && b[n - 3] == '\n' && b[n - 2] == '\r' && b[n - 1] == '\n') {
        break;
      }
    }
    String[] lines = buf.toString(StandardCharsets.US_ASCII).split("\r\n");
    Map<String, String> m = new TreeMap<>();
    m.put("", lines[0]);
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        m.put(
            lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).strip());
      }
    }
    return m;
  }
}
