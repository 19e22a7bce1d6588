package org.dermkg.server.cli;

import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.dermkg.graph.demo.DemoGenerator;
import org.dermkg.graph.load.Derm1mLoader;
import org.dermkg.graph.load.LoadReport;
import org.dermkg.graph.load.LoadRequest;
import org.dermkg.graph.store.DermStore;
import org.dermkg.ontology.OntologySnapshot;
import org.dermkg.server.config.DermConfig;
import org.dermkg.server.config.DermConfig.Key;
import org.dermkg.server.http.AccessPolicy;
import org.dermkg.server.http.AdmissionLimits;
import org.dermkg.server.http.Credentials;
import org.dermkg.server.http.DermServer;
import org.dermkg.server.http.ModelSettings;
import org.dermkg.server.http.ServeSettings;
import org.dermkg.sparql.guard.OutboundPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code derm serve}: the SPARQL endpoint, JSON API and metrics over the store. */
@Command(
    name = "serve",
    description = {
      "Serve the store over HTTP (default http://127.0.0.1:3030): SPARQL 1.1 query at /derm/sparql, update at",
      "/derm/update and the Graph Store Protocol at /derm/data (writes need update.token or update.user/password;",
      "without them writes are disabled), the JSON API under /api and Prometheus metrics at /metrics.",
      "An empty store is loaded first: from --data, else the demo dataset (generated when absent).",
      "Runs until interrupted. Exit 2 on bad configuration, a busy port or a store in use."
    },
    mixinStandardHelpOptions = true)
final class ServeCommand implements Callable<Integer> {
  @Option(names = "--store", paramLabel = "DIR", description = "Store directory (DERM_STORE).")
  String store;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Dataset loaded into an empty store (default: derm-data/demo, DERM_DATA).")
  String data;

  @Option(names = "--port", paramLabel = "N", description = "HTTP port (default 3030, DERM_PORT).")
  Integer port;

  @Option(
      names = "--models",
      paramLabel = "DIR,DIR",
      split = ",",
      description =
          "More exported models to serve beside the configured one, each by its slug (?model= on /api/similar and /api/classify, a string argument of dkg:similarTo); their vectors are read from <embeddings>/<slug>/.")
  List<Path> more;

  @Option(
      names = "--dataset-images",
      paramLabel = "NAME=DIR",
      description =
          "A benchmark dataset's folder (as given to derm load --dataset), so the browser shows its images; repeatable.")
  Map<String, Path> datasetImages;

  @Option(names = "--no-load", description = "Serve an empty store as it is (ontology only).")
  boolean noLoad;

  @Option(
      names = "--exit-after-start",
      hidden = true,
      description = "Start, print the address and stop (smoke tests).")
  boolean exitAfterStart;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    DermConfig config = DermConfig.load();
    PrintWriter out = spec.commandLine().getOut();
    ServeSettings settings = settings(config, port);
    ModelOptions defaults = new ModelOptions();
    try (DermStore s = DermStore.open(config.path(Key.STORE, store))) {
      settings = settings.withStore(s.dir(), settings.minFreeBytes());
      prepare(s, config, out);
      Map<String, String> about = new LinkedHashMap<>();
      about.put("store", s.dir().toString());
      about.put("generation", s.generation());
      about.put("ontologyVersion", s.ontologyVersion().orElse("none"));
      // the models of the process, shared by text search and classification; closed after both
      ServedModels served =
          ServedModels.open(s, config, defaults, more == null ? List.of() : more, out);
      about.put("embeddings", served.describe());
      ModelSettings models =
          new ModelSettings(
                  served.served(),
                  config.number(Key.UPLOAD_MAX_BYTES, null),
                  Optional.of(config.path(Key.DATA, data)))
              .withDatasetImages(datasetImages(out));
      Optional<DermServer> started = start(s, settings, models, about);
      if (started.isEmpty()) {
        served.close();
        return DermCommand.EXIT_INPUT;
      }
      DermServer server = started.get();
      banner(out, settings, s, server.port());
      return run(server, served);
    }
  }

  /** The --dataset-images folders; a missing one is said, not fatal (its images are 404s). */
  private Map<String, Path> datasetImages(PrintWriter out) {
    Map<String, Path> roots = datasetImages == null ? Map.of() : datasetImages;
    roots.forEach(
        (name, dir) -> {
          if (!Files.isDirectory(dir)) {
            out.println("warning: --dataset-images " + name + "=" + dir + " is no folder");
          }
        });
    return roots;
  }

  /** The server, or empty (after saying so) when the port is taken. */
  private Optional<DermServer> start(
      DermStore s, ServeSettings settings, ModelSettings models, Map<String, String> about) {
    try {
      return Optional.of(DermServer.start(s.dataset(), settings, models, about));
    } catch (RuntimeException e) {
      if (causedBy(e, BindException.class)) {
        spec.commandLine()
            .getErr()
            .println(
                "error: cannot listen on port "
                    + settings.port()
                    + " (in use?): set --port or DERM_PORT");
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Serves until the process is stopped (or stops at once for smoke tests). */
  private int run(DermServer server, ServedModels served) {
    if (exitAfterStart) {
      server.close();
      served.close();
      return 0;
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  served.close();
                },
                "derm-serve-stop"));
    server.join();
    return 0;
  }

  /** The addresses, what is enabled and the limits, as the server starts. */
  private static void banner(PrintWriter out, ServeSettings settings, DermStore s, int port) {
    String base = "http://" + (settings.loopbackOnly() ? "127.0.0.1" : "0.0.0.0") + ":" + port;
    out.println(
        "derm serve: " + base + "/  (store " + s.dir() + ", generation " + s.generation() + ")");
    out.println(
        "  SPARQL   "
            + base
            + "/derm/sparql   update "
            + base
            + "/derm/update"
            + (settings.writers().writesEnabled() ? "" : " (disabled: no credentials configured)"));
    out.println(
        "  GSP      "
            + base
            + "/derm/data     JSON API "
            + base
            + "/api   metrics "
            + base
            + "/metrics");
    out.println("  browser  " + base + "/ui/");
    out.println("  limits   " + limits(settings));
    out.flush();
  }

  private static String limits(ServeSettings settings) {
    AdmissionLimits a = settings.admission();
    return a.maxParallel()
        + " heavy requests at once (+"
        + a.reserve()
        + " for light clients), "
        + a.clientParallel()
        + " per client, "
        + (a.clientBudgetMillis() == 0
            ? "no query-time budget"
            : a.clientBudgetMillis() / 1000 + " query-s per client per minute")
        + "; outbound SERVICE/LOAD: "
        + (settings.access().outbound().allowList().isEmpty()
            ? "none"
            : String.join(", ", settings.access().outbound().allowList()));
  }

  static ServeSettings settings(DermConfig config, Integer portFlag) {
    String bind = config.get(Key.BIND, null).trim();
    if (!bind.equals("loopback") && !bind.equals("all")) {
      throw new IllegalArgumentException("bind must be 'loopback' or 'all', was '" + bind + "'");
    }
    return new ServeSettings(
        (int) config.number(Key.PORT, portFlag),
        bind.equals("loopback"),
        config.number(Key.QUERY_TIMEOUT_MS, null),
        config.number(Key.QUERY_MAX_ROWS, null),
        config.number(Key.QUERY_MAX_BYTES, null),
        Credentials.of(
            config.get(Key.UPDATE_TOKEN, null),
            config.get(Key.UPDATE_USER, null),
            config.get(Key.UPDATE_PASSWORD, null)),
        Optional.empty(),
        org.dermkg.graph.store.DiskGuard.DEFAULT_MIN_FREE,
        admission(config),
        access(config),
        config.number(Key.QUERY_CACHE_MB, null) << 20,
        config.flag(Key.QUERY_REMEMBER_LOOKUPS, null));
  }

  private static AdmissionLimits admission(DermConfig config) {
    long parallel = config.number(Key.SPARQL_MAX_PARALLEL, null);
    return new AdmissionLimits(
        parallel == 0 ? AdmissionLimits.autoParallel() : (int) parallel,
        (int) config.number(Key.SPARQL_RESERVE, null),
        config.number(Key.SPARQL_RESERVE_MS, null),
        config.number(Key.SPARQL_LIGHT_MS, null),
        (int) config.number(Key.SPARQL_CLIENT_PARALLEL, null),
        config.number(Key.SPARQL_CLIENT_BUDGET, null) * 1000,
        config.number(Key.SPARQL_QUEUE_MS, null),
        (int) config.number(Key.HTTP_MAX_THREADS, null));
  }

  private static AccessPolicy access(DermConfig config) {
    String audit = config.get(Key.AUDIT_LOG, null).strip();
    return new AccessPolicy(
        OutboundPolicy.allowing(config.list(Key.SERVICE_ALLOW, null)),
        config.list(Key.CORS_ORIGINS, null),
        config.list(Key.PROXY_TRUSTED, null),
        (int) config.number(Key.AUTH_MAX_FAILURES, null),
        Duration.ofSeconds(config.number(Key.AUTH_LOCKOUT_SECONDS, null)),
        audit.isEmpty() ? Optional.empty() : Optional.of(Path.of(audit)));
  }

  /** Loads an empty store (unless --no-load) and brings its ontology to the shipped version. */
  private void prepare(DermStore s, DermConfig config, PrintWriter out) {
    OntologySnapshot snapshot = OntologySnapshot.shipped();
    if (s.imageCount() > 0) {
      if (!s.ontologyVersion().orElse("").equals(snapshot.version())) {
        out.println(
            "derm serve: the store was loaded with ontology "
                + s.ontologyVersion().orElse("none")
                + "; this build ships "
                + snapshot.version()
                + " (run derm load to update it)");
      }
      return;
    }
    Path dataset = config.path(Key.DATA, data);
    if (noLoad) {
      if (Derm1mLoader.installOntology(s, snapshot)) {
        out.println("derm serve: installed the ontology into the empty store");
      }
      return;
    }
    if (!Files.exists(dataset) && config.isDefault(Key.DATA, data)) {
      out.println("derm serve: the store is empty; generating the demo dataset at " + dataset);
      out.flush();
      GenerateDemoCommand.generate(DemoGenerator.Options.demo(dataset));
    }
    out.println("derm serve: the store is empty; loading " + dataset);
    out.flush();
    LoadRequest request = LoadRequest.of(dataset, config.path(Key.REPORTS, null));
    LoadReport r = Derm1mLoader.load(s, snapshot, request, Progress.forLoad());
    out.print(r.summary());
    out.flush();
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }
}
