package org.dermkg.sparql.prompts;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QueryParseException;
import org.apache.jena.query.Syntax;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.QueryExecDatasetBuilder;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.system.Txn;
import org.dermkg.sparql.Prefixes;
import org.dermkg.sparql.SparqlException;
import org.dermkg.sparql.SparqlException.Code;
import org.dermkg.sparql.guard.OutboundPolicy;

/** Turns a {@link Selection} into the entries of a prompt set, in order. */
final class Selector {
  /** The most classes one prompt set may have. */
  static final int MAX_CLASSES = 5000;

  private final ClassCatalog catalog;
  private final TermFinder terms;
  private final DatasetGraph dataset;
  private final long timeoutMillis;
  private final List<String> resolved = new ArrayList<>();

  Selector(ClassCatalog catalog, DatasetGraph dataset, long timeoutMillis) {
    this.catalog = catalog;
    this.terms = new TermFinder(catalog);
    this.dataset = dataset;
    this.timeoutMillis = timeoutMillis;
  }

  /** What the selection resolved to beyond the class list (subtree roots, group members). */
  List<String> resolved() {
    return List.copyOf(resolved);
  }

  List<Entry> select(Selection selection) {
    List<Entry> entries;
    if (selection instanceof Selection.LabelSet s) {
      entries = labelSet(s.name());
    } else if (selection instanceof Selection.Classes c) {
      entries = classes(c.terms());
    } else if (selection instanceof Selection.Level l) {
      entries = level(l.level());
    } else if (selection instanceof Selection.Subtree s) {
      entries = subtree(s);
    } else if (selection instanceof Selection.Sparql s) {
      entries = sparql(s.query());
    } else {
      entries =
          new Grouper(catalog, terms).groups(((Selection.Groups) selection).groups(), resolved);
    }
    if (entries.size() > MAX_CLASSES) {
      throw new SparqlException(
          Code.BAD_ARGUMENT,
          "the selection has " + entries.size() + " classes, more than " + MAX_CLASSES);
    }
    Set<String> names = new HashSet<>();
    for (Entry e : entries) {
      if (!names.add(e.name())) {
        throw new SparqlException(
            Code.BAD_ARGUMENT, "two classes of the set are both named '" + e.name() + "'");
      }
    }
    return entries;
  }

  private List<Entry> labelSet(String name) {
    List<LabelSetEntry> rows =
        catalog
            .labelSet(name)
            .orElseThrow(
                () ->
                    new SparqlException(
                        Code.BAD_ARGUMENT,
                        "unknown label set '"
                            + name
                            + "' ("
                            + (catalog.labelSetNames().isEmpty()
                                ? "the store's ontology graph has no label sets; it was installed"
                                    + " by an older release: run derm load to update it"
                                : "the store has: " + String.join(", ", catalog.labelSetNames()))
                            + ")"));
    List<Entry> out = new ArrayList<>();
    for (LabelSetEntry r : rows) {
      CatalogClass c =
          catalog
              .get(r.classIri())
              .orElseThrow(
                  () ->
                      new SparqlException(
                          Code.UNKNOWN_TERM,
                          "label set "
                              + r.set()
                              + ": '"
                              + r.label()
                              + "' is mapped to "
                              + r.classIri()
                              + ", which is not a class of the ontology"));
      out.add(new Entry(r.label(), List.of(c), Optional.of(r.predicate()), false));
    }
    return out;
  }

  private List<Entry> classes(List<String> list) {
    if (list.isEmpty()) {
      throw new SparqlException(Code.BAD_ARGUMENT, "no class given");
    }
    List<Entry> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String t : list) {
      CatalogClass c = terms.find(t);
      if (!seen.add(c.iri())) {
        throw new SparqlException(
            Code.BAD_ARGUMENT, "'" + t + "' names " + c.id() + " (" + c.label() + ") again");
      }
      out.add(Entry.of(c));
    }
    return out;
  }

  private List<Entry> level(int level) {
    List<Entry> out = new ArrayList<>();
    TreeSet<Integer> levels = new TreeSet<>();
    for (CatalogClass c : catalog.all()) {
      if (c.deprecated() || c.level().isEmpty()) {
        continue;
      }
      levels.add(c.level().getAsInt());
      if (c.level().getAsInt() == level) {
        out.add(Entry.of(c));
      }
    }
    if (out.isEmpty()) {
      throw new SparqlException(
          Code.BAD_ARGUMENT,
          "no class at level "
              + level
              + (levels.isEmpty()
                  ? " (the ontology has no levels)"
                  : " (levels " + levels.first() + " to " + levels.last() + ")"));
    }
    out.sort(java.util.Comparator.comparing(e -> e.name().toLowerCase(java.util.Locale.ROOT)));
    return out;
  }

  private List<Entry> subtree(Selection.Subtree s) {
    CatalogClass root = terms.find(s.term());
    resolved.add(root.id() + " " + root.label());
    List<String> iris =
        s.allDescendants() ? catalog.descendants(root.iri()) : catalog.children(root.iri());
    List<Entry> out = new ArrayList<>();
    for (String iri : iris) {
      catalog.get(iri).filter(c -> !c.deprecated()).ifPresent(c -> out.add(Entry.of(c)));
    }
    if (out.isEmpty()) {
      throw new SparqlException(
          Code.BAD_ARGUMENT, root.id() + " (" + root.label() + ") has no subclasses");
    }
    return out;
  }

  private List<Entry> sparql(String text) {
    Query query = parse(text);
    OutboundPolicy.of(dataset.getContext()).check(query);
    List<String> vars = query.getResultVars();
    String var = vars.contains("class") ? "class" : vars.isEmpty() ? null : vars.get(0);
    if (var == null) {
      throw new SparqlException(Code.BAD_ARGUMENT, "the SELECT projects no variable");
    }
    Var v = Var.alloc(var);
    Set<String> iris = new LinkedHashSet<>();
    List<String> problems = new ArrayList<>();
    int[] row = {0};
    run(
        query,
        b -> {
          row[0]++;
          Node n = b.get(v);
          if (n == null || !n.isURI() || catalog.get(n.getURI()).isEmpty()) {
            if (problems.size() < 3) {
              problems.add(
                  "row " + row[0] + ": ?" + var + " is " + (n == null ? "unbound" : n.toString()));
            }
          } else {
            iris.add(n.getURI());
          }
          return iris.size() <= MAX_CLASSES;
        });
    if (!problems.isEmpty()) {
      throw new SparqlException(
          Code.BAD_ARGUMENT,
          "the query must return ontology classes in ?" + var + ": " + String.join("; ", problems));
    }
    if (iris.isEmpty()) {
      throw new SparqlException(Code.BAD_ARGUMENT, "the query returned no classes");
    }
    List<Entry> out = new ArrayList<>();
    iris.forEach(iri -> out.add(Entry.of(catalog.get(iri).orElseThrow())));
    return out;
  }

  private static Query parse(String text) {
    if (text == null || text.isBlank()) {
      throw new SparqlException(Code.BAD_ARGUMENT, "empty SPARQL query");
    }
    Query query = new Query();
    query.getPrefixMapping().setNsPrefixes(Prefixes.standard());
    try {
      QueryFactory.parse(query, text, null, Syntax.syntaxSPARQL_11);
    } catch (QueryParseException e) {
      throw new SparqlException(
          Code.BAD_ARGUMENT, "the SPARQL text does not parse: " + e.getMessage(), e);
    }
    if (!query.isSelectType()) {
      throw new SparqlException(
          Code.BAD_ARGUMENT,
          "the SPARQL text is a " + query.queryType() + " query; a SELECT of classes is needed");
    }
    return query;
  }

  private void run(Query query, java.util.function.Predicate<Binding> sink) {
    try {
      Txn.executeRead(
          dataset,
          () -> {
            QueryExecDatasetBuilder exec =
                QueryExecDatasetBuilder.create().dataset(dataset).query(query);
            if (timeoutMillis > 0) {
              exec.timeout(timeoutMillis, TimeUnit.MILLISECONDS);
            }
            try (QueryExec qe = exec.build()) {
              RowSet rows = qe.select();
              while (rows.hasNext() && sink.test(rows.next())) {
                // the sink stops the loop past the class limit
              }
            }
          });
    } catch (QueryCancelledException e) {
      throw new SparqlException(
          Code.TIMEOUT, "the class query ran past " + timeoutMillis + " ms", e);
    } catch (SparqlException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new SparqlException(Code.QUERY_FAILED, "the class query failed: " + e.getMessage(), e);
    }
  }
}
