package org.dermkg.sparql.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.vocabulary.OWL;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.dermkg.ontology.vocab.Derm;
import org.dermkg.sparql.SparqlException;
import org.dermkg.sparql.TinyKg;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TermSearchTest {
  private static TermSearch search;

  @BeforeAll
  static void setUp() {
    search = TermSearch.build(TinyKg.dataset(), 10_000);
  }

  @AfterAll
  static void tearDown() {
    search.close();
  }

  private static List<String> labels(List<SearchHit> hits) {
    return hits.stream().map(h -> h.term().label()).toList();
  }

  @Test
  void exactMatchIsRankedFirstAndEachClassAppearsOnce() {
    List<SearchHit> hits = search.search("Melanoma", Optional.empty(), 10);
    assertEquals("Melanoma", hits.get(0).term().label());
    assertEquals("exact", hits.get(0).match());
    assertEquals(3, hits.size(), labels(hits)::toString);
    assertEquals(3, hits.stream().map(h -> h.term().iri()).distinct().count());
  }

  @Test
  void prefixAutocompletes() {
    List<SearchHit> hits = search.search("melan", Optional.empty(), 10);
    assertTrue(labels(hits).contains("Melanoma"), labels(hits)::toString);
    assertTrue(labels(hits).contains("Melanocytic nevus"), labels(hits)::toString);
    assertEquals("prefix", hits.get(0).match());
    assertEquals("Melanoma", hits.get(0).term().label(), "the shortest prefix match first");
    List<SearchHit> twoWords = search.search("lentigo mal", Optional.empty(), 10);
    assertEquals(List.of("Lentigo maligna melanoma"), labels(twoWords));
  }

  @Test
  void synonymsAbbreviationsAndAccentsMatch() {
    assertEquals(
        "Melanocytic nevus", search.search("mole", Optional.empty(), 5).get(0).term().label());
    SearchHit mm = search.search("MM", Optional.empty(), 5).get(0);
    assertEquals("Melanoma", mm.term().label());
    assertEquals("MM", mm.matched());
    assertEquals(
        "Melanocytic nevus", search.search("Nævus", Optional.empty(), 5).get(0).term().label());
  }

  @Test
  void subtreeLimitsTheHits() {
    String benign = Derm.curieToIri("DERM:0001020");
    assertEquals(List.of(), search.search("melanoma", Optional.of(benign), 10));
    String melanoma = Derm.curieToIri("DERM:0001011");
    List<SearchHit> under = search.search("melanoma", Optional.of(melanoma), 10);
    assertEquals(3, under.size(), "the class itself is in its subtree");
  }

  @Test
  void aSubtreeSearchFindsItsNamesWhenTheTextIsCommonElsewhere() {
    // 1,000 names starting with "p" outside the subtree and three in it: Lucene's candidates
    // (ranked before the subtree filter) must not crowd the subtree's names out
    DatasetGraph dsg = DatasetGraphFactory.createTxnMem();
    Graph g = dsg.getDefaultGraph();
    Node elsewhere = NodeFactory.createURI("http://example.org/elsewhere");
    Node subtree = NodeFactory.createURI("http://example.org/subtree");
    for (int i = 0; i < 1_003; i++) {
      Node c = NodeFactory.createURI("http://example.org/c" + i);
      g.add(c, RDF.type.asNode(), OWL.Class.asNode());
      g.add(c, RDFS.label.asNode(), NodeFactory.createLiteralString("Papule variant " + i));
      g.add(c, RDFS.subClassOf.asNode(), i < 1_000 ? elsewhere : subtree);
    }
    try (TermSearch big = TermSearch.build(dsg, 10_000)) {
      List<SearchHit> hits = big.search("p", Optional.of(subtree.getURI()), 10);
      assertEquals(
          List.of("Papule variant 1000", "Papule variant 1001", "Papule variant 1002"),
          labels(hits).stream().sorted().toList());
      assertEquals(10, big.search("p", Optional.empty(), 10).size());
    }
  }

  @Test
  void typosFallBackToFuzzyMatching() {
    List<SearchHit> hits = search.search("psoriassis", Optional.empty(), 5);
    assertEquals("Psoriasis", hits.get(0).term().label());
    assertEquals("fuzzy", hits.get(0).match());
  }

  @Test
  void deprecatedClassesAreNotFound() {
    assertEquals(List.of(), search.search("obsolete skin thing", Optional.empty(), 5));
  }

  @Test
  void luceneSyntaxInTheTextIsInert() {
    // operators and wildcards the user typed are split away, not interpreted
    assertEquals(
        "Psoriasis", search.search("(psoriasis*:\"~^", Optional.empty(), 5).get(0).term().label());
    assertThrows(SparqlException.class, () -> search.search("  ", Optional.empty(), 5));
    assertThrows(SparqlException.class, () -> search.search("*** ??", Optional.empty(), 5));
    assertThrows(SparqlException.class, () -> search.search("x".repeat(201), Optional.empty(), 5));
    assertThrows(SparqlException.class, () -> search.search("x", Optional.empty(), 0));
    assertThrows(SparqlException.class, () -> search.search("x", Optional.empty(), 101));
  }

  @Test
  void luceneQueryRequiresEveryWordAndPrefixesTheLast() {
    assertEquals(
        "+basal +cell +(carc carc*)",
        TermSearch.luceneQuery(List.of("basal", "cell", "carc"), false));
    assertEquals("+basal~1 +cel*", TermSearch.luceneQuery(List.of("basal", "cel"), true));
    assertEquals(List.of("psoriasis"), TermSearch.words("(psoriasis*:\"~^"));
  }
}
