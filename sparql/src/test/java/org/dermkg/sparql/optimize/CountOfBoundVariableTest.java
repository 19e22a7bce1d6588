package org.dermkg.sparql.optimize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.jena.query.ARQ;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.algebra.Algebra;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.optimize.Optimize;
import org.apache.jena.sparql.util.Context;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CountOfBoundVariableTest {
  private static final String PREFIX = "PREFIX : <urn:x:> ";
  private static final String DATA =
      """
      @prefix : <urn:x:> .
      :i1 :under :c ; :diagnosis :d1 . :i2 :under :c ; :diagnosis :d1 .
      :i3 :under :c ; :diagnosis :d2 ; :note "n" . :i4 :under :c .
      :d1 :label "one" . :d2 :label "two" , "deux" .
      """;

  private static String algebra(String query) {
    Op op = Algebra.optimize(Algebra.compile(QueryFactory.create(PREFIX + query)));
    return CountOfBoundVariable.rewrite(op).toString();
  }

  @Test
  void aCountOfAVariableOfTheBasicPatternCountsRows() {
    String op =
        algebra(
            "SELECT ?l (COUNT(?i) AS ?n) WHERE { ?i :under :c ; :diagnosis ?d . ?d :label ?l }"
                + " GROUP BY ?l");
    assertTrue(op.contains("(count)"), op);
    assertFalse(op.contains("(count ?i)"), op);
  }

  @Test
  void aVariableThatMayBeUnboundIsLeftAlone() {
    assertTrue(
        algebra("SELECT (COUNT(?x) AS ?n) WHERE { ?i :under :c OPTIONAL { ?i :note ?x } }")
            .contains("(count ?x)"));
    assertTrue(
        algebra("SELECT (COUNT(?x) AS ?n) WHERE { { ?x :label ?l } UNION { ?i :under ?c } }")
            .contains("(count ?x)"));
    assertTrue(
        algebra("SELECT (COUNT(?x) AS ?n) WHERE { ?i :under :c BIND(?i AS ?x) }")
            .contains("(count ?x)"));
    assertTrue(
        algebra("SELECT (COUNT(?x) AS ?n) WHERE { ?i :under :c VALUES ?x { UNDEF :a } }")
            .contains("(count ?x)"));
    assertTrue(
        algebra("SELECT (COUNT(DISTINCT ?i) AS ?n) WHERE { ?i :under :c }").contains("distinct"));
  }

  /** Answers with the rewrite registered equal those of Jena's own optimizer alone. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "SELECT ?l (COUNT(?i) AS ?n) WHERE { ?i :under :c ; :diagnosis ?d . ?d :label ?l } GROUP BY ?l ORDER BY ?l",
        "SELECT (COUNT(?x) AS ?n) WHERE { ?i :under :c OPTIONAL { ?i :note ?x } }",
        "SELECT (COUNT(?d) AS ?n) WHERE { ?i :under :c OPTIONAL { ?i :diagnosis ?d } }",
        "SELECT ?d (COUNT(?i) AS ?n) WHERE { ?i :diagnosis ?d FILTER(?d != :d2) } GROUP BY ?d",
        "SELECT (COUNT(?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
        "SELECT (COUNT(?x) AS ?n) (COUNT(*) AS ?all) WHERE { { ?x :label ?l } UNION { ?i :under :c } }"
      })
  void answersAreTheSame(String query) {
    Model m = ModelFactory.createDefaultModel();
    RDFParser.fromString(DATA, Lang.TURTLE).parse(m);
    Query q = QueryFactory.create(PREFIX + query);
    Dataset plain = DatasetFactory.wrap(m);
    Dataset rewritten = DatasetFactory.wrap(m);
    CountOfBoundVariable.install(rewritten.getContext());
    assertEquals(run(q, plain), run(q, rewritten), query);
  }

  /** Installed in a dataset's context, the rewrite runs for that dataset's queries only. */
  @Test
  void installedInAContextItRewritesThatDatasetsQueriesOnly() {
    Op op =
        Algebra.compile(
            QueryFactory.create(
                PREFIX + "SELECT (COUNT(?i) AS ?n) WHERE { ?i :under :c ; :diagnosis ?d }"));
    Dataset ds = DatasetFactory.wrap(ModelFactory.createDefaultModel());
    CountOfBoundVariable.install(ds.getContext());
    CountOfBoundVariable.install(ds.getContext());
    String installed = Optimize.optimize(op, ds.getContext()).toString();
    assertTrue(installed.contains("(count)"), installed);
    String global = Optimize.optimize(op, ARQ.getContext()).toString();
    assertTrue(global.contains("(count ?i)"), global);
    // a query over the dataset is optimized with the dataset's context merged into ARQ's global
    // one (QueryEngineMain.modifyOp), as Fuseki's are
    Context merged = Context.setupContextForDataset(ARQ.getContext(), ds.asDatasetGraph());
    String engine = Algebra.optimize(op, merged).toString();
    assertTrue(engine.contains("(count)"), engine);
  }

  private static List<String> run(Query q, Dataset d) {
    try (QueryExecution qe = QueryExecution.create(q, d)) {
      List<String> rows = new ArrayList<>();
      qe.execSelect()
          .forEachRemaining(
              s -> {
                List<String> vals = new ArrayList<>();
                s.varNames().forEachRemaining(v -> vals.add(v + "=" + s.get(v)));
                rows.add(String.join(",", vals));
              });
      return rows;
    }
  }
}
