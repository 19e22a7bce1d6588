package org.dermkg.sparql.prompts;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.engine.binding.Binding;
import org.dermkg.ontology.resolve.LabelResolver;
import org.dermkg.ontology.resolve.NameType;
import org.dermkg.ontology.resolve.Term;
import org.dermkg.ontology.resolve.TermIndex;
import org.dermkg.ontology.table.Branch;
import org.dermkg.ontology.vocab.Obo;
import org.dermkg.sparql.SparqlException;
import org.dermkg.sparql.SparqlException.Code;
import org.dermkg.sparql.query.QueryLibrary;

/**
 * Every named class of a store's ontology with its names, parents and findings, read in a few bulk
 * queries (the class-records, class-names, class-mappings, class-parents, class-findings,
 * label-sets and ontology-version named queries) and indexed for the prompt generator. Immutable.
 */
public final class ClassCatalog {
  private static final Comparator<CatalogClass> BY_LABEL =
      Comparator.comparing((CatalogClass c) -> c.label().toLowerCase(Locale.ROOT))
          .thenComparing(CatalogClass::iri);

  private final Map<String, CatalogClass> classes;
  private final Map<String, List<String>> children;
  private final Map<String, Set<String>> ancestors = new HashMap<>();
  private final Map<String, List<LabelSetEntry>> labelSets;
  private final String version;
  private final LabelResolver resolver;

  private ClassCatalog(
      Map<String, CatalogClass> classes,
      Map<String, List<Term.Mapping>> mappings,
      Map<String, List<LabelSetEntry>> sets,
      String version) {
    this.classes = classes;
    this.labelSets = sets;
    this.version = version;
    Map<String, List<String>> kids = new HashMap<>();
    for (CatalogClass c : classes.values()) {
      for (String p : c.parents()) {
        kids.computeIfAbsent(p, k -> new ArrayList<>()).add(c.iri());
      }
    }
    kids.values().forEach(l -> l.sort(Comparator.comparing(classes::get, BY_LABEL)));
    this.children = kids;
    for (String iri : classes.keySet()) {
      ancestors.put(iri, collectAncestors(iri));
    }
    this.resolver = new LabelResolver(termIndex(mappings));
  }

  /** Reads the catalog of a dataset (the store's union graph or a dataset of the same shape). */
  public static ClassCatalog read(DatasetGraph dataset, long timeoutMillis) {
    QueryLibrary lib = QueryLibrary.shipped();
    Map<String, Node> none = Map.of();
    Map<String, List<CatalogClass.Name>> names = new HashMap<>();
    for (Binding b : lib.get("class-names").select(dataset, none, -1, 0, timeoutMillis)) {
      names
          .computeIfAbsent(uri(b, "class"), k -> new ArrayList<>())
          .add(new CatalogClass.Name(text(b, "kind"), text(b, "name")));
    }
    Map<String, List<Term.Mapping>> mappings = new HashMap<>();
    for (Binding b : lib.get("class-mappings").select(dataset, none, -1, 0, timeoutMillis)) {
      mappings
          .computeIfAbsent(uri(b, "class"), k -> new ArrayList<>())
          .add(new Term.Mapping(text(b, "match"), Obo.curie(uri(b, "target"))));
    }
    Map<String, List<String>> parents = new HashMap<>();
    for (Binding b : lib.get("class-parents").select(dataset, none, -1, 0, timeoutMillis)) {
      parents.computeIfAbsent(uri(b, "class"), k -> new ArrayList<>()).add(uri(b, "parent"));
    }
    Map<String, List<FindingText>> findings = findings(lib, dataset, timeoutMillis);
    Map<String, CatalogClass> classes = new TreeMap<>();
    for (Binding b : lib.get("class-records").select(dataset, none, -1, 0, timeoutMillis)) {
      String iri = uri(b, "class");
      classes.put(
          iri,
          record(
              b,
              names.getOrDefault(iri, List.of()),
              parents.getOrDefault(iri, List.of()),
              findings.getOrDefault(iri, List.of())));
    }
    Map<String, List<LabelSetEntry>> sets = labelSets(lib, dataset, timeoutMillis);
    List<Binding> v = lib.get("ontology-version").select(dataset, none, -1, 0, timeoutMillis);
    String version = v.isEmpty() ? "unversioned" : text(v.get(0), "version");
    if (classes.isEmpty()) {
      throw new SparqlException(Code.QUERY_FAILED, "the store holds no ontology classes");
    }
    return new ClassCatalog(classes, mappings, sets, version);
  }

  private static CatalogClass record(
      Binding b, List<CatalogClass.Name> names, List<String> parents, List<FindingText> findings) {
    String iri = uri(b, "class");
    Node level = b.get("level");
    OptionalInt lv = OptionalInt.empty();
    if (level != null && level.isLiteral()) {
      try {
        lv = OptionalInt.of(Integer.parseInt(level.getLiteralLexicalForm()));
      } catch (NumberFormatException e) {
        lv = OptionalInt.empty();
      }
    }
    Node label = b.get("label");
    Node dep = b.get("deprecated");
    return new CatalogClass(
        iri,
        label == null ? localName(iri) : label.getLiteralLexicalForm(),
        Optional.ofNullable(b.get("definition")).map(Node::getLiteralLexicalForm),
        lv,
        dep != null && "true".equals(dep.getLiteralLexicalForm()),
        names,
        parents,
        findings);
  }

  private static Map<String, List<LabelSetEntry>> labelSets(
      QueryLibrary lib, DatasetGraph dataset, long timeoutMillis) {
    Map<String, List<LabelSetEntry>> sets = new LinkedHashMap<>();
    for (Binding b : lib.get("label-sets").select(dataset, Map.of(), -1, 0, timeoutMillis)) {
      String set = text(b, "setName");
      String predicate = uri(b, "predicate");
      Node label = b.get("label");
      sets.computeIfAbsent(set, k -> new ArrayList<>())
          .add(
              new LabelSetEntry(
                  set,
                  Integer.parseInt(text(b, "position")),
                  label == null ? localName(uri(b, "entry")) : label.getLiteralLexicalForm(),
                  uri(b, "class"),
                  predicate.substring(predicate.lastIndexOf('#') + 1)));
    }
    return sets;
  }

  private static Map<String, List<FindingText>> findings(
      QueryLibrary lib, DatasetGraph dataset, long timeoutMillis) {
    // class -> finding -> (label, concepts, sites), in the query's order
    Map<String, Map<String, String[]>> labels = new LinkedHashMap<>();
    Map<String, Set<String>> concepts = new HashMap<>();
    Map<String, Set<String>> sites = new HashMap<>();
    for (Binding b : lib.get("class-findings").select(dataset, Map.of(), -1, 0, timeoutMillis)) {
      String cls = uri(b, "class");
      String finding = uri(b, "finding");
      Node fl = b.get("findingLabel");
      labels
          .computeIfAbsent(cls, k -> new LinkedHashMap<>())
          .putIfAbsent(
              finding, new String[] {fl == null ? localName(finding) : fl.getLiteralLexicalForm()});
      Node kind = b.get("kind");
      Node value = b.get("valueLabel");
      if (kind != null && value != null) {
        Map<String, Set<String>> target =
            "concept".equals(kind.getLiteralLexicalForm()) ? concepts : sites;
        target.computeIfAbsent(finding, k -> new TreeSet<>()).add(value.getLiteralLexicalForm());
      }
    }
    Map<String, List<FindingText>> out = new HashMap<>();
    labels.forEach(
        (cls, fs) ->
            fs.forEach(
                (f, label) ->
                    out.computeIfAbsent(cls, k -> new ArrayList<>())
                        .add(
                            new FindingText(
                                f,
                                label[0],
                                List.copyOf(concepts.getOrDefault(f, Set.of())),
                                List.copyOf(sites.getOrDefault(f, Set.of()))))));
    return out;
  }

  private static String uri(Binding b, String var) {
    Node n = b.get(var);
    return n.isURI() ? n.getURI() : n.toString();
  }

  private static String text(Binding b, String var) {
    Node n = b.get(var);
    return n.isLiteral() ? n.getLiteralLexicalForm() : n.toString();
  }

  private static String localName(String iri) {
    int cut = Math.max(iri.lastIndexOf('/'), iri.lastIndexOf('#'));
    return iri.substring(cut + 1);
  }

  private Set<String> collectAncestors(String iri) {
    Set<String> seen = new LinkedHashSet<>();
    List<String> todo = new ArrayList<>(classes.get(iri).parents());
    while (!todo.isEmpty()) {
      String p = todo.remove(todo.size() - 1);
      if (seen.add(p) && classes.containsKey(p)) {
        todo.addAll(classes.get(p).parents());
      }
    }
    seen.remove(iri);
    return Set.copyOf(seen);
  }

  private TermIndex termIndex(Map<String, List<Term.Mapping>> mappings) {
    List<Term> terms = new ArrayList<>();
    for (CatalogClass c : classes.values()) {
      List<Term.Name> names = new ArrayList<>();
      names.add(new Term.Name(c.label(), NameType.LABEL));
      for (CatalogClass.Name n : c.names()) {
        switch (n.kind()) {
          case "exact" -> names.add(new Term.Name(n.text(), NameType.EXACT_SYNONYM));
          case "derm1m" -> names.add(new Term.Name(n.text(), NameType.DERM1M_NAME));
          case "related" -> names.add(new Term.Name(n.text(), NameType.RELATED_SYNONYM));
          default -> {
            // abbreviations are too ambiguous to resolve a user's text
          }
        }
      }
      terms.add(
          new Term(
              c.id(),
              c.iri(),
              c.label(),
              branch(c.iri()),
              names,
              c.deprecated(),
              empty(),
              mappings.getOrDefault(c.iri(), List.of())));
    }
    return new TermIndex(terms);
  }

  private static Optional<String> empty() {
    return Optional.empty();
  }

  /** The class, if the catalog has it. */
  public Optional<CatalogClass> get(String iri) {
    return Optional.ofNullable(classes.get(iri));
  }

  /** Every class, by IRI. */
  public List<CatalogClass> all() {
    return List.copyOf(classes.values());
  }

  /** Direct subclasses, by label. */
  public List<String> children(String iri) {
    return children.getOrDefault(iri, List.of());
  }

  /** Proper ancestors (every superclass but the class itself). */
  public Set<String> ancestors(String iri) {
    return ancestors.getOrDefault(iri, Set.of());
  }

  /** Whether {@code ancestor} is a proper superclass of {@code iri}. */
  public boolean isAncestor(String ancestor, String iri) {
    return ancestors(iri).contains(ancestor);
  }

  /** Proper descendants in depth-first order (children by label), each once. */
  public List<String> descendants(String iri) {
    Set<String> out = new LinkedHashSet<>();
    walk(iri, out);
    out.remove(iri);
    return List.copyOf(out);
  }

  private void walk(String iri, Set<String> out) {
    for (String c : children(iri)) {
      if (out.add(c)) {
        walk(c, out);
      }
    }
  }

  /** The branch of the ontology whose root the class is or reaches. */
  public Optional<Branch> branch(String iri) {
    for (Branch b : Branch.values()) {
      if (b.rootIri().equals(iri) || ancestors(iri).contains(b.rootIri())) {
        return Optional.of(b);
      }
    }
    return Optional.empty();
  }

  /** Label-set names in the store, sorted. */
  public List<String> labelSetNames() {
    return labelSets.keySet().stream().sorted(String.CASE_INSENSITIVE_ORDER).toList();
  }

  /** A label set's entries in benchmark order; the name is matched ignoring case. */
  public Optional<List<LabelSetEntry>> labelSet(String name) {
    return labelSets.entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(name.strip()))
        .map(Map.Entry::getValue)
        .findFirst();
  }

  /** The ontology version recorded in the store ("unversioned" when none is). */
  public String version() {
    return version;
  }

  /** A label resolver over the catalog's names (ids, labels, synonyms, Derm1M names). */
  public LabelResolver resolver() {
    return resolver;
  }

  /** Number of classes. */
  public int size() {
    return classes.size();
  }
}
