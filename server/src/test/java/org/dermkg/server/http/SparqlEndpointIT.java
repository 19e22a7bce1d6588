package org.dermkg.server.http;

import static org.dermkg.server.http.ServedStore.enc;
import static org.dermkg.server.http.ServedStore.get;
import static org.dermkg.server.http.ServedStore.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import javax.xml.parsers.DocumentBuilderFactory;
import org.dermkg.ontology.vocab.Dkg;
import org.dermkg.sparql.optimize.RepeatedLookups;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Document;

/**
 * The SPARQL 1.1 endpoints of a real Fuseki on loopback port 0 over a real TDB2 store, driven with
 * plain java.net.http requests and parsed with Jackson, the JDK's XML parser and string splitting:
 * nothing of the server's own code path (or Jena's client) on the client side.
 */
class SparqlEndpointIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String COUNT_GRAPHS =
      "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g";
  private static ServedStore store;
  private static DermServer open;
  private static DermServer guarded;
  private static DermServer strict;

  @BeforeAll
  static void start() throws Exception {
    store = ServedStore.create();
    open = store.serve(ServeSettings.defaults());
    guarded =
        store.serve(
            ServeSettings.defaults().withWriters(Credentials.of("s3cret-token", "curator", "pw")));
    strict = store.serve(ServeSettings.defaults().withQueryTimeout(500).withMaxRows(25));
  }

  @AfterAll
  static void stop() throws Exception {
    open.close();
    guarded.close();
    strict.close();
    store.close();
  }

  private static String sparql(DermServer s) {
    return s.url() + DermServer.DATASET + "/sparql";
  }

  /**
   * The server runs queries with TDB2's executor remembering repeated lookups (the labels of the
   * few diagnoses of many images), and with TDB2's own when {@code query.remember.lookups} is off;
   * the answers are the same.
   */
  @Test
  void repeatedLookupsAreRememberedUnlessTurnedOff() throws Exception {
    String q =
        enc(
            "PREFIX dkg: <"
                + Dkg.NS
                + "> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> SELECT ?label"
                + " (COUNT(*) AS ?n) WHERE { ?image dkg:diagnosis ?d . ?d rdfs:label ?label }"
                + " GROUP BY ?label ORDER BY ?label");
    String json = "application/sparql-results+json";
    try (DermServer off = store.serve(ServeSettings.defaults().withRememberedLookups(false))) {
      long before = RepeatedLookups.remembered();
      HttpResponse<String> plain = get(sparql(off) + "?query=" + q, json);
      assertEquals(200, plain.statusCode(), plain.body());
      assertEquals(before, RepeatedLookups.remembered(), "off: TDB2's executor");
      try (DermServer again = store.serve(ServeSettings.defaults())) {
        HttpResponse<String> remembered = get(sparql(again) + "?query=" + q, json);
        assertEquals(200, remembered.statusCode(), remembered.body());
        assertTrue(RepeatedLookups.remembered() > before, "on: repeats answered from memory");
        assertEquals(
            JSON.readTree(plain.body()).at("/results"),
            JSON.readTree(remembered.body()).at("/results"));
        assertFalse(JSON.readTree(plain.body()).at("/results/bindings").isEmpty());
      }
    }
  }

  @Test
  void namedGraphsAndTheirUnionAreQueryable() throws Exception {
    HttpResponse<String> r =
        get(sparql(open) + "?query=" + enc(COUNT_GRAPHS), "application/sparql-results+json");
    assertEquals(200, r.statusCode(), r.body());
    Set<String> graphs = new TreeSet<>();
    for (JsonNode b : JSON.readTree(r.body()).at("/results/bindings")) {
      graphs.add(b.at("/g/value").asText());
    }
    assertEquals(Set.of(Dkg.IMAGES_GRAPH, Dkg.LOADS_GRAPH, Dkg.ONTOLOGY_GRAPH), graphs);
    // the default graph is the union: image data joins ontology labels without GRAPH clauses
    String join =
        "PREFIX dkg: <"
            + Dkg.NS
            + "> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>"
            + " SELECT ?image ?label WHERE { ?image dkg:diagnosis ?d . ?d rdfs:label ?label } LIMIT 5";
    JsonNode rows =
        JSON.readTree(
                get(sparql(open) + "?query=" + enc(join), "application/sparql-results+json").body())
            .at("/results/bindings");
    assertEquals(5, rows.size());
    assertFalse(rows.get(0).at("/label/value").asText().isEmpty());
  }

  @ParameterizedTest(name = "SELECT as {0}")
  @CsvSource({
    "application/sparql-results+json, json",
    "application/sparql-results+xml, xml",
    "text/csv, csv",
    "text/tab-separated-values, tsv"
  })
  void selectResultsInEachFormat(String accept, String kind) throws Exception {
    String q =
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> SELECT ?label WHERE {"
            + " <https://w3id.org/dermkg/DERM_0001000> rdfs:label ?label }";
    HttpResponse<String> r = get(sparql(open) + "?query=" + enc(q), accept);
    assertEquals(200, r.statusCode(), r.body());
    String type = r.headers().firstValue("Content-Type").orElse("");
    assertTrue(type.startsWith(accept), type);
    String label =
        switch (kind) {
          case "json" -> JSON.readTree(r.body()).at("/results/bindings/0/label/value").asText();
          case "xml" -> xml(r.body()).getElementsByTagName("literal").item(0).getTextContent();
          case "csv" -> r.body().split("\r?\n")[1];
          default -> r.body().split("\r?\n")[1].replaceAll("^\"|\"$", "");
        };
    assertEquals("Skin condition", label);
  }

  @ParameterizedTest(name = "CONSTRUCT as {0}")
  @CsvSource({
    "text/turtle, 'Skin condition'",
    "application/n-triples, '<https://w3id.org/dermkg/DERM_0001000> <http://www.w3.org/2000/01/rdf-schema#label> \"Skin condition\"'",
    "application/ld+json, '\"Skin condition\"'",
    "application/rdf+xml, '>Skin condition</'"
  })
  void constructResultsInEachFormat(String accept, String expected) throws Exception {
    String q =
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> CONSTRUCT WHERE {"
            + " <https://w3id.org/dermkg/DERM_0001000> rdfs:label ?label }";
    HttpResponse<String> r = get(sparql(open) + "?query=" + enc(q), accept);
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith(accept));
    assertTrue(r.body().contains(expected), r.body());
    if (accept.equals("application/rdf+xml")) {
      assertEquals("rdf:RDF", xml(r.body()).getDocumentElement().getNodeName());
    }
    if (accept.equals("application/ld+json")) {
      assertTrue(JSON.readTree(r.body()).isContainerNode());
    }
  }

  @Test
  void queryByPostUrlencodedAndDirect() throws Exception {
    String q = "ASK { ?s ?p ?o }";
    HttpResponse<String> form =
        post(
            sparql(open),
            "application/x-www-form-urlencoded",
            "query=" + enc(q),
            "Accept",
            "application/sparql-results+json");
    assertEquals(200, form.statusCode(), form.body());
    assertTrue(JSON.readTree(form.body()).get("boolean").asBoolean());
    HttpResponse<String> direct =
        post(
            sparql(open),
            "application/sparql-query",
            q,
            "Accept",
            "application/sparql-results+json");
    assertEquals(200, direct.statusCode(), direct.body());
    assertTrue(JSON.readTree(direct.body()).get("boolean").asBoolean());
  }

  @Test
  void badQueriesAreClientErrors() throws Exception {
    assertEquals(400, get(sparql(open) + "?query=" + enc("SELECT ?x WHERE {"), null).statusCode());
    // no query at all: Fuseki answers with a service description and 404
    assertTrue(get(sparql(open), null).statusCode() >= 400);
    // too large a body: refused before parsing
    String huge = "ASK { ?s ?p \"" + "x".repeat(2 << 20) + "\" }";
    HttpResponse<String> big = post(sparql(open), "application/sparql-query", huge);
    assertEquals(413, big.statusCode(), big.body());
    assertTrue(big.body().contains("HTTP-TOO-LARGE"), big.body());
  }

  @Test
  void graphStoreReadIsOpen() throws Exception {
    HttpResponse<String> r =
        get(open.url() + "/derm/data?graph=" + enc(Dkg.LOADS_GRAPH), "application/n-triples");
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(r.body().contains(Dkg.LOAD), r.body());
  }

  @Test
  void writesAreDisabledWithoutCredentials() throws Exception {
    HttpResponse<String> update =
        post(
            open.url() + "/derm/update",
            "application/sparql-update",
            "INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> <urn:c> } }");
    assertEquals(403, update.statusCode());
    assertTrue(update.body().contains("HTTP-WRITE-DISABLED"), update.body());
    HttpResponse<String> put =
        post(open.url() + "/derm/data?graph=urn:g", "text/turtle", "<urn:a> <urn:b> <urn:c> .");
    assertEquals(403, put.statusCode());
    assertEquals(
        "false",
        JSON.readTree(
                get(
                        sparql(open) + "?query=" + enc("ASK { <urn:a> ?p ?o }"),
                        "application/sparql-results+json")
                    .body())
            .get("boolean")
            .asText());
  }

  @Test
  void malformedUpdatesAndUploadsAre400AndStoreNothing() throws Exception {
    String url = guarded.url() + "/derm/update";
    String count = "SELECT (COUNT(*) AS ?n) { GRAPH <urn:malformed> { ?s ?p ?o } }";
    for (String update :
        new String[] {
          "INSERT DATA { GRAPH <urn:malformed> { <urn:a> <urn:b> ",
          // the first operation is fine; the second does not parse: the request is one transaction
          "INSERT DATA { GRAPH <urn:malformed> { <urn:a> <urn:b> 1 } } ; INSERT DATA { GRAPH",
          "DELETE WHERE { ?s ?p }",
          "SELECT * WHERE { ?s ?p ?o }"
        }) {
      HttpResponse<String> r =
          post(url, "application/sparql-update", update, "Authorization", "Bearer s3cret-token");
      assertEquals(400, r.statusCode(), update + " -> " + r.body());
    }
    HttpResponse<String> turtle =
        post(
            guarded.url() + "/derm/data?graph=urn:malformed",
            "text/turtle",
            "<urn:a> <urn:b> \"unterminated .",
            "Authorization",
            "Bearer s3cret-token");
    assertEquals(400, turtle.statusCode(), turtle.body());
    HttpResponse<String> n =
        get(sparql(guarded) + "?query=" + enc(count), "application/sparql-results+json");
    assertEquals(
        0,
        JSON.readTree(n.body()).at("/results/bindings/0/n/value").asInt(),
        "nothing of a rejected request is stored");
  }

  @Test
  void writesNeedTheConfiguredCredentials() throws Exception {
    String url = guarded.url() + "/derm/update";
    String insert =
        "INSERT DATA { GRAPH <urn:curation> { <https://w3id.org/dermkg/DERM_0001002>"
            + " <http://www.geneontology.org/formats/oboInOwl#hasExactSynonym> \"Spot baldness\" } }";
    HttpResponse<String> none = post(url, "application/sparql-update", insert);
    assertEquals(401, none.statusCode());
    assertTrue(none.headers().firstValue("WWW-Authenticate").orElse("").contains("Bearer"));
    HttpResponse<String> wrong =
        post(url, "application/sparql-update", insert, "Authorization", "Bearer nope");
    assertEquals(401, wrong.statusCode());
    HttpResponse<String> basicWrong =
        post(url, "application/sparql-update", insert, "Authorization", basic("curator", "no"));
    assertEquals(401, basicWrong.statusCode());

    // the search index is built before the write and must notice it
    assertEquals(
        0,
        JSON.readTree(get(guarded.url() + "/api/search?q=" + enc("spot baldness"), null).body())
            .size());
    HttpResponse<String> ok =
        post(url, "application/sparql-update", insert, "Authorization", "Bearer s3cret-token");
    assertTrue(ok.statusCode() < 300, ok.statusCode() + " " + ok.body());
    JsonNode hits =
        JSON.readTree(get(guarded.url() + "/api/search?q=" + enc("spot baldness"), null).body());
    assertEquals("DERM:0001002", hits.get(0).get("id").asText(), hits.toString());

    HttpResponse<String> gsp =
        post(
            guarded.url() + "/derm/data?graph=urn:curation",
            "text/turtle",
            "<urn:ex:x> <urn:ex:y> \"z\" .",
            "Authorization",
            basic("curator", "pw"));
    assertTrue(gsp.statusCode() < 300, gsp.statusCode() + " " + gsp.body());
    HttpResponse<String> toDefault =
        post(
            guarded.url() + "/derm/data?default",
            "text/turtle",
            "<urn:ex:x> <urn:ex:y> \"z\" .",
            "Authorization",
            "Bearer s3cret-token");
    assertEquals(400, toDefault.statusCode(), toDefault.body());
    // clean up for the other tests
    HttpResponse<String> drop =
        post(
            url,
            "application/sparql-update",
            "DROP SILENT GRAPH <urn:curation>",
            "Authorization",
            "Bearer s3cret-token");
    assertTrue(drop.statusCode() < 300);
  }

  @Test
  void resultsAreCappedAndTheResponseSaysSo() throws Exception {
    HttpResponse<String> r =
        get(
            sparql(strict) + "?query=" + enc("SELECT * WHERE { ?s ?p ?o }"),
            "application/sparql-results+json");
    assertEquals(200, r.statusCode());
    assertEquals(25, JSON.readTree(r.body()).at("/results/bindings").size());
    assertEquals("25", r.headers().firstValue("Derm-Result-Limit").orElse(""));
    HttpResponse<String> small =
        get(
            sparql(strict) + "?query=" + enc("SELECT * WHERE { ?s ?p ?o } LIMIT 3"),
            "application/sparql-results+json");
    assertEquals(3, JSON.readTree(small.body()).at("/results/bindings").size());
    assertTrue(small.headers().firstValue("Derm-Result-Limit").isEmpty());
  }

  @Test
  void aRunawayQueryIsCutWhileOthersAreAnswered() throws Exception {
    String runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";
    long t0 = System.nanoTime();
    CompletableFuture<HttpResponse<String>> slow =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return get(sparql(strict) + "?query=" + enc(runaway), null);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    List<Long> quick = new ArrayList<>();
    while (!slow.isDone()) {
      long q0 = System.nanoTime();
      HttpResponse<String> r = get(strict.url() + "/api/terms/DERM:0001000/children", null);
      assertEquals(200, r.statusCode());
      quick.add((System.nanoTime() - q0) / 1_000_000);
    }
    HttpResponse<String> cut = slow.get();
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertEquals(503, cut.statusCode(), cut.body());
    assertTrue(ms < 5_000, "cut after " + ms + " ms (timeout 500 ms)");
    assertFalse(quick.isEmpty(), "other requests were answered meanwhile");
  }

  private static Document xml(String body) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder()
        .parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
  }

  private static String basic(String user, String password) {
    return "Basic "
        + java.util.Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
