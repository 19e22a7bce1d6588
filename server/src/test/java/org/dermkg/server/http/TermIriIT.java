package org.dermkg.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.vocabulary.RDFS;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Term IRIs dereference on a real server: /DERM_0001242 with content negotiation answers the
 * browser's term page to HTML clients (303) and the term's description to RDF clients.
 */
class TermIriIT {
  private static final String MELANOMA = "https://w3id.org/dermkg/DERM_0001242";
  private static ServedStore store;
  private static DermServer server;

  @BeforeAll
  static void start() throws Exception {
    store = ServedStore.create();
    server = store.serve(ServeSettings.defaults());
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    store.close();
  }

  private static HttpResponse<String> get(String path, String accept) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path)).GET();
    if (accept != null) {
      b.header("Accept", accept);
    }
    return ServedStore.HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static Model parse(HttpResponse<String> r, Lang lang) {
    Model m = ModelFactory.createDefaultModel();
    RDFParser.create().source(new StringReader(r.body())).lang(lang).parse(m.getGraph());
    return m;
  }

  @Test
  void rdfClientsGetTheTermsDescriptionInTheirSyntax() throws Exception {
    for (Lang lang : new Lang[] {Lang.TURTLE, Lang.NTRIPLES, Lang.JSONLD, Lang.RDFXML}) {
      HttpResponse<String> r = get("/DERM_0001242", lang.getHeaderString());
      assertEquals(200, r.statusCode(), lang + ": " + r.body());
      assertTrue(
          r.headers().firstValue("Content-Type").orElse("").startsWith(lang.getHeaderString()),
          lang + " " + r.headers());
      Model m = parse(r, lang);
      Resource t = m.getResource(MELANOMA);
      assertEquals("Malignant melanoma", t.getProperty(RDFS.label).getString(), lang.toString());
      // the labels of what it references come along: its parent's
      Resource parent =
          m.listObjectsOfProperty(t, RDFS.subClassOf).toList().stream()
              .filter(o -> o.isURIResource())
              .map(o -> o.asResource())
              .findFirst()
              .orElseThrow();
      assertEquals(
          "Malignant melanocytic neoplasm",
          m.getProperty(parent, RDFS.label).getString(),
          lang + ": the parent's label");
      // the typical findings' restrictions come along through their blank nodes
      assertTrue(
          m.listObjectsOfProperty(t, RDFS.subClassOf).toList().stream().anyMatch(o -> o.isAnon()),
          lang + ": no restriction");
      assertTrue(
          m.contains(
              t,
              m.createProperty("http://www.w3.org/2004/02/skos/core#exactMatch"),
              m.createResource("http://purl.obolibrary.org/obo/MONDO_0005012")),
          lang + ": its MONDO exact match");
    }
    // a client that takes anything gets Turtle
    assertTrue(
        get("/DERM_0001242", null)
            .headers()
            .firstValue("Content-Type")
            .orElse("")
            .startsWith("text/turtle"));
  }

  @Test
  void browsersGoToTheTermPageAndOtherRequestsAreRefused() throws Exception {
    HttpResponse<String> html = get("/DERM_0001242", "text/html,application/xhtml+xml,*/*;q=0.8");
    assertEquals(303, html.statusCode());
    assertEquals("/ui/#/term/DERM:0001242", html.headers().firstValue("Location").orElse(""));
    assertEquals(406, get("/DERM_0001242", "image/png").statusCode());
    assertEquals(404, get("/DERM_9999999", "text/turtle").statusCode());
    assertEquals(404, get("/nothing-here", "text/turtle").statusCode());
    assertEquals(302, get("/", null).statusCode(), "/ still sends people to the browser");
    HttpResponse<String> post =
        ServedStore.HTTP.send(
            HttpRequest.newBuilder(URI.create(server.url() + "/DERM_0001242"))
                .POST(HttpRequest.BodyPublishers.ofString("x"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(405, post.statusCode());
  }
}
