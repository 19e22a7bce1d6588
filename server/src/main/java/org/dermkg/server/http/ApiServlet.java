package org.dermkg.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.engine.binding.Binding;
import org.dermkg.sparql.SparqlException;
import org.dermkg.sparql.query.NamedQuery;
import org.dermkg.sparql.query.QueryLibrary;
import org.dermkg.sparql.search.TermSearch;
import org.dermkg.sparql.terms.TermDetail;
import org.dermkg.sparql.terms.TermService;

/**
 * The JSON API under {@code /api}: terms and their hierarchy, roots, search, named queries and
 * health (routes in the README), one {@link Route} each. GET only; every error is JSON with a
 * stable code (404 for unknown terms and routes, 400 for bad parameters, 503 when a query ran past
 * its time limit).
 */
final class ApiServlet extends RouteServlet {
  private static final long serialVersionUID = 1L;

  /**
   * Values written into the named queries' parameters for the SPARQL editor's examples: Malignant
   * melanoma (has ancestors, children, findings and benchmark labels), Primary morphology, the
   * HAM10000 dataset, the disease root (to compare a class with).
   */
  private static final Map<String, Node> EXAMPLE_ARGS =
      Map.of(
          "class", NodeFactory.createURI("https://w3id.org/dermkg/DERM_0001242"),
          "concept", NodeFactory.createURI("https://w3id.org/dermkg/DERM_0002001"),
          "under", NodeFactory.createURI("http://www.w3.org/2002/07/owl#Thing"),
          "dataset", NodeFactory.createURI("https://w3id.org/dermkg/dataset/HAM10000"),
          "versus", NodeFactory.createURI(org.dermkg.ontology.vocab.Derm.DISEASE_ROOT));

  private static final long EXAMPLE_LIMIT = 100;

  private final transient TermService terms;
  private final transient Supplier<ObjectNode> health;
  private final long maxRows;

  ApiServlet(TermService terms, Supplier<ObjectNode> health, long maxRows) {
    this.terms = terms;
    this.health = health;
    this.maxRows = maxRows;
  }

  @Override
  String wrongMethod() {
    return "the JSON API is read-only: use GET";
  }

  @Override
  List<Route> routes() {
    List<Route> all = new java.util.ArrayList<>(termRoutes());
    all.addAll(datasetRoutes());
    return List.copyOf(all);
  }

  /** The index, health, search and the terms' views. */
  private List<Route> termRoutes() {
    return List.of(
        Route.get("/api", c -> Reply.json(index(c))),
        Route.get("/api/health", c -> Reply.json(health.get())),
        Route.get("/api/roots", c -> Reply.json(TermJson.counted(terms.roots(), "children"))),
        Route.get("/api/search", c -> Reply.json(search(c))),
        Route.get("/api/prefixes", c -> Reply.json(prefixes())),
        Route.get("/api/terms", c -> Reply.json(termByParameter(c))),
        Route.get("/api/terms/{id}", c -> Reply.json(TermJson.detail(term(c), c.apiBase()))),
        view("parents", (iri, c) -> TermJson.refs(terms.parents(iri))),
        view("children", this::children),
        view("ancestors", (iri, c) -> TermJson.refs(terms.ancestors(iri))),
        view("descendants", (iri, c) -> TermJson.refs(terms.descendants(iri))),
        view("siblings", (iri, c) -> TermJson.refs(terms.siblings(iri))),
        view("path", (iri, c) -> TermJson.path(terms.pathToRoot(iri))),
        view("findings", (iri, c) -> TermJson.findings(terms.findings(iri))),
        view("concepts", (iri, c) -> TermJson.counted(terms.concepts(iri), "findings")),
        view("mappings", (iri, c) -> TermJson.MAPPER.valueToTree(terms.mappings(iri))),
        view("images", this::images),
        view(
            "predicted-concepts",
            (iri, c) -> TermJson.counted(terms.predictedConcepts(iri), "images")),
        view(
            "predicted-images",
            (iri, c) ->
                TermJson.MAPPER.valueToTree(
                    terms.conceptImages(
                        iri, (int) c.number("limit", 24, 1, TermService.MAX_PAGE)))),
        Route.get("/api/queries", c -> Reply.json(queries())),
        Route.get("/api/queries/{name}", c -> Reply.json(query(c))));
  }

  /** The benchmark datasets and the evaluation runs. */
  private List<Route> datasetRoutes() {
    return List.of(
        Route.get("/api/datasets", c -> Reply.json(TermJson.MAPPER.valueToTree(terms.datasets()))),
        Route.get(
            "/api/datasets/{name}",
            c -> Reply.json(TermJson.MAPPER.valueToTree(terms.dataset(c.path("name"))))),
        Route.get(
            "/api/datasets/{name}/images",
            c ->
                Reply.json(
                    TermJson.images(terms.datasetImages(c.path("name"), offset(c), limit(c))))),
        Route.get(
            "/api/evaluations", c -> Reply.json(TermJson.MAPPER.valueToTree(terms.evaluations()))));
  }

  /** {@code /api/terms/{id}/NAME}: a view of one term, the id resolved first. */
  private Route view(String name, BiFunction<String, Call, JsonNode> body) {
    return Route.get(
        "/api/terms/{id}/" + name, c -> Reply.json(body.apply(terms.resolve(c.path("id")), c)));
  }

  private JsonNode index(Call c) {
    ObjectNode o = TermJson.MAPPER.createObjectNode();
    String base = c.apiBase();
    String context = c.request().getContextPath();
    o.put("health", base + "/health").put("roots", base + "/roots");
    o.put("term", base + "/terms/{id}")
        .put("search", base + "/search?q={text}&under={id}&limit={n}");
    o.put("queries", base + "/queries").put("sparql", context + "/derm/sparql");
    o.put("prompts", base + "/prompts?set={name}&strategies={list}");
    o.put("prefixes", base + "/prefixes").put("validation", base + "/validation");
    o.put("datasets", base + "/datasets").put("evaluations", base + "/evaluations");
    o.put("browser", context + "/ui/");
    return o;
  }

  /** The documented prefixes, {prefix: namespace} (the SPARQL editor completes PREFIX lines). */
  private static JsonNode prefixes() {
    ObjectNode o = TermJson.MAPPER.createObjectNode();
    org.dermkg.sparql.Prefixes.map().forEach(o::put);
    return o;
  }

  private JsonNode search(Call c) {
    String q = c.required("q", "parameter q (the text to search for) is required");
    Optional<String> under = c.param("under").filter(s -> !s.isBlank()).map(terms::resolve);
    int limit = (int) c.number("limit", 10, 1, TermSearch.MAX_LIMIT);
    return TermJson.hits(terms.search(q, under, limit));
  }

  private JsonNode termByParameter(Call c) {
    String id =
        c.param("iri")
            .or(() -> c.param("id"))
            .orElseThrow(() -> Call.bad("give a term: /api/terms/{id} or /api/terms?iri=IRI"));
    return TermJson.detail(terms.term(terms.resolve(id)), c.apiBase());
  }

  private TermDetail term(Call c) {
    return terms.term(terms.resolve(c.path("id")));
  }

  private JsonNode children(String iri, Call c) {
    ArrayNode kids = TermJson.children(terms.children(iri));
    if (c.param("counts").filter("true"::equals).isPresent()) {
      kids.forEach(
          k -> ((ObjectNode) k).put("imageCount", terms.imageCount(k.get("iri").asText())));
    }
    return kids;
  }

  /** A term's images: Derm1M's, or with {@code dataset=NAME} that benchmark dataset's. */
  private JsonNode images(String iri, Call c) {
    Optional<String> dataset = c.param("dataset").filter(s -> !s.isBlank());
    return TermJson.images(
        dataset.isPresent()
            ? terms.imagesUnder(iri, dataset.get(), offset(c), limit(c))
            : terms.imagesUnder(iri, offset(c), limit(c)));
  }

  private static long offset(Call c) {
    return c.number("offset", 0, 0, Long.MAX_VALUE);
  }

  private static int limit(Call c) {
    return (int) c.number("limit", 100, 1, TermService.MAX_PAGE);
  }

  private static JsonNode queries() {
    ArrayNode a = TermJson.MAPPER.createArrayNode();
    for (NamedQuery q : QueryLibrary.shipped().all()) {
      ObjectNode o = a.addObject().put("name", q.name()).put("description", q.description());
      ArrayNode ps = o.putArray("params");
      q.params()
          .forEach(p -> ps.addObject().put("name", p.name()).put("description", p.description()));
      o.put("text", q.text());
      if (q.params().stream().allMatch(p -> EXAMPLE_ARGS.containsKey(p.name()))) {
        Map<String, Node> args = new LinkedHashMap<>();
        q.params().forEach(p -> args.put(p.name(), EXAMPLE_ARGS.get(p.name())));
        o.put("example", q.example(args, EXAMPLE_LIMIT));
      }
    }
    return a;
  }

  /** A named query's argument: a dataset by name or IRI, else a term id resolved to its class. */
  private String argument(String param, String value) {
    if (param.equals("dataset")) {
      return value.startsWith("https://") ? value : org.dermkg.ontology.vocab.Dkg.dataset(value);
    }
    return terms.resolve(value);
  }

  private JsonNode query(Call c) {
    String name = c.path("name");
    if (name.equals("label-search")) {
      throw Call.bad("label-search runs on the search index: use /api/search?q=");
    }
    NamedQuery q;
    try {
      q = QueryLibrary.shipped().get(name);
    } catch (SparqlException e) {
      throw new HttpException(HttpCode.NOT_FOUND, "no API route " + c.request().getRequestURI());
    }
    Map<String, Node> args = new LinkedHashMap<>();
    for (NamedQuery.Param p : q.params()) {
      String v = c.required(p.name(), "named query " + q.name() + " needs parameter " + p.name());
      args.put(p.name(), NodeFactory.createURI(argument(p.name(), v)));
    }
    long limit = c.number("limit", maxRows, 1, maxRows);
    long offset = c.number("offset", 0, 0, Long.MAX_VALUE);
    List<Binding> rows = q.select(terms.dataset(), args, limit, offset, 0);
    ObjectNode o = TermJson.MAPPER.createObjectNode().put("query", q.name());
    ArrayNode out = o.putArray("rows");
    for (Binding b : rows) {
      out.add(TermJson.MAPPER.valueToTree(TermService.values(b)));
    }
    return o;
  }
}
