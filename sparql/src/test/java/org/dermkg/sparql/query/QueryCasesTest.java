package org.dermkg.sparql.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.engine.binding.Binding;
import org.dermkg.sparql.Prefixes;
import org.dermkg.sparql.TinyKg;
import org.dermkg.sparql.search.TermSearch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shipped named query against tiny-kg, one row of fixtures/query-cases.tsv per case (in the
 * spirit of ROBOT's report-query tests): a query without a case row fails the build.
 */
class QueryCasesTest {
  private static final Path CASES = Path.of("src/test/resources/fixtures/query-cases.tsv");
  private static DatasetGraph store;
  private static TermSearch search;

  @BeforeAll
  static void setUp() {
    store = TinyKg.dataset();
    search = TermSearch.build(store, 10_000);
  }

  @AfterAll
  static void tearDown() {
    search.close();
  }

  static Stream<Arguments> cases() throws IOException {
    List<Arguments> out = new ArrayList<>();
    int line = 0;
    for (String row : Files.readAllLines(CASES, StandardCharsets.UTF_8)) {
      line++;
      if (row.startsWith("#") || row.startsWith("query\t") || row.isBlank()) {
        continue;
      }
      String[] f = row.split("\t", -1);
      out.add(Arguments.of(line + ": " + f[0], f[0], f[1], f[2]));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void namedQueryGivesTheExpectedRows(String title, String name, String args, String check) {
    NamedQuery q = QueryLibrary.shipped().get(name);
    DatasetGraph target = name.equals("label-search") ? search.dataset() : store;
    List<Binding> rows = q.select(target, parseArgs(args), -1, 0, 10_000);
    String[] c = check.split(" ", 3);
    String var = c[0];
    String op = c[1];
    if (var.equals("rows")) {
      assertEquals(Integer.parseInt(c[2]), rows.size(), () -> title + ": " + rows);
      return;
    }
    List<String> expected = c.length > 2 ? List.of(c[2].split(" \\| ")) : List.of();
    List<String> actual = new ArrayList<>();
    for (Binding b : rows) {
      Node n = b.get(var);
      actual.add(n == null ? "" : compact(n));
    }
    switch (op) {
      case "=" -> assertEquals(expected, actual, title);
      case "~" ->
          assertEquals(new TreeSet<>(expected), new TreeSet<>(actual), title + ": " + actual);
      case ">" ->
          assertTrue(new LinkedHashSet<>(actual).containsAll(expected), title + ": " + actual);
      default -> throw new IllegalArgumentException("unknown check operator " + op);
    }
  }

  @Test
  void everyShippedQueryHasACaseAndIsIndexed() throws IOException {
    Set<String> shipped = new TreeSet<>();
    try (Stream<Path> files = Files.list(Path.of("src/main/resources/derm-queries"))) {
      files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".rq"))
          .forEach(n -> shipped.add(n.substring(0, n.length() - 3)));
    }
    Set<String> indexed = new TreeSet<>();
    QueryLibrary.shipped().all().forEach(q -> indexed.add(q.name()));
    assertEquals(shipped, indexed, "derm-queries/INDEX must list every .rq file");
    Set<String> withCases = new TreeSet<>();
    cases().forEach(a -> withCases.add((String) a.get()[1]));
    assertEquals(shipped, withCases, "every named query needs a row in query-cases.tsv");
    for (NamedQuery q : QueryLibrary.shipped().all()) {
      assertFalse(q.description().isBlank(), q.name() + " has no description");
    }
  }

  static Map<String, Node> parseArgs(String args) {
    Map<String, Node> out = new LinkedHashMap<>();
    if (args.isBlank()) {
      return out;
    }
    for (String kv : args.split(";")) {
      int eq = kv.indexOf('=');
      out.put(kv.substring(0, eq), node(kv.substring(eq + 1)));
    }
    return out;
  }

  private static Node node(String v) {
    if (v.matches("\\d+")) {
      return NodeFactory.createLiteralDT(v, XSDDatatype.XSDinteger);
    }
    if (v.matches("(DERM|img|owl):\\S+")) {
      return NodeFactory.createURI(Prefixes.standard().expandPrefix(v));
    }
    if (v.startsWith("https://") || v.startsWith("http://")) {
      return NodeFactory.createURI(v);
    }
    return NodeFactory.createLiteralString(v);
  }

  private static String compact(Node n) {
    if (n.isURI()) {
      return Prefixes.standard().shortForm(n.getURI());
    }
    return n.isLiteral() ? n.getLiteralLexicalForm() : n.toString();
  }
}
