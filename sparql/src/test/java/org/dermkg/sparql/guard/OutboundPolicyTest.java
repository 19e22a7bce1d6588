package org.dermkg.sparql.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.Syntax;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.update.UpdateFactory;
import org.dermkg.sparql.SparqlException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The outbound policy: the static checks on every place a SERVICE or LOAD can hide, the allow-list
 * matching rules, and the runtime guard in Jena's SERVICE chain, witnessed by a real loopback
 * listener that counts the connections it gets.
 */
class OutboundPolicyTest {
  private static final String EVIL = "http://127.0.0.1:1/x";

  @BeforeAll
  static void register() {
    OutboundPolicy.register();
  }

  @ParameterizedTest(name = "refused: {0}")
  @ValueSource(
      strings = {
        "SELECT * WHERE { SERVICE <" + EVIL + "> { ?s ?p ?o } }",
        "SELECT * WHERE { SERVICE SILENT <" + EVIL + "> { ?s ?p ?o } }",
        "SELECT * WHERE { VALUES ?e { <" + EVIL + "> } SERVICE ?e { ?s ?p ?o } }",
        "SELECT * WHERE { ?a ?b ?c OPTIONAL { SERVICE <" + EVIL + "> { ?s ?p ?o } } }",
        "SELECT * WHERE { { ?a ?b ?c } UNION { SERVICE <" + EVIL + "> { ?s ?p ?o } } }",
        "SELECT * WHERE { ?a ?b ?c MINUS { SERVICE <" + EVIL + "> { ?a ?p ?o } } }",
        "SELECT * WHERE { GRAPH ?g { SERVICE <" + EVIL + "> { ?s ?p ?o } } }",
        "SELECT * WHERE { { SELECT ?s WHERE { SERVICE <" + EVIL + "> { ?s ?p ?o } } } }",
        "SELECT * WHERE { ?a ?b ?c FILTER EXISTS { SERVICE <" + EVIL + "> { ?a ?p ?o } } }",
        "SELECT * WHERE { ?a ?b ?c FILTER NOT EXISTS { SERVICE <" + EVIL + "> { ?a ?p ?o } } }",
        "SELECT * WHERE { ?a ?b ?c BIND(EXISTS { SERVICE <" + EVIL + "> { ?a ?p ?o } } AS ?x) }",
        "ASK { SERVICE <file:///etc/passwd> { ?s ?p ?o } }",
        "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <ftp://127.0.0.1/x> { ?s ?p ?o } }",
        "DESCRIBE ?s WHERE { SERVICE <relative/x> { ?s ?p ?o } }",
        "SELECT * WHERE { SERVICE <http://user@127.0.0.1:1/x> { ?s ?p ?o } }"
      })
  void queriesNamingAnOutsideEndpointAreRefused(String text) {
    var q = QueryFactory.create(text, "http://server/unset-base/", Syntax.syntaxARQ);
    SparqlException e =
        assertThrows(SparqlException.class, () -> OutboundPolicy.none().check(q), text);
    assertEquals(SparqlException.Code.OUTBOUND_REFUSED, e.code());
    assertTrue(e.getMessage().contains(OutboundPolicy.KEY), e.getMessage());
  }

  @ParameterizedTest(name = "refused: {0}")
  @ValueSource(
      strings = {
        "LOAD <" + EVIL + ">",
        "LOAD SILENT <" + EVIL + "> INTO GRAPH <urn:g>",
        "LOAD <file:///etc/passwd> INTO GRAPH <urn:g>",
        "LOAD <relative.ttl>",
        "INSERT { GRAPH <urn:g> { ?s ?p ?o } } WHERE { SERVICE <" + EVIL + "> { ?s ?p ?o } }",
        "DELETE { ?s ?p ?o } WHERE { ?s ?p ?o FILTER EXISTS { SERVICE <"
            + EVIL
            + "> { ?s ?q ?r } } }",
        "INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> 1 } } ; LOAD <" + EVIL + ">"
      })
  void updatesThatLoadOrFederateAreRefused(String text) {
    var u = UpdateFactory.create(text, "http://server/unset-base/", Syntax.syntaxARQ);
    SparqlException e =
        assertThrows(SparqlException.class, () -> OutboundPolicy.none().check(u), text);
    assertEquals(SparqlException.Code.OUTBOUND_REFUSED, e.code());
  }

  @Test
  void localQueriesAndUpdatesPass() {
    OutboundPolicy none = OutboundPolicy.none();
    none.check(
        QueryFactory.create(
            "SELECT * FROM <http://127.0.0.1:1/g> FROM NAMED <http://127.0.0.1:1/h>"
                + " WHERE { ?s ?p ?o FILTER EXISTS { ?s a ?t } }"));
    none.check(
        UpdateFactory.create(
            "INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> 1 } } ;"
                + " DELETE WHERE { GRAPH <urn:g> { ?s ?p ?o } } ;"
                + " INSERT { GRAPH <urn:g> { ?s ?p ?o } } USING <http://127.0.0.1:1/u>"
                + " WHERE { ?s ?p ?o }"));
  }

  @Test
  void allowListMatchesWholeHostsAndPathSegments() {
    OutboundPolicy p =
        OutboundPolicy.allowing(
            List.of("http://127.0.0.1:8080/sparql", " https://query.wikidata.org/ ", ""));
    assertTrue(p.allows("http://127.0.0.1:8080/sparql"));
    assertTrue(p.allows("http://127.0.0.1:8080/sparql/sub?x=1"));
    assertTrue(p.allows("HTTP://127.0.0.1:8080/sparql"));
    assertTrue(p.allows("https://QUERY.wikidata.org/sparql"));
    assertTrue(p.allows("https://query.wikidata.org:443/bigdata/sparql"));
    assertFalse(p.allows("http://127.0.0.1:8080/sparql-admin"));
    assertFalse(p.allows("http://127.0.0.1:8080/"));
    assertFalse(p.allows("http://127.0.0.1:8081/sparql"));
    assertFalse(p.allows("http://127.0.0.1:8080@evil.example/sparql"));
    assertFalse(p.allows("http://user@127.0.0.1:8080/sparql"));
    assertFalse(p.allows("http://127.0.0.1:8080/sparql/../admin"));
    assertFalse(p.allows("http://query.wikidata.org/sparql"), "scheme must match");
    assertFalse(p.allows("https://query.wikidata.org.evil.example/sparql"));
    assertFalse(p.allows("file:///etc/passwd"));
    assertFalse(p.allows("not a url"));
    assertEquals(
        List.of("http://127.0.0.1:8080/sparql", "https://query.wikidata.org:443/"), p.allowList());
  }

  @ParameterizedTest(name = "bad entry: {0}")
  @ValueSource(
      strings = {
        "file:///data",
        "ftp://host/x",
        "http:///nohost",
        "http://u:p@host/",
        "http://host/x?y=1",
        "/sparql"
      })
  void badAllowListEntriesAreConfigurationErrors(String entry) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> OutboundPolicy.allowing(List.of(entry)));
    assertTrue(e.getMessage().contains(OutboundPolicy.KEY) && e.getMessage().contains(entry));
  }

  @Test
  void theRuntimeGuardMakesNoConnectionForARefusedEndpoint() throws Exception {
    try (Listener target = Listener.sparqlEndpoint()) {
      DatasetGraph dsg = DatasetGraphFactory.createTxnMem();
      OutboundPolicy.none().install(dsg.getContext());
      // a SERVICE whose endpoint is only known at run time: the static check cannot see it
      String q =
          "SELECT * WHERE { BIND(IRI(CONCAT('"
              + target.url("")
              + "', '/x')) AS ?e) SERVICE ?e { ?s ?p ?o } }";
      Exception e = assertThrows(Exception.class, () -> run(dsg, q));
      assertTrue(String.valueOf(e.getMessage()).contains(OutboundPolicy.KEY), e.toString());
      // SILENT hides errors from the endpoint, not the refusal
      assertThrows(Exception.class, () -> run(dsg, q.replace("SERVICE", "SERVICE SILENT")));
      assertEquals(0, target.connections());
    }
  }

  @Test
  void anAllowedEndpointIsCalledButItsRedirectIsNotFollowed() throws Exception {
    try (Listener inside = Listener.sparqlEndpoint();
        Listener allowed = Listener.redirectingTo(inside.url("/secret"))) {
      DatasetGraph dsg = DatasetGraphFactory.createTxnMem();
      OutboundPolicy.allowing(List.of(allowed.url("/"))).install(dsg.getContext());
      assertThrows(
          Exception.class,
          () -> run(dsg, "SELECT * WHERE { SERVICE <" + allowed.url("/q") + "> { ?s ?p ?o } }"));
      assertEquals(1, allowed.connections());
      assertEquals(0, inside.connections(), "the redirect was followed");
    }
    try (Listener allowed = Listener.sparqlEndpoint()) {
      DatasetGraph dsg = DatasetGraphFactory.createTxnMem();
      OutboundPolicy.allowing(List.of(allowed.url("/"))).install(dsg.getContext());
      assertEquals(
          0, run(dsg, "SELECT * WHERE { SERVICE <" + allowed.url("/q") + "> { ?x ?p ?o } }"));
      assertEquals(1, allowed.connections());
    }
  }

  @Test
  void jsonLdRemoteContextsAreFetchedOnlyFromAllowedUrls() throws Exception {
    try (Listener context =
        new Listener(
            "HTTP/1.1 200 OK\r\nContent-Type: application/ld+json\r\nContent-Length: 43\r\n"
                + "Connection: close\r\n\r\n{\"@context\": {\"p\": \"urn:example:p\"}}    ")) {
      String doc =
          "{\"@context\": \""
              + context.url("/ctx")
              + "\", \"@id\": \"urn:example:a\", \"p\": \"x\"}";
      // no policy in the context: ARQ's global one, or none
      Exception e =
          assertThrows(
              Exception.class,
              () ->
                  RDFParser.fromString(doc, Lang.JSONLD)
                      .context(policyContext(OutboundPolicy.none()))
                      .parse(GraphFactory.createDefaultGraph()));
      assertTrue(String.valueOf(e.getMessage()).contains(OutboundPolicy.KEY), e.toString());
      assertThrows(
          Exception.class,
          () ->
              RDFParser.fromString(
                      doc.replace(context.url("/ctx"), "file:///etc/hostname"), Lang.JSONLD)
                  .context(policyContext(OutboundPolicy.allowing(List.of(context.url("/")))))
                  .parse(GraphFactory.createDefaultGraph()));
      assertEquals(0, context.connections());
      // allowed: fetched, and its terms used
      var g = GraphFactory.createDefaultGraph();
      RDFParser.fromString(doc, Lang.JSONLD)
          .context(policyContext(OutboundPolicy.allowing(List.of(context.url("/")))))
          .parse(g);
      assertEquals(1, context.connections());
      assertEquals(1, g.size());
    }
  }

  private static org.apache.jena.sparql.util.Context policyContext(OutboundPolicy p) {
    org.apache.jena.sparql.util.Context c = new org.apache.jena.sparql.util.Context();
    p.install(c);
    return c;
  }

  private static int run(DatasetGraph dsg, String query) {
    try (QueryExec qe = QueryExec.dataset(dsg).query(query).build()) {
      RowSet rows = qe.select();
      int n = 0;
      while (rows.hasNext()) {
        rows.next();
        n++;
      }
      return n;
    }
  }
}
