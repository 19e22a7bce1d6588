package org.dermkg.sparql.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.dermkg.sparql.SparqlException;
import org.dermkg.sparql.SparqlException.Code;
import org.dermkg.sparql.TinyKg;
import org.junit.jupiter.api.Test;

class NamedQueryTest {
  @Test
  void headerGivesDescriptionAndParameters() {
    NamedQuery q =
        NamedQuery.parse(
            "t",
            """
            # Says what it does,
            # over two lines.
            # @param class the class IRI
            SELECT ?x WHERE { ?x ?p ?class }
            """);
    assertEquals("Says what it does, over two lines.", q.description());
    assertEquals(1, q.params().size());
    assertEquals("class", q.params().get(0).name());
    assertEquals("the class IRI", q.params().get(0).description());
  }

  @Test
  void aQueryThatIsNotASelectOrDoesNotParseIsRejected() {
    var e1 =
        assertThrows(
            SparqlException.class, () -> NamedQuery.parse("c", "CONSTRUCT WHERE { ?s ?p ?o }"));
    assertEquals(Code.QUERY_MISSING, e1.code());
    var e2 =
        assertThrows(SparqlException.class, () -> NamedQuery.parse("b", "SELECT ?x WHERE { ?x"));
    assertTrue(e2.getMessage().contains("does not parse"), e2.getMessage());
  }

  @Test
  void aDeclaredParameterMustBeUsed() {
    var e =
        assertThrows(
            SparqlException.class,
            () -> NamedQuery.parse("u", "# @param class x\nSELECT ?x WHERE { ?x ?p ?o }"));
    assertTrue(e.getMessage().contains("never uses ?class"), e.getMessage());
  }

  @Test
  void missingAndUnknownArgumentsAreBadArguments() {
    DatasetGraph dsg = TinyKg.dataset();
    NamedQuery q = QueryLibrary.shipped().get("children");
    var missing = assertThrows(SparqlException.class, () -> q.select(dsg, Map.of(), -1, 0, 0));
    assertEquals(Code.BAD_ARGUMENT, missing.code());
    var unknown =
        assertThrows(
            SparqlException.class,
            () ->
                q.select(
                    dsg,
                    Map.of(
                        "class", NodeFactory.createURI("urn:x"),
                        "klass", NodeFactory.createURI("urn:y")),
                    -1,
                    0,
                    0));
    assertTrue(unknown.getMessage().contains("?klass"), unknown.getMessage());
  }

  @Test
  void limitAndOffsetPageTheRows() {
    DatasetGraph dsg = TinyKg.dataset();
    NamedQuery q = QueryLibrary.shipped().get("descendants");
    var all =
        q.select(
            dsg,
            Map.of("class", NodeFactory.createURI("https://w3id.org/dermkg/DERM_0001001")),
            -1,
            0,
            0);
    var page =
        q.select(
            dsg,
            Map.of("class", NodeFactory.createURI("https://w3id.org/dermkg/DERM_0001001")),
            2,
            3,
            0);
    assertEquals(7, all.size());
    assertEquals(all.subList(3, 5), page);
  }

  @Test
  void rowsAreDetachedFromTheStoreSoTheyOutliveTheTransaction() {
    // regression: TDB2 bindings resolve node ids lazily; read after the transaction they failed
    // ("Not in a transaction") as soon as a node was not in the node cache
    DatasetGraph dsg = TinyKg.dataset();
    var rows =
        QueryLibrary.shipped()
            .get("images-under")
            .select(
                dsg,
                Map.of("class", NodeFactory.createURI("https://w3id.org/dermkg/DERM_0001000")),
                -1,
                0,
                0);
    assertEquals(5, rows.size());
    for (var b : rows) {
      String type = b.getClass().getName();
      assertTrue(!type.contains("TDB") && !type.contains("Project"), type);
      assertTrue(b.get("filename").isLiteral());
    }
  }

  @Test
  void pageInnerCutsThePageInTheSubSelect() {
    DatasetGraph dsg = TinyKg.dataset();
    NamedQuery q = QueryLibrary.shipped().get("images-under");
    var args = Map.of("class", NodeFactory.createURI("https://w3id.org/dermkg/DERM_0001000"));
    var all = q.select(dsg, args, -1, 0, 0);
    assertEquals(all.subList(1, 3), q.select(dsg, args, 2, 1, 0));
    var e =
        assertThrows(
            SparqlException.class,
            () -> NamedQuery.parse("p", "# @page inner\nSELECT ?x WHERE { ?x ?p ?o }"));
    assertTrue(e.getMessage().contains("no sub-SELECT"), e.getMessage());
  }

  @Test
  void anExampleIsTheQueryWithItsParametersWrittenIn() {
    DatasetGraph dsg = TinyKg.dataset();
    var args =
        Map.<String, org.apache.jena.graph.Node>of(
            "class", NodeFactory.createURI("https://w3id.org/dermkg/DERM_0001001"));
    for (String name : java.util.List.of("descendants", "ancestors", "children", "images-under")) {
      NamedQuery q = QueryLibrary.shipped().get(name);
      String text = q.example(args, 100);
      assertTrue(text.startsWith("# "), text);
      assertTrue(text.contains("DERM_0001001"), text);
      assertTrue(!text.contains("@param"), text);
      // run as a plain query, it gives the rows the parameterised query gives
      var rows = new java.util.ArrayList<org.apache.jena.sparql.engine.binding.Binding>();
      org.apache.jena.system.Txn.executeRead(
          dsg,
          () -> {
            try (var qe = org.apache.jena.sparql.exec.QueryExec.dataset(dsg).query(text).build()) {
              qe.select()
                  .forEachRemaining(
                      b -> {
                        var copy = org.apache.jena.sparql.engine.binding.BindingFactory.builder();
                        b.vars().forEachRemaining(v -> copy.add(v, b.get(v)));
                        rows.add(copy.build());
                      });
            }
          });
      var expected = q.select(dsg, args, -1, 0, 0);
      assertEquals(expected.size(), rows.size(), name);
      assertTrue(!rows.isEmpty() || name.equals("children"), name);
      for (int i = 0; i < rows.size(); i++) {
        for (var v : java.util.List.of("term", "label", "filename")) {
          var var = org.apache.jena.sparql.core.Var.alloc(v);
          assertEquals(expected.get(i).get(var), rows.get(i).get(var), name + " row " + i);
        }
      }
    }
    // the example of a query with no limit of its own is cut
    String cut = QueryLibrary.shipped().get("descendants").example(args, 7);
    assertTrue(cut.strip().endsWith("LIMIT 7"), cut);
    assertTrue(cut.contains("<https://w3id.org/dermkg/DERM_0001001>"), cut);
    String prefixed = QueryLibrary.shipped().get("disease-findings").example(args, 7);
    assertTrue(prefixed.contains("DERM:0001001"), "written with the query's prefix: " + prefixed);
    // a query that projects its parameter is still runnable: the value is bound in the projection
    NamedQuery projecting =
        NamedQuery.parse(
            "p",
            "# p\n# @param class c\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
                + "SELECT ?class ?sub WHERE { ?sub rdfs:subClassOf ?class }");
    String p = projecting.example(args, 5);
    org.apache.jena.query.QueryFactory.create(p);
    assertTrue(p.contains("AS ?class"), p);
    var missing =
        assertThrows(
            SparqlException.class,
            () -> QueryLibrary.shipped().get("descendants").example(Map.of(), 10));
    assertEquals(Code.BAD_ARGUMENT, missing.code());
  }

  @Test
  void unknownNameIsReported() {
    var e = assertThrows(SparqlException.class, () -> QueryLibrary.shipped().get("nope"));
    assertEquals(Code.QUERY_MISSING, e.code());
  }
}
