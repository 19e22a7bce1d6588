package org.dermkg.sparql.terms;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.OWL;
import org.apache.jena.vocabulary.RDF;
import org.dermkg.sparql.SparqlException;
import org.dermkg.sparql.SparqlException.Code;
import org.dermkg.sparql.cache.Refreshable;
import org.dermkg.sparql.query.QueryLibrary;
import org.dermkg.sparql.search.SearchHit;
import org.dermkg.sparql.search.TermSearch;

/**
 * The typed facade over the named queries: what the JSON API, the prompt generator and users of the
 * library ask of the knowledge graph. Queries run on the dataset as given; the server passes the
 * store with its union default graph, so the ontology graph (with the inferred hierarchy) and the
 * image graph are joined. Every method taking a class IRI first checks that the store declares it
 * an owl:Class and throws UNKNOWN_TERM otherwise. Thread-safe; image counts and the search index
 * are cached until {@link #dataChanged()}.
 */
public final class TermService {
  /** The largest page of images one call returns. */
  public static final int MAX_PAGE = 1000;

  private static final Node OWL_CLASS = OWL.Class.asNode();

  private final DatasetGraph dataset;
  private final long timeoutMillis;
  private final QueryLibrary library = QueryLibrary.shipped();
  // replaced, not cleared, after a write: a count computed before it lands in the old map
  private volatile Map<String, Long> imageCounts = new ConcurrentHashMap<>();
  private volatile Map<String, Boolean> knownDatasets = new ConcurrentHashMap<>();
  private volatile Map<String, List<Counted>> predicted = new ConcurrentHashMap<>();
  private final Refreshable<TermSearch> search;

  /**
   * @param dataset the store (union default graph) or any dataset with the same shape
   * @param timeoutMillis the time limit of each query; 0 for none
   */
  public TermService(DatasetGraph dataset, long timeoutMillis) {
    this.dataset = dataset;
    this.timeoutMillis = timeoutMillis;
    this.search =
        Refreshable.closing(() -> TermSearch.build(dataset, timeoutMillis), TermSearch::close);
  }

  /** The dataset queried. */
  public DatasetGraph dataset() {
    return dataset;
  }

  /**
   * Forgets cached counts and the search index (call after the data changed, before the write is
   * acknowledged): every call that starts after this returns sees the new data. A search still
   * running on the old index finishes on it; the old index is closed after its last search.
   */
  public void dataChanged() {
    imageCounts = new ConcurrentHashMap<>();
    knownDatasets = new ConcurrentHashMap<>();
    predicted = new ConcurrentHashMap<>();
    search.invalidate();
  }

  /**
   * Builds the search index now, when there is none, so the first search does not wait for it (the
   * server calls it in the background at start).
   */
  public void warmUp() {
    search.with(s -> s);
  }

  /** Lets go of the search index (the service may still be used: it is built again). */
  public void close() {
    imageCounts = new ConcurrentHashMap<>();
    search.close();
  }

  /** The IRI for a user-typed id, checked to be a class of the store. */
  public String resolve(String id) {
    Optional<String> external = TermIds.externalCurie(id);
    if (external.isPresent()) {
      return byMapping(external.get());
    }
    String iri = TermIds.toIri(id);
    requireClass(iri);
    return iri;
  }

  /**
   * The one class that exactly matches an external id (MONDO:0005012, ICD10CM:C43); when no class
   * or several do, 404 naming the classes that match it and how.
   */
  private String byMapping(String curie) {
    Node target = NodeFactory.createURI(org.dermkg.ontology.vocab.Obo.iri(curie));
    List<String> exact = new ArrayList<>();
    List<String> other = new ArrayList<>();
    Txn.executeRead(
        dataset,
        () -> {
          for (String p : org.dermkg.ontology.vocab.Obo.SKOS_MATCHES) {
            Node pred = NodeFactory.createURI(org.dermkg.ontology.vocab.Obo.SKOS + p);
            dataset
                .find(Node.ANY, Node.ANY, pred, target)
                .forEachRemaining(
                    q -> {
                      if (q.getSubject().isURI()) {
                        String iri = q.getSubject().getURI();
                        (p.equals("exactMatch") ? exact : other).add(TermIds.toId(iri) + " " + p);
                      }
                    });
          }
        });
    List<String> ex = exact.stream().distinct().toList();
    if (ex.size() == 1) {
      return TermIds.toIri(ex.get(0).substring(0, ex.get(0).indexOf(' ')));
    }
    List<String> all = new ArrayList<>(ex);
    other.stream().distinct().forEach(all::add);
    throw new SparqlException(
        Code.UNKNOWN_TERM,
        all.isEmpty()
            ? "no class maps " + curie
            : "no single class is an exact match of " + curie + ": " + String.join(", ", all));
  }

  /** Whether the store declares the IRI an owl:Class. */
  public boolean isClass(String iri) {
    Node n = NodeFactory.createURI(iri);
    return Txn.calculateRead(
        dataset, () -> dataset.contains(Node.ANY, n, RDF.type.asNode(), OWL_CLASS));
  }

  private void requireClass(String iri) {
    if (!isClass(iri)) {
      throw new SparqlException(Code.UNKNOWN_TERM, "no class " + iri + " in the store");
    }
  }

  /** Everything about a class. */
  public TermDetail term(String iri) {
    requireClass(iri);
    TermAnnotations annotations = TermAnnotations.of(run("term", iri));
    return annotations.detail(
        iri, parents(iri), !children(iri).isEmpty(), findings(iri), imageCount(iri));
  }

  /** Direct named superclasses. */
  public List<TermRef> parents(String iri) {
    requireClass(iri);
    return refs(run("parents", iri));
  }

  /** Direct named subclasses. */
  public List<Child> children(String iri) {
    requireClass(iri);
    List<Child> out = new ArrayList<>();
    for (Binding b : run("children", iri)) {
      Node has = b.get("hasChildren");
      out.add(new Child(ref(b), has != null && "true".equals(has.getLiteralLexicalForm())));
    }
    return out;
  }

  /** Every named superclass, transitively. */
  public List<TermRef> ancestors(String iri) {
    requireClass(iri);
    return refs(run("ancestors", iri));
  }

  /** Every named subclass, transitively. */
  public List<TermRef> descendants(String iri) {
    requireClass(iri);
    return refs(run("descendants", iri));
  }

  /** The class and its ancestors, from the class up to its root. */
  public List<PathStep> pathToRoot(String iri) {
    requireClass(iri);
    List<PathStep> out = new ArrayList<>();
    for (Binding b : run("path-to-root", iri)) {
      out.add(new PathStep(ref(b), (int) number(b, "depth")));
    }
    return out;
  }

  /** The other children of the class's parents (each once). */
  public List<TermRef> siblings(String iri) {
    requireClass(iri);
    Map<String, TermRef> unique = new LinkedHashMap<>();
    for (TermRef t : refs(run("siblings", iri))) {
      unique.putIfAbsent(t.iri(), t);
    }
    return List.copyOf(unique.values());
  }

  /** The top classes, each with its number of direct subclasses. */
  public List<Counted> roots() {
    return counted(
        library.get("roots").select(dataset, Map.of(), -1, 0, timeoutMillis), "children");
  }

  /**
   * Derm1M's images whose diagnosis is the class or a descendant (benchmark datasets' left out);
   * {@code limit} in 1..{@value MAX_PAGE}.
   */
  public ImagePage imagesUnder(String iri, long offset, int limit) {
    checkPage(offset, limit);
    requireClass(iri);
    List<ImagePage.ImageRef> images = new ArrayList<>();
    for (Binding b :
        library
            .get("images-under")
            .select(dataset, Map.of("class", uri(iri)), limit, offset, timeoutMillis)) {
      images.add(new ImagePage.ImageRef(b.get("image").getURI(), text(b, "filename")));
    }
    return new ImagePage(images, offset, limit, imageCount(iri));
  }

  /**
   * A benchmark dataset's images whose diagnosis is the class or a descendant, with their labels.
   *
   * @throws SparqlException UNKNOWN_TERM naming the loaded datasets when none has that name
   */
  public ImagePage imagesUnder(String iri, String datasetName, long offset, int limit) {
    checkPage(offset, limit);
    requireClass(iri);
    Map<String, Node> p = Map.of("dataset", uri(datasetIri(datasetName)), "class", uri(iri));
    long total =
        imageCounts.computeIfAbsent(
            datasetName + "\n" + iri,
            k ->
                number(
                    library
                        .get("dataset-image-count")
                        .select(dataset, p, -1, 0, timeoutMillis)
                        .get(0),
                    "images"));
    return new ImagePage(
        datasetImages(
            library.get("dataset-images-under").select(dataset, p, limit, offset, timeoutMillis)),
        offset,
        limit,
        total);
  }

  /**
   * A page of a benchmark dataset's images (file, label, diagnosis, Fitzpatrick type).
   *
   * @throws SparqlException UNKNOWN_TERM naming the loaded datasets when none has that name
   */
  public ImagePage datasetImages(String datasetName, long offset, int limit) {
    checkPage(offset, limit);
    Map<String, String> row = datasetRow(datasetName);
    Map<String, Node> p = Map.of("dataset", uri(row.get("dataset")));
    return new ImagePage(
        datasetImages(
            library.get("dataset-images").select(dataset, p, limit, offset, timeoutMillis)),
        offset,
        limit,
        Long.parseLong(row.get("images")));
  }

  private static List<ImagePage.ImageRef> datasetImages(List<Binding> rows) {
    List<ImagePage.ImageRef> images = new ArrayList<>(rows.size());
    for (Binding b : rows) {
      Node d = b.get("diagnosis");
      images.add(
          new ImagePage.ImageRef(
              b.get("image").getURI(),
              text(b, "filename"),
              text(b, "label"),
              d == null ? "" : d.getURI(),
              text(b, "fitzpatrick")));
    }
    return images;
  }

  private static void checkPage(long offset, int limit) {
    if (limit < 1 || limit > MAX_PAGE) {
      throw new SparqlException(
          Code.BAD_ARGUMENT, "limit must be between 1 and " + MAX_PAGE + ", was " + limit);
    }
    if (offset < 0) {
      throw new SparqlException(Code.BAD_ARGUMENT, "offset must not be negative, was " + offset);
    }
  }

  /** How many images are under the class (cached until {@link #dataChanged()}). */
  public long imageCount(String iri) {
    return imageCounts.computeIfAbsent(iri, k -> number(run("image-count", k).get(0), "images"));
  }

  /** The typical findings of a disease with their concepts and sites. */
  public List<Finding> findings(String iri) {
    Map<String, TermRef> findings = new LinkedHashMap<>();
    Map<String, LinkedHashSet<TermRef>> concepts = new LinkedHashMap<>();
    Map<String, LinkedHashSet<TermRef>> sites = new LinkedHashMap<>();
    for (Binding b : run("disease-findings", iri)) {
      String f = b.get("finding").getURI();
      findings.putIfAbsent(f, TermRef.of(f, literal(b, "findingLabel")));
      concepts.computeIfAbsent(f, k -> new LinkedHashSet<>());
      sites.computeIfAbsent(f, k -> new LinkedHashSet<>());
      Node value = b.get("value");
      if (value != null && value.isURI()) {
        TermRef v = TermRef.of(value.getURI(), literal(b, "valueLabel"));
        ("site".equals(literal(b, "kind")) ? sites : concepts).get(f).add(v);
      }
    }
    List<Finding> out = new ArrayList<>();
    findings.forEach(
        (f, ref) ->
            out.add(new Finding(ref, List.copyOf(concepts.get(f)), List.copyOf(sites.get(f)))));
    return out;
  }

  /** The concepts a disease's findings show, with how many findings show each. */
  public List<Counted> concepts(String iri) {
    requireClass(iri);
    return counted(run("disease-concepts", iri), "findings");
  }

  /**
   * The concepts predicted (derm concepts) on the images under a class, with how many images show
   * each, most first (cached until {@link #dataChanged()}: a root class spans every image).
   */
  public List<Counted> predictedConcepts(String iri) {
    requireClass(iri);
    return predicted.computeIfAbsent(
        iri, k -> counted(run("class-predicted-concepts", k), "images"));
  }

  /**
   * The images predicted to show a concept or a sub-concept, best score first: image, filename,
   * predicted, score, model.
   */
  public List<Map<String, String>> conceptImages(String conceptIri, int limit) {
    requireClass(conceptIri);
    List<Map<String, String>> out = new ArrayList<>();
    for (Binding b :
        library
            .get("concept-images")
            .select(dataset, Map.of("concept", uri(conceptIri)), limit, 0, timeoutMillis)) {
      out.add(values(b));
    }
    return out;
  }

  /** The benchmark label-set entries mapped to a class. */
  public List<LabelSetMapping> mappings(String iri) {
    requireClass(iri);
    List<LabelSetMapping> out = new ArrayList<>();
    for (Binding b : run("term-mappings", iri)) {
      String p = b.get("predicate").getURI();
      out.add(
          new LabelSetMapping(
              b.get("setName").getLiteralLexicalForm(),
              b.get("label") == null ? "" : b.get("label").getLiteralLexicalForm(),
              p.substring(p.lastIndexOf('#') + 1)));
    }
    return out;
  }

  /** Diseases with a finding showing the concept or a sub-concept. */
  public List<Counted> diseasesSharingConcept(String conceptIri) {
    requireClass(conceptIri);
    return counted(
        library
            .get("diseases-sharing-concept")
            .select(dataset, Map.of("concept", uri(conceptIri)), -1, 0, timeoutMillis),
        "findings");
  }

  /** Concepts annotated on the same images as the concept, with image counts. */
  public List<Counted> conceptCooccurrence(String conceptIri, int limit) {
    requireClass(conceptIri);
    return counted(
        library
            .get("concept-cooccurrence")
            .select(dataset, Map.of("concept", uri(conceptIri)), limit, 0, timeoutMillis),
        "images");
  }

  /**
   * Label search: exact matches first, then prefix matches, then by relevance.
   *
   * @param under limit to this class and its descendants, when present
   * @param limit 1..100 hits
   */
  public List<SearchHit> search(String text, Optional<String> under, int limit) {
    under.ifPresent(this::requireClass);
    return search.with(s -> s.search(text, under, limit));
  }

  /**
   * The benchmark datasets loaded beside Derm1M: dataset, name, imageType, licence, citation,
   * images.
   */
  public List<Map<String, String>> datasets() {
    return rows("datasets", Map.of());
  }

  /**
   * One dataset by name: its row of {@link #datasets()}, its images per class and per Fitzpatrick
   * type.
   *
   * @throws SparqlException UNKNOWN_TERM when no dataset has that name
   */
  public Map<String, Object> dataset(String name) {
    Map<String, String> row = datasetRow(name);
    Map<String, Node> p = Map.of("dataset", uri(row.get("dataset")));
    Map<String, Object> out = new LinkedHashMap<>(row);
    out.put("byClass", rows("dataset-classes", p));
    out.put("byFitzpatrick", rows("dataset-skin-types", p));
    return out;
  }

  /** The datasets row of one dataset; UNKNOWN_TERM naming the loaded ones when none has it. */
  private Map<String, String> datasetRow(String name) {
    List<Map<String, String>> all = datasets();
    return all.stream()
        .filter(d -> d.get("name").equals(name))
        .findFirst()
        .orElseThrow(() -> noDataset(name, all));
  }

  /** The dataset's IRI, when a dataset of that name is loaded (cached until data changes). */
  private String datasetIri(String name) {
    if (!knownDatasets.containsKey(name)) {
      datasetRow(name);
      knownDatasets.put(name, Boolean.TRUE);
    }
    return org.dermkg.ontology.vocab.Dkg.dataset(name);
  }

  private static SparqlException noDataset(String name, List<Map<String, String>> all) {
    return new SparqlException(
        Code.UNKNOWN_TERM,
        "no dataset '"
            + name
            + "'; the store holds "
            + all.stream().map(d -> d.get("name")).toList());
  }

  /**
   * The evaluation runs recorded by {@code derm evaluate --dataset}, newest first: one map per run
   * (evaluation, dataset, model, strategies, promptSetHash, images, top1, top5, meanRecall,
   * macroAuroc, date).
   */
  public List<Map<String, String>> evaluations() {
    return rows("evaluations", Map.of());
  }

  /** A named query's rows as maps of variable to value (lexical form, or the IRI). */
  private List<Map<String, String>> rows(String query, Map<String, Node> params) {
    List<Map<String, String>> out = new ArrayList<>();
    for (Binding b : library.get(query).select(dataset, params, -1, 0, timeoutMillis)) {
      out.add(values(b));
    }
    return out;
  }

  /** A result row as variable to value: a literal's lexical form, else the node (an IRI). */
  public static Map<String, String> values(Binding b) {
    Map<String, String> m = new LinkedHashMap<>();
    b.vars()
        .forEachRemaining(
            v -> {
              Node n = b.get(v);
              m.put(v.getVarName(), n.isLiteral() ? n.getLiteralLexicalForm() : n.toString());
            });
    return m;
  }

  private List<Binding> run(String query, String iri) {
    return library.get(query).select(dataset, Map.of("class", uri(iri)), -1, 0, timeoutMillis);
  }

  private static List<TermRef> refs(List<Binding> rows) {
    List<TermRef> out = new ArrayList<>(rows.size());
    for (Binding b : rows) {
      out.add(ref(b));
    }
    return out;
  }

  private static List<Counted> counted(List<Binding> rows, String countVar) {
    List<Counted> out = new ArrayList<>(rows.size());
    for (Binding b : rows) {
      out.add(new Counted(ref(b), number(b, countVar)));
    }
    return out;
  }

  private static TermRef ref(Binding b) {
    return TermRef.of(b.get("term").getURI(), literal(b, "label"));
  }

  private static String text(Binding b, String var) {
    String s = literal(b, var);
    return s == null ? "" : s;
  }

  private static String literal(Binding b, String var) {
    Node n = b.get(var);
    return n == null || !n.isLiteral() ? null : n.getLiteralLexicalForm();
  }

  private static long number(Binding b, String var) {
    Node n = b.get(var);
    return n == null ? 0 : Long.parseLong(n.getLiteralLexicalForm());
  }

  static Node uri(String iri) {
    return NodeFactory.createURI(iri);
  }

  static Node integer(long n) {
    return NodeFactory.createLiteralDT(Long.toString(n), XSDDatatype.XSDinteger);
  }
}
