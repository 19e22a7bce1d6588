package org.dermkg.server.http;

import static org.dermkg.server.http.ServedStore.enc;
import static org.dermkg.server.http.ServedStore.get;
import static org.dermkg.server.http.ServedStore.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.List;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.system.Txn;
import org.dermkg.sparql.guard.Listener;
import org.dermkg.sparql.guard.OutboundPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No request leaves the server unless allowed: SERVICE, SERVICE SILENT, SERVICE ?var, file: and
 * LOAD are refused with 400 on every route that takes SPARQL text, and a loopback listener proves
 * no connection was made; FROM selects graphs of the store and fetches nothing; federation with an
 * allow-listed second server (a plain Fuseki on loopback) works.
 */
class OutboundIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "outbound-token";
  private static ServedStore store;
  private static ServedStore other;
  private static DermServer closed;
  private static DermServer federating;
  private static FusekiServer remote;
  private static Listener witness;

  @BeforeAll
  static void start() throws Exception {
    store = ServedStore.create();
    closed = store.serve(ServeSettings.defaults().withWriters(Credentials.of(TOKEN, "", "")));
    DatasetGraph remoteData = DatasetGraphFactory.createTxnMem();
    Txn.executeWrite(
        remoteData,
        () ->
            remoteData
                .getDefaultGraph()
                .add(
                    NodeFactory.createURI("urn:remote:melanoma"),
                    NodeFactory.createURI("http://www.w3.org/2000/01/rdf-schema#label"),
                    NodeFactory.createLiteralString("from the other server")));
    remote = FusekiServer.create().port(0).loopback(true).add("/remote", remoteData).build();
    remote.start();
    other = ServedStore.create();
    federating =
        other.serve(
            ServeSettings.defaults()
                .withAccess(
                    AccessPolicy.defaults()
                        .withOutbound(
                            OutboundPolicy.allowing(
                                List.of(
                                    "http://127.0.0.1:" + remote.getHttpPort() + "/remote/")))));
  }

  @AfterAll
  static void stop() throws Exception {
    closed.close();
    federating.close();
    remote.stop();
    store.close();
    other.close();
  }

  @org.junit.jupiter.api.BeforeEach
  void listen() throws Exception {
    witness = Listener.sparqlEndpoint();
  }

  @AfterEach
  void noConnection() throws Exception {
    witness.close();
  }

  private static String target() {
    return witness.url("/sparql");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "SELECT * WHERE { SERVICE <TARGET> { ?s ?p ?o } }",
        "SELECT * WHERE { SERVICE SILENT <TARGET> { ?s ?p ?o } }",
        "SELECT * WHERE { VALUES ?e { <TARGET> } SERVICE ?e { ?s ?p ?o } }",
        "SELECT * WHERE { ?x a ?t FILTER EXISTS { SERVICE <TARGET> { ?x ?p ?o } } }",
        "SELECT * WHERE { SERVICE <file:///etc/passwd> { ?s ?p ?o } }",
        "ASK { SERVICE <http://169.254.169.254/latest/meta-data/> { ?s ?p ?o } }"
      })
  void queriesThatWouldReachOutAreRefusedOnEveryForm(String template) throws Exception {
    String q = template.replace("TARGET", target());
    String url = closed.url() + DermServer.DATASET + "/sparql";
    List<HttpResponse<String>> answers =
        List.of(
            get(url + "?query=" + enc(q), "application/sparql-results+json"),
            post(url, "application/x-www-form-urlencoded", "query=" + enc(q)),
            post(url, "application/sparql-query", q));
    for (HttpResponse<String> r : answers) {
      assertEquals(400, r.statusCode(), r.body());
      assertTrue(r.body().contains("SPARQL-OUTBOUND-REFUSED"), r.body());
      assertTrue(r.body().contains(OutboundPolicy.KEY), r.body());
    }
    assertEquals(0, witness.connections());
  }

  @Test
  void promptSetsSelectedBySparqlAreCheckedToo() throws Exception {
    String q = "SELECT ?class WHERE { SERVICE <" + target() + "> { ?class ?p ?o } }";
    HttpResponse<String> r = get(closed.url() + "/api/prompts?sparql=" + enc(q), null);
    assertEquals(400, r.statusCode(), r.body());
    assertEquals("SPARQL-OUTBOUND-REFUSED", JSON.readTree(r.body()).get("code").asText());
    assertEquals(0, witness.connections());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "LOAD <TARGET> INTO GRAPH <urn:x:g>",
        "LOAD SILENT <TARGET>",
        "LOAD <file:///etc/hosts> INTO GRAPH <urn:x:g>",
        "INSERT { GRAPH <urn:x:g> { ?s ?p ?o } } WHERE { SERVICE <TARGET> { ?s ?p ?o } }",
        "INSERT DATA { GRAPH <urn:x:g> { <urn:x:a> <urn:x:b> 1 } } ; LOAD <TARGET>"
      })
  void updatesThatLoadOrFederateAreRefusedAndChangeNothing(String template) throws Exception {
    String u = template.replace("TARGET", target());
    String url = closed.url() + DermServer.DATASET + "/update";
    long before = quads();
    for (HttpResponse<String> r :
        List.of(
            post(url, "application/sparql-update", u, "Authorization", "Bearer " + TOKEN),
            post(
                url,
                "application/x-www-form-urlencoded",
                "update=" + enc(u),
                "Authorization",
                "Bearer " + TOKEN))) {
      assertEquals(400, r.statusCode(), r.body());
      assertEquals("SPARQL-OUTBOUND-REFUSED", JSON.readTree(r.body()).get("code").asText());
    }
    assertEquals(before, quads());
    assertEquals(0, witness.connections());
  }

  @Test
  void uploadsCannotMakeTheServerFetchEither() throws Exception {
    String url = closed.url() + DermServer.DATASET + "/data?graph=" + enc("urn:x:upload");
    long before = quads();
    // JSON-LD names a remote @context, which Jena's parser would fetch
    String jsonld =
        "{\"@context\": \"" + target() + "\", \"@id\": \"urn:x:a\", \"urn:x:p\": \"x\"}";
    HttpResponse<String> r = put(url, "application/ld+json", jsonld);
    assertEquals(400, r.statusCode(), r.body());
    assertTrue(r.body().contains(OutboundPolicy.KEY), r.body());
    assertEquals(before, quads(), "nothing of the refused upload is stored");
    // RDF/XML with an external entity
    String xml =
        "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \""
            + target()
            + "\">]><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\""
            + " xmlns:e=\"urn:x:e#\"><rdf:Description rdf:about=\"urn:x:a\"><e:p>&x;</e:p>"
            + "</rdf:Description></rdf:RDF>";
    HttpResponse<String> x = put(url, "application/rdf+xml", xml);
    assertTrue(x.statusCode() < 500, x.body());
    assertEquals(0, witness.connections());
  }

  private static HttpResponse<String> put(String url, String type, String body) throws Exception {
    return ServedStore.HTTP.send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
            .header("Content-Type", type)
            .header("Authorization", "Bearer " + TOKEN)
            .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void fromAndDefaultGraphUriSelectStoreGraphsAndFetchNothing() throws Exception {
    String url = closed.url() + DermServer.DATASET + "/sparql";
    String q = "SELECT (COUNT(*) AS ?n) FROM <" + target() + "> WHERE { ?s ?p ?o }";
    HttpResponse<String> r = get(url + "?query=" + enc(q), "application/sparql-results+json");
    assertEquals(200, r.statusCode(), r.body());
    assertEquals(0, JSON.readTree(r.body()).at("/results/bindings/0/n/value").asInt());
    r =
        get(
            url + "?default-graph-uri=" + enc(target()) + "&query=" + enc("ASK { ?s ?p ?o }"),
            "application/sparql-results+json");
    assertEquals(200, r.statusCode(), r.body());
    assertEquals(0, witness.connections());
  }

  @Test
  void federationWithAnAllowListedServerWorks() throws Exception {
    String endpoint = "http://127.0.0.1:" + remote.getHttpPort() + "/remote/sparql";
    String q = "SELECT ?label WHERE { SERVICE <" + endpoint + "> { ?s ?p ?label } }";
    HttpResponse<String> r =
        get(
            federating.url() + DermServer.DATASET + "/sparql?query=" + enc(q),
            "application/sparql-results+json");
    assertEquals(200, r.statusCode(), r.body());
    JsonNode rows = JSON.readTree(r.body()).at("/results/bindings");
    assertEquals(1, rows.size(), r.body());
    assertEquals("from the other server", rows.get(0).at("/label/value").asText());
    // the same server still refuses what is not on its list
    for (String other :
        List.of(target(), "http://127.0.0.1:" + remote.getHttpPort() + "/elsewhere/sparql")) {
      String q2 = "SELECT * WHERE { SERVICE <" + other + "> { ?s ?p ?o } }";
      HttpResponse<String> refused =
          get(federating.url() + DermServer.DATASET + "/sparql?query=" + enc(q2), null);
      assertEquals(400, refused.statusCode(), refused.body());
    }
    assertEquals(0, witness.connections());
  }

  private static long quads() {
    return Txn.calculateRead(store.store.dataset(), () -> store.store.dataset().stream().count());
  }
}
