package org.dermkg.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.engine.binding.Binding;
import org.dermkg.sparql.SparqlException;
import org.dermkg.sparql.query.NamedQuery;
import org.dermkg.sparql.query.QueryLibrary;
import org.dermkg.sparql.search.TermSearch;
import org.dermkg.sparql.terms.TermService;

/**
 * The JSON API under {@code /api}: terms and their hierarchy, roots, search, named queries and
 * health (routes in the README). GET only; every error is JSON with a stable code (404 for unknown
 * terms and routes, 400 for bad parameters, 503 when a query ran past its time limit). Each request
 * is timed into the Prometheus registry as {@code derm_api_requests_seconds{route,status}}.
 */
final class ApiServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final List<String> TERM_VIEWS =
      List.of(
          "parents",
          "children",
          "ancestors",
          "descendants",
          "siblings",
          "path",
          "findings",
          "concepts",
          "mappings",
          "images");

  /**
   * Values written into the named queries' parameters for the SPARQL editor's examples: Malignant
   * melanoma (has ancestors, children, findings and benchmark labels), Primary morphology.
   */
  private static final Map<String, Node> EXAMPLE_ARGS =
      Map.of(
          "class", NodeFactory.createURI("https://w3id.org/dermkg/DERM_0001242"),
          "concept", NodeFactory.createURI("https://w3id.org/dermkg/DERM_0002001"),
          "under", NodeFactory.createURI("http://www.w3.org/2002/07/owl#Thing"));

  private static final long EXAMPLE_LIMIT = 100;

  private final transient TermService terms;
  private final transient Supplier<ObjectNode> health;
  private final long maxRows;
  private transient RequestTimer timer;

  ApiServlet(TermService terms, Supplier<ObjectNode> health, long maxRows) {
    this.terms = terms;
    this.health = health;
    this.maxRows = maxRows;
  }

  @Override
  public void init() {
    timer = RequestTimer.of(getServletContext());
  }

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
    long t0 = System.nanoTime();
    String path = req.getPathInfo() == null ? "/" : req.getPathInfo();
    String route = "unknown";
    try {
      if (!req.getMethod().equals("GET") && !req.getMethod().equals("HEAD")) {
        res.setHeader("Allow", "GET, HEAD");
        HttpErrors.send(res, HttpCode.METHOD, "the JSON API is read-only: use GET");
        return;
      }
      String[] seg = path.replaceAll("^/+|/+$", "").split("/");
      route = routeName(seg);
      JsonNode body = dispatch(seg, req);
      if (body == null) {
        HttpErrors.send(res, HttpCode.NOT_FOUND, "no API route " + req.getRequestURI());
        return;
      }
      write(res, body);
    } catch (RuntimeException e) {
      HttpErrors.fail(res, e, "API request " + req.getRequestURI());
    } finally {
      timer.record(route, res.getStatus(), t0);
    }
  }

  private static String routeName(String[] seg) {
    if (seg.length == 0 || seg[0].isEmpty()) {
      return "/api";
    }
    return switch (seg[0]) {
      case "terms" ->
          seg.length <= 1
              ? "/api/terms"
              : seg.length == 2
                  ? "/api/terms/{id}"
                  : "/api/terms/{id}/" + (TERM_VIEWS.contains(seg[2]) ? seg[2] : "unknown");
      case "queries" -> seg.length == 1 ? "/api/queries" : "/api/queries/{name}";
      case "roots", "search", "health", "prefixes" -> "/api/" + seg[0];
      default -> "unknown";
    };
  }

  private JsonNode dispatch(String[] seg, HttpServletRequest req) {
    if (seg.length == 0 || seg[0].isEmpty()) {
      return index(req);
    }
    return switch (seg[0]) {
      case "health" -> seg.length == 1 ? health.get() : null;
      case "roots" -> seg.length == 1 ? TermJson.counted(terms.roots(), "children") : null;
      case "search" -> seg.length == 1 ? search(req) : null;
      case "terms" -> term(seg, req);
      case "queries" -> queries(seg, req);
      case "prefixes" -> seg.length == 1 ? prefixes() : null;
      default -> null;
    };
  }

  private JsonNode index(HttpServletRequest req) {
    ObjectNode o = TermJson.MAPPER.createObjectNode();
    String base = apiBase(req);
    o.put("health", base + "/health").put("roots", base + "/roots");
    o.put("term", base + "/terms/{id}")
        .put("search", base + "/search?q={text}&under={id}&limit={n}");
    o.put("queries", base + "/queries").put("sparql", req.getContextPath() + "/derm/sparql");
    o.put("prompts", base + "/prompts?set={name}&strategies={list}");
    o.put("prefixes", base + "/prefixes").put("validation", base + "/validation");
    o.put("browser", req.getContextPath() + "/ui/");
    return o;
  }

  /** The documented prefixes, {prefix: namespace} (the SPARQL editor completes PREFIX lines). */
  private static JsonNode prefixes() {
    ObjectNode o = TermJson.MAPPER.createObjectNode();
    org.dermkg.sparql.Prefixes.map().forEach(o::put);
    return o;
  }

  private JsonNode search(HttpServletRequest req) {
    String q = req.getParameter("q");
    if (q == null) {
      throw badParameter("parameter q (the text to search for) is required");
    }
    Optional<String> under =
        Optional.ofNullable(req.getParameter("under"))
            .filter(s -> !s.isBlank())
            .map(terms::resolve);
    int limit = (int) number(req, "limit", 10, 1, TermSearch.MAX_LIMIT);
    return TermJson.hits(terms.search(q, under, limit));
  }

  private JsonNode term(String[] seg, HttpServletRequest req) {
    if (seg.length == 1) {
      String iri = req.getParameter("iri");
      String id = iri != null ? iri : req.getParameter("id");
      if (id == null) {
        throw badParameter("give a term: /api/terms/{id} or /api/terms?iri=IRI");
      }
      return TermJson.detail(terms.term(terms.resolve(id)), apiBase(req));
    }
    if (seg.length > 3) {
      return null;
    }
    String iri = terms.resolve(seg[1]);
    if (seg.length == 2) {
      return TermJson.detail(terms.term(iri), apiBase(req));
    }
    return switch (seg[2]) {
      case "parents" -> TermJson.refs(terms.parents(iri));
      case "children" -> {
        ArrayNode kids = TermJson.children(terms.children(iri));
        if ("true".equals(req.getParameter("counts"))) {
          kids.forEach(
              k -> ((ObjectNode) k).put("imageCount", terms.imageCount(k.get("iri").asText())));
        }
        yield kids;
      }
      case "ancestors" -> TermJson.refs(terms.ancestors(iri));
      case "descendants" -> TermJson.refs(terms.descendants(iri));
      case "siblings" -> TermJson.refs(terms.siblings(iri));
      case "path" -> TermJson.path(terms.pathToRoot(iri));
      case "findings" -> TermJson.findings(terms.findings(iri));
      case "concepts" -> TermJson.counted(terms.concepts(iri), "findings");
      case "mappings" -> TermJson.MAPPER.valueToTree(terms.mappings(iri));
      case "images" ->
          TermJson.images(
              terms.imagesUnder(
                  iri,
                  number(req, "offset", 0, 0, Long.MAX_VALUE),
                  (int) number(req, "limit", 100, 1, TermService.MAX_PAGE)));
      default -> null;
    };
  }

  private JsonNode queries(String[] seg, HttpServletRequest req) {
    if (seg.length == 1) {
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
    if (seg.length != 2) {
      return null;
    }
    if (seg[1].equals("label-search")) {
      throw badParameter("label-search runs on the search index: use /api/search?q=");
    }
    NamedQuery q;
    try {
      q = QueryLibrary.shipped().get(seg[1]);
    } catch (SparqlException e) {
      return null;
    }
    Map<String, Node> args = new LinkedHashMap<>();
    for (NamedQuery.Param p : q.params()) {
      String v = req.getParameter(p.name());
      if (v == null) {
        throw badParameter("named query " + q.name() + " needs parameter " + p.name());
      }
      args.put(p.name(), NodeFactory.createURI(terms.resolve(v)));
    }
    long limit = number(req, "limit", maxRows, 1, maxRows);
    long offset = number(req, "offset", 0, 0, Long.MAX_VALUE);
    List<Binding> rows = q.select(terms.dataset(), args, limit, offset, 0);
    ObjectNode o = TermJson.MAPPER.createObjectNode().put("query", q.name());
    ArrayNode out = o.putArray("rows");
    for (Binding b : rows) {
      ObjectNode row = out.addObject();
      b.vars()
          .forEachRemaining(
              v -> {
                Node n = b.get(v);
                row.put(v.getVarName(), n.isLiteral() ? n.getLiteralLexicalForm() : n.toString());
              });
    }
    return o;
  }

  private static long number(HttpServletRequest req, String name, long def, long min, long max) {
    String v = req.getParameter(name);
    if (v == null || v.isBlank()) {
      return def;
    }
    long n;
    try {
      n = Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw badParameter("parameter " + name + " must be a whole number, was '" + v + "'");
    }
    if (n < min || n > max) {
      throw badParameter(
          "parameter " + name + " must be between " + min + " and " + max + ", was " + n);
    }
    return n;
  }

  private static String apiBase(HttpServletRequest req) {
    return req.getContextPath() + req.getServletPath();
  }

  private static void write(HttpServletResponse res, JsonNode body) throws IOException {
    res.setStatus(200);
    res.setContentType("application/json");
    res.setCharacterEncoding("UTF-8");
    res.getOutputStream()
        .write(TermJson.MAPPER.writeValueAsString(body).getBytes(StandardCharsets.UTF_8));
  }

  /** A malformed query parameter: 400. */
  private static HttpException badParameter(String message) {
    return new HttpException(HttpCode.BAD_REQUEST, message);
  }
}
