package org.dermkg.sparql.optimize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.TDB2;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The executor that remembers repeated lookups answers exactly what TDB2's own does: two TDB2
 * datasets with the same quads, one with {@link RepeatedLookups} installed, every query's rows
 * compared as a multiset (in order where the query orders them).
 */
class RepeatedLookupsTest {
  private static final String PREFIX = "PREFIX : <http://example.org/x#> ";
  private static DatasetGraph plain;
  private static DatasetGraph remembering;

  /**
   * 300 images in two graphs (one image's diagnosis stated in both, the union must count it once),
   * five diagnoses in an ontology graph, d1 with two labels and 100 alternative names (more than
   * one lookup may keep), images linked to themselves by :same (a repeated variable).
   */
  static String trig() {
    StringBuilder g1 = new StringBuilder();
    StringBuilder g2 = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      StringBuilder g = i % 3 == 0 ? g2 : g1;
      g.append(":i%d :under :c ; :diagnosis :d%d .%n".formatted(i, i % 5));
      if (i % 7 == 0) {
        g.append(":i%d :note \"n%d\" ; :same :i%d .%n".formatted(i, i, i));
      }
      if (i % 11 == 0) {
        g.append(":i%d :same :i%d .%n".formatted(i, i + 1));
      }
    }
    g2.append(":i1 :diagnosis :d1 .\n");
    StringBuilder ont = new StringBuilder();
    for (int d = 0; d < 5; d++) {
      ont.append(":d%d :label \"label %d\" .%n".formatted(d, d));
    }
    ont.append(":d1 :label \"un\"@fr .\n");
    for (int a = 0; a < 100; a++) {
      ont.append(":d1 :alt \"alt %d\" .%n".formatted(a));
    }
    return "PREFIX : <http://example.org/x#>\n:g1 {\n%s}\n:g2 {\n%s}\n:ont {\n%s}\n"
        .formatted(g1, g2, ont);
  }

  private static DatasetGraph load(boolean remember) {
    DatasetGraph d = DatabaseMgr.createDatasetGraph();
    Txn.executeWrite(d, () -> RDFParser.fromString(trig(), Lang.TRIG).parse(d));
    d.getContext().set(TDB2.symUnionDefaultGraph, true);
    if (remember) {
      RepeatedLookups.install(d.getContext());
    }
    return d;
  }

  @BeforeAll
  static void datasets() {
    plain = load(false);
    remembering = load(true);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "SELECT ?l (COUNT(*) AS ?n) WHERE { ?i :under :c ; :diagnosis ?d . ?d :label ?l }"
            + " GROUP BY ?l ORDER BY DESC(?n) ?l",
        "SELECT * WHERE { ?i :diagnosis ?d . ?d :label ?l }",
        "SELECT * WHERE { ?i :diagnosis ?d . ?d :alt ?a }",
        "SELECT * WHERE { ?x :same ?x . ?x :diagnosis ?d . ?d :label ?l }",
        "SELECT * WHERE { ?x :same ?y . ?y :diagnosis ?d . ?d :label ?l }",
        "SELECT * WHERE { GRAPH ?g { ?i :under :c ; :diagnosis ?d } }",
        "SELECT * WHERE { GRAPH :g2 { ?i :under :c ; :diagnosis ?d } }",
        "SELECT * WHERE { ?i :diagnosis :nowhere . ?i :under ?c }",
        "SELECT * WHERE { ?i :under :c OPTIONAL { ?i :diagnosis ?d . ?d :label ?l } }",
        "SELECT * WHERE { ?i :under :c OPTIONAL { ?i :note ?n . ?i :same ?s } }",
        "SELECT * WHERE { VALUES ?d { :d1 :missing :d3 } ?i :diagnosis ?d . ?d :label ?l }",
        "SELECT * WHERE { ?i :under :c ; :diagnosis ?d . ?d :label ?l } ORDER BY ?i ?l LIMIT 7",
        "SELECT * WHERE { ?i :under :c . FILTER(?i != :i3) ?i :diagnosis ?d . ?d :label ?l }",
        "SELECT ?d (COUNT(*) AS ?n) WHERE { ?i :diagnosis ?d . ?d :alt ?a . ?d :label ?l }"
            + " GROUP BY ?d",
      })
  void answersAreTheSame(String query) {
    List<String> expected = rows(plain, query);
    assertEquals(expected, rows(remembering, query), query);
  }

  @Test
  void repeatedLookupsAreAnsweredFromMemoryAndNewOnesAreNot() {
    long before = RepeatedLookups.remembered();
    rows(remembering, "SELECT * WHERE { ?i :under :c ; :diagnosis ?d . ?d :label ?l }");
    long afterLabels = RepeatedLookups.remembered();
    // 300 image rows over 5 diagnoses: all but the first lookup of each diagnosis repeat.
    assertTrue(afterLabels - before >= 290, () -> "remembered " + (afterLabels - before));
    rows(remembering, "SELECT * WHERE { ?i :under :c ; :note ?n }");
    assertEquals(afterLabels, RepeatedLookups.remembered(), "each image is looked up once");
    rows(plain, "SELECT * WHERE { ?i :under :c ; :diagnosis ?d . ?d :label ?l }");
    assertEquals(afterLabels, RepeatedLookups.remembered(), "not installed: not used");
  }

  @Test
  void aLongQueryIsStillCancelledByItsTimeout() {
    String cross = "SELECT * WHERE { ?a :alt ?x . ?b :alt ?y . ?c :alt ?z . ?e :alt ?w }";
    long t0 = System.nanoTime();
    assertThrows(
        QueryCancelledException.class,
        () ->
            Txn.executeRead(
                remembering,
                () -> {
                  try (QueryExecution qe =
                      QueryExecution.dataset(DatasetFactory.wrap(remembering))
                          .query(PREFIX + cross)
                          .timeout(200, TimeUnit.MILLISECONDS)
                          .build()) {
                    qe.execSelect().forEachRemaining(s -> {});
                  }
                }));
    assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(20));
  }

  private static List<String> rows(DatasetGraph d, String query) {
    boolean ordered = query.contains("ORDER BY");
    List<String> out = new ArrayList<>();
    Txn.executeRead(
        d,
        () -> {
          try (QueryExecution qe =
              QueryExecution.dataset(DatasetFactory.wrap(d)).query(PREFIX + query).build()) {
            qe.execSelect()
                .forEachRemaining(
                    s -> {
                      List<String> vals = new ArrayList<>();
                      s.varNames().forEachRemaining(v -> vals.add(v + "=" + s.get(v)));
                      vals.sort(null);
                      out.add(String.join(",", vals));
                    });
          }
        });
    if (!ordered) {
      out.sort(null);
    }
    assertFalse(query.contains(":nowhere") ? !out.isEmpty() : out.isEmpty(), query);
    return out;
  }
}
