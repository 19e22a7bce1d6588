package org.dermkg.sparql.guard;

import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.jena.graph.Node;
import org.apache.jena.query.ARQ;
import org.apache.jena.query.Query;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParserRegistry;
import org.apache.jena.sparql.algebra.Algebra;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.OpVisitorBase;
import org.apache.jena.sparql.algebra.op.OpService;
import org.apache.jena.sparql.algebra.walker.Walker;
import org.apache.jena.sparql.expr.ExprVisitorBase;
import org.apache.jena.sparql.modify.request.UpdateLoad;
import org.apache.jena.sparql.modify.request.UpdateModify;
import org.apache.jena.sparql.service.ServiceExecutorRegistry;
import org.apache.jena.sparql.syntax.Element;
import org.apache.jena.sparql.util.Context;
import org.apache.jena.sparql.util.Symbol;
import org.apache.jena.update.Update;
import org.apache.jena.update.UpdateRequest;
import org.dermkg.sparql.SparqlException;
import org.dermkg.sparql.SparqlException.Code;

/**
 * What a SPARQL query or update may fetch from outside the store: nothing, unless its URL is under
 * an allow-listed prefix (http and https only; {@code file:} and every other scheme never).
 *
 * <p>Outbound fetches a query can trigger are {@code SERVICE} (federated query) and, in an update,
 * {@code LOAD}; a JSON-LD document can name remote {@code @context}s, which the parser fetches.
 * {@code FROM}, {@code FROM NAMED} and {@code USING} do not fetch anything when a query runs over a
 * dataset (they select graphs of the store), so they are not restricted. {@code SERVICE ?var} is
 * refused outright: its endpoint is only known while the query runs.
 *
 * <p>Two lines of defence: {@link #check(Query)} and {@link #check(UpdateRequest)} refuse a request
 * before it runs (the caller answers 400), and {@link #register()} puts a guard at the head of
 * Jena's SERVICE executor chain that refuses any endpoint the policy in the execution context (or
 * ARQ's global context) does not allow, whatever path the query took. Immutable and thread-safe.
 */
public final class OutboundPolicy {
  static {
    org.apache.jena.sys.JenaSystem.init();
  }

  /** Where the policy is kept in a dataset's or ARQ's context. */
  public static final Symbol SYMBOL = Symbol.create("https://w3id.org/dermkg/vocab#outboundPolicy");

  /** The configuration key named in refusals. */
  public static final String KEY = "sparql.service.allow";

  private static final OutboundPolicy NONE = new OutboundPolicy(List.of());
  private static volatile boolean registered;

  private final List<Endpoint> allowed;

  private OutboundPolicy(List<Endpoint> allowed) {
    this.allowed = List.copyOf(allowed);
  }

  /** Nothing is allowed (the default). */
  public static OutboundPolicy none() {
    return NONE;
  }

  /**
   * Allows the given URL prefixes.
   *
   * @throws IllegalArgumentException naming an entry that is not an http(s) URL with a host
   */
  public static OutboundPolicy allowing(List<String> prefixes) {
    List<Endpoint> parsed = new ArrayList<>();
    for (String p : prefixes) {
      if (!p.isBlank()) {
        parsed.add(Endpoint.parse(p));
      }
    }
    return parsed.isEmpty() ? NONE : new OutboundPolicy(parsed);
  }

  /** The policy in {@code context}, else in ARQ's global context, else {@link #none()}. */
  public static OutboundPolicy of(Context context) {
    Object p = context == null ? null : context.get(SYMBOL);
    if (p == null) {
      p = ARQ.getContext().get(SYMBOL);
    }
    return p instanceof OutboundPolicy o ? o : NONE;
  }

  /**
   * Puts this policy into {@code context} (a dataset's, or ARQ's global one, which RIOT's parsers
   * copy) with an HTTP client for SERVICE calls that follows no redirects (an allowed endpoint must
   * not be able to send the server on to another host).
   */
  public void install(Context context) {
    context.set(SYMBOL, this);
    context.set(ARQ.httpQueryClient, NoRedirects.CLIENT);
  }

  /**
   * Puts the SERVICE guard at the head of Jena's global SERVICE executor chain and a JSON-LD reader
   * whose remote {@code @context} loads are checked ({@link JsonLdContexts}) into RIOT's registry
   * (idempotent): from then on every SERVICE call and every remote JSON-LD context in this JVM is
   * checked against the policy of its context.
   */
  public static synchronized void register() {
    if (!registered) {
      ServiceExecutorRegistry.get().addSingleLink(new ServiceGuard());
      JsonLdContexts contexts = new JsonLdContexts();
      for (Lang lang : List.of(Lang.JSONLD, Lang.JSONLD11)) {
        RDFParserRegistry.registerLangTriples(lang, contexts);
        RDFParserRegistry.registerLangQuads(lang, contexts);
      }
      registered = true;
    }
  }

  /** The HTTP client for allowed fetches: no redirects, 10 s to connect. */
  static HttpClient noRedirects() {
    return NoRedirects.CLIENT;
  }

  /** Whether {@code url} is under an allowed prefix. */
  public boolean allows(String url) {
    Optional<Endpoint> target = Endpoint.of(url);
    return target.isPresent() && allowed.stream().anyMatch(e -> e.covers(target.get()));
  }

  /** The allowed prefixes, normalised. */
  public List<String> allowList() {
    return allowed.stream().map(Endpoint::toString).toList();
  }

  /** Refuses a query that names a SERVICE endpoint this policy does not allow. */
  public void check(Query query) {
    checkOp(Algebra.compile(query));
  }

  /** Refuses an update with a LOAD or a SERVICE (in a WHERE) this policy does not allow. */
  public void check(UpdateRequest request) {
    for (Update u : request.getOperations()) {
      if (u instanceof UpdateLoad load) {
        String source = load.getSource();
        if (!allows(source)) {
          throw refused("LOAD <" + source + ">");
        }
      } else if (u instanceof UpdateModify modify) {
        Element where = modify.getWherePattern();
        if (where != null) {
          checkOp(Algebra.compile(where));
        }
      }
    }
  }

  private void checkOp(Op op) {
    Walker.walk(
        op,
        new OpVisitorBase() {
          @Override
          public void visit(OpService service) {
            checkService(service.getService(), service.getSilent());
          }
        },
        new ExprVisitorBase());
  }

  private void checkService(Node endpoint, boolean silent) {
    String what = "SERVICE " + (silent ? "SILENT " : "");
    if (!endpoint.isURI()) {
      throw new SparqlException(
          Code.OUTBOUND_REFUSED,
          what
              + endpoint
              + " is refused: a SERVICE endpoint must be an IRI in the query (one in "
              + KEY
              + "), not a variable");
    }
    if (!allows(endpoint.getURI())) {
      throw refused(what + "<" + endpoint.getURI() + ">");
    }
  }

  SparqlException refused(String what) {
    return new SparqlException(
        Code.OUTBOUND_REFUSED,
        what
            + " is refused: this server makes no requests to other hosts unless the URL is under "
            + KEY
            + (allowed.isEmpty() ? " (empty: none allowed)" : " " + allowList())
            + "; file: is never allowed");
  }

  @Override
  public String toString() {
    return "OutboundPolicy" + allowList();
  }

  /** The HTTP client for allowed SERVICE calls: no redirects, 10 s to connect. */
  private static final class NoRedirects {
    static final HttpClient CLIENT =
        org.apache.jena.http.HttpEnv.httpClientBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }
}
