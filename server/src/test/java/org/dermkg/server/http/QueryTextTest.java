package org.dermkg.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class QueryTextTest {
  @Test
  void layoutAndCommentsGoAway() {
    assertEquals(
        "SELECT ?s WHERE { ?s a <http://x/y#Z> } LIMIT 3",
        QueryText.normalise(
            "# a comment\n  SELECT   ?s\n\tWHERE {\n ?s a <http://x/y#Z> # trailing\n}\r\nLIMIT 3  "));
  }

  @Test
  void stringsAndIrisKeepTheirContent() {
    String q = "SELECT * WHERE { ?s ?p \"a  # b\" . ?s ?q 'it''s' . ?s ?r \"\"\"x\n\n  y\"\"\" }";
    assertEquals(
        "SELECT * WHERE { ?s ?p \"a  # b\" . ?s ?q 'it''s' . ?s ?r \"\"\"x\n\n  y\"\"\" }",
        QueryText.normalise(q));
    assertNotEquals(
        QueryText.normalise("SELECT * { ?s ?p \"a b\" }"),
        QueryText.normalise("SELECT * { ?s ?p \"a  b\" }"),
        "spaces inside a literal are data");
    assertEquals(
        "SELECT * { ?s ?p \"say \\\"hi  # no\\\"\" }",
        QueryText.normalise("SELECT * {  ?s ?p \"say \\\"hi  # no\\\"\" }"));
  }

  @Test
  void aLessThanIsNotAnIri() {
    assertEquals(
        "SELECT * { ?s ?p ?o FILTER(?o < 3 && ?o > 1) }",
        QueryText.normalise("SELECT * { ?s ?p ?o FILTER(?o <  3 && ?o >   1) # <x>\n }"));
  }

  @Test
  void volatileQueriesAreRecognised() {
    assertTrue(QueryText.isVolatile("SELECT (rand() AS ?r) {}"));
    assertTrue(QueryText.isVolatile("SELECT (NOW () AS ?r) {}"));
    assertTrue(QueryText.isVolatile("SELECT * { SERVICE <http://x/> { ?s ?p ?o } }"));
    assertTrue(QueryText.isVolatile("SELECT * { ?i dkg:similarTo (\"mole\" 5) }"));
    assertFalse(QueryText.isVolatile("SELECT ?operand ?nowhere { ?s <urn:x:random> ?o }"));
    assertTrue(QueryText.isVolatile("SELECT (StrUUID\t( ) AS ?u) {}"));
    assertTrue(QueryText.isVolatile("SELECT * {?s ?p ?o} BINDINGS ?x {} # bnode("));
    assertTrue(QueryText.isVolatile("SELECT * {service <http://x/>{?s ?p ?o}}"));
    assertFalse(QueryText.isVolatile("SELECT ?nowX ?my_rand { ?s <urn:x:uuid> ?o ; :bnode_(?x) }"));
    assertFalse(QueryText.isVolatile("SELECT ?services ?x_service { ?s :serviceOf ?o }"));
    assertFalse(QueryText.isVolatile("SELECT (now AS ?n) { ?s ?p ?now }"));
  }
}
