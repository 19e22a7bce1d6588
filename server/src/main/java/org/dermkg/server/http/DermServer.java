package org.dermkg.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Map;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.fuseki.server.DataService;
import org.apache.jena.fuseki.server.Operation;
import org.apache.jena.query.ARQ;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.TDB2;
import org.dermkg.server.classify.Classifier;
import org.dermkg.server.similar.LazyModel;
import org.dermkg.sparql.Prefixes;
import org.dermkg.sparql.pfunction.SimilarTo;
import org.dermkg.sparql.prompts.PromptGenerator;
import org.dermkg.sparql.terms.TermService;

/**
 * The HTTP service: an embedded Fuseki over the store with SPARQL query at {@code /derm/sparql},
 * update at {@code /derm/update} and the Graph Store Protocol at {@code /derm/data}; the JSON API
 * at {@code /api}; Prometheus metrics at {@code /metrics}. Queries see the union of the named
 * graphs as their default graph, run under a hard time limit and return at most {@code maxRows};
 * writes need the configured credentials and are refused when none are configured. One owner;
 * {@link #close()} stops the server (the store stays open: its owner closes it).
 */
public final class DermServer implements AutoCloseable {
  /** The dataset's path on the server. */
  public static final String DATASET = "/derm";

  private final FusekiServer fuseki;
  private final TermService terms;

  private DermServer(FusekiServer fuseki, TermService terms) {
    this.fuseki = fuseki;
    this.terms = terms;
  }

  /**
   * Starts serving {@code dataset}.
   *
   * @param about facts shown by {@code /api/health} (store directory, ontology version)
   */
  public static DermServer start(
      DatasetGraph dataset, ServeSettings settings, Map<String, String> about) {
    Path none = Path.of("derm-data/no-model");
    return start(
        dataset,
        settings,
        new ModelSettings(none, none, ModelSettings.MAX_UPLOAD, java.util.Optional.empty()),
        about);
  }

  /**
   * Starts serving {@code dataset}, with zero-shot classification by the model of {@code models}.
   */
  public static DermServer start(
      DatasetGraph dataset,
      ServeSettings settings,
      ModelSettings models,
      Map<String, String> about) {
    dataset.getContext().set(TDB2.symUnionDefaultGraph, true);
    dataset.getContext().set(ARQ.queryTimeout, Long.toString(settings.queryTimeoutMillis()));
    if (dataset.supportsTransactions()) {
      Txn.executeWrite(
          dataset,
          () -> {
            if (dataset.prefixes().isEmpty()) {
              dataset.prefixes().putAll(Prefixes.standard());
            }
          });
    }
    SimilarTo.register();
    TermService terms = new TermService(dataset, settings.queryTimeoutMillis());
    PromptGenerator prompts = new PromptGenerator(dataset, settings.queryTimeoutMillis());
    Runnable dataChanged =
        () -> {
          terms.dataChanged();
          prompts.dataChanged();
        };
    DataService service =
        DataService.newBuilder(dataset)
            .addEndpoint(Operation.Query, "sparql")
            .addEndpoint(Operation.Update, "update")
            .addEndpoint(Operation.GSP_RW, "data")
            .build();
    long started = System.currentTimeMillis();
    FusekiServer.Builder builder =
        FusekiServer.create()
            .port(settings.port())
            .loopback(settings.loopbackOnly())
            .enableMetrics(true)
            .enableCors(true, null)
            .registerOperation(Operation.Query, new CappedQuery(settings.maxRows()))
            .add(DATASET, service)
            .addFilter(DATASET + "/*", new BodyLimit(settings.maxRequestBytes()))
            .addFilter(DATASET + "/*", new WriteGuard(DATASET, settings, dataChanged))
            .addServlet(
                "/api/*",
                new ApiServlet(terms, () -> health(terms, about, started), settings.maxRows()))
            .addServlet("/api/prompts", new PromptsServlet(prompts))
            .addServlet("/api/similar", new SimilarServlet(dataset, terms))
            .addServlet(
                "/api/classify",
                new ClassifyServlet(
                    new Classifier(prompts, LazyModel.of(models.modelDir()), models.cacheDir()),
                    LazyModel.of(models.modelDir()),
                    models.maxUploadBytes()))
            .addServlet("/api/validation", new ValidationServlet())
            .addServlet("/metrics", new MetricsServlet())
            .addServlet("/ui/*", new UiServlet())
            .addServlet("/images/*", new ImageServlet(models.imageRoot()));
    settings
        .storeDir()
        .ifPresent(
            dir ->
                builder.addServlet(
                    "/admin/backup", new BackupServlet(dataset, dir, settings.writers())));
    FusekiServer fuseki = builder.build();
    fuseki.start();
    return new DermServer(fuseki, terms);
  }

  private static ObjectNode health(TermService terms, Map<String, String> about, long started) {
    long t0 = System.nanoTime();
    int roots = terms.roots().size();
    ObjectNode o = TermJson.MAPPER.createObjectNode().put("status", "ok");
    about.forEach(o::put);
    o.put("ontologyRoots", roots);
    o.put("queryMillis", (System.nanoTime() - t0) / 1_000_000);
    o.put("uptimeSeconds", (System.currentTimeMillis() - started) / 1000);
    return o;
  }

  /** The port the server listens on (the chosen one when started with port 0). */
  public int port() {
    return fuseki.getHttpPort();
  }

  /** {@code http://127.0.0.1:<port>} (or localhost form Fuseki reports). */
  public String url() {
    return "http://127.0.0.1:" + port();
  }

  /** The facade the API uses (shared caches). */
  public TermService terms() {
    return terms;
  }

  /** Blocks until the server stops. */
  public void join() {
    fuseki.join();
  }

  @Override
  public void close() {
    fuseki.stop();
    terms.dataChanged();
  }
}
