package org.dermkg.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Map;
import org.apache.jena.dboe.transaction.txn.TransactionCoordinator;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.fuseki.server.DataService;
import org.apache.jena.fuseki.server.Operation;
import org.apache.jena.query.ARQ;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.TDB2;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.dermkg.sparql.Prefixes;
import org.dermkg.sparql.guard.OutboundPolicy;
import org.dermkg.sparql.optimize.CountOfBoundVariable;
import org.dermkg.sparql.optimize.RepeatedLookups;
import org.dermkg.sparql.pfunction.SimilarTo;
import org.dermkg.sparql.prompts.PromptGenerator;
import org.dermkg.sparql.terms.TermService;
import org.dermkg.zeroshot.model.LazyModel;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConnectionFactory;

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

  /** Jetty's per-response output buffer, in bytes: the largest size Jetty's buffer pool reuses. */
  static final int OUTPUT_BUFFER = 64 * 1024;

  private final FusekiServer fuseki;
  private final TermService terms;
  private final WriteAudit audit;

  private DermServer(FusekiServer fuseki, TermService terms, WriteAudit audit) {
    this.fuseki = fuseki;
    this.terms = terms;
    this.audit = audit;
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
        new ModelSettings(
            new LazyModel(none), none, ModelSettings.MAX_UPLOAD, java.util.Optional.empty()),
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
    prepare(dataset, settings);
    AccessPolicy access = settings.access();
    TermService terms = new TermService(dataset, settings.queryTimeoutMillis());
    PromptGenerator prompts = new PromptGenerator(dataset, settings.queryTimeoutMillis());
    ResultCache cache = new ResultCache(settings.resultCacheBytes(), writes(dataset));
    Runnable dataChanged =
        () -> {
          cache.changed();
          terms.dataChanged();
          prompts.dataChanged();
        };
    long started = System.currentTimeMillis();
    ClientAddress clients = new ClientAddress(access.trustedProxies());
    Admission admission = new Admission(settings.admission(), settings.queryTimeoutMillis());
    WriteAuth auth = writeAuth(settings, clients);
    WriteAudit audit = WriteAudit.open(access.auditLog());
    FusekiServer.Builder builder =
        endpoint(dataset, settings, clients, admission, auth, audit, cache, dataChanged)
            .addServlet(
                "/api/*",
                new ApiServlet(
                    terms,
                    () -> health(terms, about, started, admission.stats()),
                    settings.maxRows()));
    routes(builder, dataset, terms, prompts, models);
    settings
        .storeDir()
        .ifPresent(
            dir -> builder.addServlet("/admin/backup", new BackupServlet(dataset, dir, auth)));
    DermServer server = new DermServer(started(tuned(builder.build()), audit), terms, audit);
    warmUp(terms);
    return server;
  }

  /** The TDB2 store's write transactions, for the result cache; none for other datasets. */
  private static ResultCache.Writes writes(DatasetGraph dataset) {
    TransactionCoordinator coordinator;
    try {
      coordinator = TDBInternal.getTransactionCoordinator(dataset);
    } catch (RuntimeException e) {
      coordinator = null; // not a TDB2 dataset
    }
    if (coordinator == null) {
      return ResultCache.Writes.NONE;
    }
    TransactionCoordinator c = coordinator;
    return new ResultCache.Writes() {
      @Override
      public long begun() {
        return c.countBeginWrite();
      }

      @Override
      public boolean open() {
        return c.countActiveWriter() > 0;
      }
    };
  }

  /** Builds the search index in the background, so the first search typed does not wait for it. */
  private static void warmUp(TermService terms) {
    Thread.ofPlatform()
        .daemon()
        .name("search-warm-up")
        .start(
            () -> {
              try {
                terms.warmUp();
              } catch (RuntimeException e) {
                // built again on the first search, which reports what goes wrong
              }
            });
  }

  /**
   * Jetty's response buffer cut from Fuseki's 5 MiB to {@value #OUTPUT_BUFFER} bytes. Jetty pools
   * buffers of up to 64 KiB only: every response (a one-row ASK as much as a term page) allocated
   * and zeroed a fresh 5 MiB direct buffer, 1-3 ms of CPU per request, and the off-heap memory of
   * those not yet collected grew the process to gigabytes under load (issue #22). A response larger
   * than the buffer is streamed (chunked) as it is written.
   */
  private static FusekiServer tuned(FusekiServer fuseki) {
    for (Connector c : fuseki.getJettyServer().getConnectors()) {
      HttpConnectionFactory http = c.getConnectionFactory(HttpConnectionFactory.class);
      if (http != null) {
        http.getHttpConfiguration().setOutputBufferSize(OUTPUT_BUFFER);
      }
    }
    return fuseki;
  }

  /** Starts Fuseki; a server that cannot start closes the audit log it opened. */
  private static FusekiServer started(FusekiServer fuseki, WriteAudit audit) {
    try {
      fuseki.start();
      return fuseki;
    } catch (RuntimeException e) {
      audit.close();
      throw e;
    }
  }

  private static WriteAuth writeAuth(ServeSettings settings, ClientAddress clients) {
    AccessPolicy access = settings.access();
    return new WriteAuth(
        settings.writers(),
        new AuthLockout(
            access.authMaxFailures(), access.authLockout().toMillis(), System::nanoTime),
        clients);
  }

  /**
   * The dataset's context: union default graph, query timeout, prefixes, kNN, outbound guard, the
   * COUNT rewrite and TDB2's executor remembering repeated lookups.
   */
  private static void prepare(DatasetGraph dataset, ServeSettings settings) {
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
    OutboundPolicy.register();
    CountOfBoundVariable.install(dataset.getContext());
    if (settings.rememberLookups()) {
      RepeatedLookups.install(dataset.getContext());
    } else {
      RepeatedLookups.uninstall(dataset.getContext());
    }
    settings.access().outbound().install(dataset.getContext());
    settings.access().outbound().install(ARQ.getContext());
  }

  /** Fuseki with the SPARQL endpoints and the filters in front of them. */
  private static FusekiServer.Builder endpoint(
      DatasetGraph dataset,
      ServeSettings settings,
      ClientAddress clients,
      Admission admission,
      WriteAuth auth,
      WriteAudit audit,
      ResultCache cache,
      Runnable dataChanged) {
    DataService service =
        DataService.newBuilder(dataset)
            .addEndpoint(Operation.Query, "sparql")
            .addEndpoint(Operation.Update, "update")
            .addEndpoint(Operation.GSP_RW, "data")
            .build();
    AccessPolicy access = settings.access();
    return FusekiServer.create()
        .port(settings.port())
        .loopback(settings.loopbackOnly())
        .maxServerThreads(settings.admission().httpThreads())
        .enableMetrics(true)
        .enableCors(false)
        .registerOperation(Operation.Query, new CappedQuery(settings.maxRows(), access.outbound()))
        .add(DATASET, service)
        .addFilter("/*", new CorsFilter(DATASET, access.corsOrigins()))
        .addFilter("/*", new ResultCacheFilter(DATASET, cache, settings.maxRequestBytes()))
        .addFilter("/*", new AdmissionFilter(DATASET, admission, clients))
        .addFilter(DATASET + "/*", new BodyLimit(settings.maxRequestBytes()))
        .addFilter(
            DATASET + "/*",
            new WriteGuard(DATASET, settings, auth, audit, cache::changed, dataChanged));
  }

  /** The JSON API's other routes, the browser, images and metrics. */
  private static void routes(
      FusekiServer.Builder builder,
      DatasetGraph dataset,
      TermService terms,
      PromptGenerator prompts,
      ModelSettings models) {
    builder
        .addServlet("/api/prompts", new PromptsServlet(prompts))
        .addServlet("/api/similar", new SimilarServlet(dataset, terms))
        .addServlet("/api/classify", new ClassifyServlet(prompts, models))
        .addServlet("/api/validation", new ValidationServlet())
        .addServlet("/api/mappings/*", new MappingsServlet())
        .addServlet("/metrics", new MetricsServlet())
        .addServlet("/ui/*", new UiServlet())
        .addServlet("/images/*", new ImageServlet(models.imageRoot()))
        .addServlet("/dataset-images/*", ImageServlet.datasets(models.datasetImageRoots()))
        .addServlet("", new RootServlet())
        .addFilter("/*", new TermIriFilter(dataset));
  }

  private static ObjectNode health(
      TermService terms, Map<String, String> about, long started, Admission.Stats sparql) {
    long t0 = System.nanoTime();
    int roots = terms.roots().size();
    ObjectNode o = TermJson.MAPPER.createObjectNode().put("status", "ok");
    about.forEach(o::put);
    o.put("ontologyRoots", roots);
    o.put("queryMillis", (System.nanoTime() - t0) / 1_000_000);
    o.put("uptimeSeconds", (System.currentTimeMillis() - started) / 1000);
    o.putObject("sparql")
        .put("running", sparql.running())
        .put("peak", sparql.peak())
        .put("limit", sparql.limit())
        .put("reserve", sparql.reserve())
        .put("admitted", sparql.admitted())
        .put("refused", sparql.refused());
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

  /** Blocks until the server stops. */
  public void join() {
    fuseki.join();
  }

  @Override
  public void close() {
    fuseki.stop();
    terms.close();
    audit.close();
  }
}
