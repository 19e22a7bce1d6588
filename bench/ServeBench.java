import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.dermkg.graph.store.DermStore;
import org.dermkg.ontology.vocab.Derm;
import org.dermkg.server.http.DermServer;
import org.dermkg.server.http.AdmissionLimits;
import org.dermkg.server.http.ServeSettings;
import org.dermkg.sparql.terms.TermRef;
import org.dermkg.sparql.terms.TermService;

/**
 * Benchmark of derm serve on a loaded store (run by bench/serve.sh; a single-file program on the
 * server's class path). One JVM opens the store, starts the real server on loopback and drives it:
 *
 * <ol>
 *   <li>hierarchy query latency, warm, in process (TermService: the named queries on TDB2) and over
 *       HTTP (the JSON API, one client): descendants, ancestors, a page of 100 images under a
 *       subtree;
 *   <li>sustained throughput: CLIENTS concurrent clients, a mixed hierarchy workload over loopback
 *       HTTP for SECONDS, RUNS times: req/s, p50, p99, errors;
 *   <li>the same workload while one more client keeps sending a pathological SPARQL query that the
 *       timeout must cut: its cut times, and p50/p99 of the workload beside it. Baseline and
 *       pathological runs alternate so their ratio comes from one run.
 * </ol>
 *
 * Usage: java -cp ... bench/ServeBench.java STORE [SECONDS=20] [RUNS=3] [CLIENTS=8]
 */
public class ServeBench {
  static final String RUNAWAY =
      "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";
  static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  public static void main(String[] args) throws Exception {
    Path storeDir = Path.of(args[0]);
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    int clients = args.length > 3 ? Integer.parseInt(args[3]) : 8;
    try (DermStore store = DermStore.open(storeDir)) {
      // all clients share one loopback address: admission sized for them (FloodIT tests the limits)
      ServeSettings settings =
          ServeSettings.defaults()
              .withAdmission(
                  new AdmissionLimits(clients + 2, 2, 500, 2000, clients + 2, 0, 100, 64)
                      .perClientUnlimited());
      DermServer server = DermServer.start(store.dataset(), settings, Map.of());
      // the in-process figures: the same named queries the API runs, on a facade of their own
      TermService terms = new TermService(store.dataset(), settings.queryTimeoutMillis());
      String root = Derm.DISEASE_ROOT;
      List<TermRef> diseases = terms.descendants(root);
      List<String> all = diseases.stream().map(TermRef::iri).toList();
      List<String> subtrees = new ArrayList<>();
      for (String c : all) {
        if (terms.imageCount(c) >= 1000 && terms.children(c).size() > 0) {
          subtrees.add(c);
        }
      }
      System.out.printf(
          "store: %s, %,d images, %,d quads; %d disease classes, %d subtrees with >= 1,000 images"
              + " (timeout %d ms)%n",
          storeDir, store.imageCount(), store.quadCount(), all.size(), subtrees.size(),
          settings.queryTimeoutMillis());
      Random rnd = new Random(42);

      System.out.println("\n== hierarchy queries, warm, one caller (ms) ==");
      latency("descendants (in process)", 300, 3000, i -> () -> terms.descendants(pick(all, rnd)));
      latency("descendants of the root (in process)", 50, 300, i -> () -> terms.descendants(root));
      latency("ancestors (in process)", 300, 3000, i -> () -> terms.ancestors(pick(all, rnd)));
      latency(
          "100 images under a subtree (in process)",
          300,
          3000,
          i -> () -> terms.imagesUnder(pick(subtrees, rnd), 100L * rnd.nextInt(20), 100));
      String api = server.url() + "/api/terms/";
      // warm the HTTP path (Jetty, servlet, JSON, client) before timing it
      Random warm = new Random(7);
      for (int i = 0; i < 5000; i++) {
        get(mixed(server.url(), all, subtrees, warm));
      }
      latency("descendants (HTTP API)", 300, 3000, i -> () -> get(api + curie(pick(all, rnd)) + "/descendants"));
      latency("ancestors (HTTP API)", 300, 3000, i -> () -> get(api + curie(pick(all, rnd)) + "/ancestors"));
      latency(
          "100 images under a subtree (HTTP API)",
          300,
          3000,
          i -> () -> get(api + curie(pick(subtrees, rnd)) + "/images?limit=100&offset=" + 100 * rnd.nextInt(20)));

      System.out.printf("%n== mixed workload, %d clients, %d s per run ==%n", clients, seconds);
      workload(server, all, subtrees, clients, Math.max(10, seconds), false, 0); // warm-up
      List<double[]> base = new ArrayList<>();
      List<double[]> patho = new ArrayList<>();
      for (int r = 1; r <= runs; r++) {
        // alternate which goes first, so warming over the runs favours neither
        for (boolean withRunaway : r % 2 == 1 ? new boolean[] {false, true} : new boolean[] {true, false}) {
          double[] m = workload(server, all, subtrees, clients, seconds, withRunaway, r);
          (withRunaway ? patho : base).add(m);
          print("run " + r + (withRunaway ? " + runaway query" : " baseline       "), m);
        }
      }
      double[] mb = medians(base);
      double[] mp = medians(patho);
      System.out.println();
      print("median baseline       ", mb);
      print("median + runaway query", mp);
      System.out.printf(
          "ratio with/without runaway query: req/s %.2f, p50 %.2f, p99 %.2f%n",
          mp[0] / mb[0], mp[1] / mb[1], mp[2] / mb[2]);
      terms.close();
      server.close();
    }
  }

  static String pick(List<String> l, Random rnd) {
    return l.get(rnd.nextInt(l.size()));
  }

  static String curie(String iri) {
    return Derm.iriToCurie(iri).orElseThrow();
  }

  static void get(String url) {
    try {
      HttpResponse<String> r =
          HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IllegalStateException(url + " -> " + r.statusCode() + " " + r.body());
      }
    } catch (java.io.IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  static void latency(String name, int warm, int n, IntFunction<Runnable> op) {
    for (int i = 0; i < warm; i++) {
      op.apply(i).run();
    }
    long[] t = new long[n];
    for (int i = 0; i < n; i++) {
      Runnable r = op.apply(i);
      long t0 = System.nanoTime();
      r.run();
      t[i] = System.nanoTime() - t0;
    }
    Arrays.sort(t);
    System.out.printf(
        "%-42s p50 %6.2f  p90 %6.2f  p99 %6.2f  (n=%d)%n",
        name, t[n / 2] / 1e6, t[n * 9 / 10] / 1e6, t[n * 99 / 100] / 1e6, n);
  }

  /** Returns {req/s, p50 ms, p99 ms, errors, runaway cuts, median cut ms}. */
  static double[] workload(
      DermServer server, List<String> all, List<String> subtrees, int clients, int seconds,
      boolean runaway, int seed) throws Exception {
    String base = server.url();
    ConcurrentLinkedQueue<Long> times = new ConcurrentLinkedQueue<>();
    AtomicLong errors = new AtomicLong();
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      Random rnd = new Random(seed * 100L + c);
      Thread t =
          new Thread(
              () -> {
                while (!stop.get()) {
                  String url = mixed(base, all, subtrees, rnd);
                  long t0 = System.nanoTime();
                  try {
                    get(url);
                    times.add(System.nanoTime() - t0);
                  } catch (RuntimeException e) {
                    errors.incrementAndGet();
                  }
                }
              });
      threads.add(t);
    }
    List<Long> cuts = new ArrayList<>();
    AtomicLong badCuts = new AtomicLong();
    Thread bad =
        new Thread(
            () -> {
              String url = base + "/derm/sparql?query=" + URLEncoder.encode(RUNAWAY, StandardCharsets.UTF_8);
              while (!stop.get()) {
                long t0 = System.nanoTime();
                try {
                  HttpResponse<String> r =
                      HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
                  synchronized (cuts) {
                    cuts.add((System.nanoTime() - t0) / 1_000_000);
                  }
                  if (r.statusCode() != 503) {
                    badCuts.incrementAndGet();
                  }
                } catch (Exception e) {
                  badCuts.incrementAndGet();
                }
              }
            });
    long t0 = System.nanoTime();
    threads.forEach(Thread::start);
    if (runaway) {
      bad.start();
    }
    Thread.sleep(seconds * 1000L);
    stop.set(true);
    for (Thread t : threads) {
      t.join();
    }
    double elapsed = (System.nanoTime() - t0) / 1e9;
    if (runaway) {
      bad.join();
    }
    long[] t = times.stream().mapToLong(Long::longValue).sorted().toArray();
    long[] c = cuts.stream().mapToLong(Long::longValue).sorted().toArray();
    return new double[] {
      t.length / elapsed,
      t[t.length / 2] / 1e6,
      t[t.length * 99 / 100] / 1e6,
      errors.get() + badCuts.get(),
      c.length,
      c.length == 0 ? 0 : c[c.length / 2]
    };
  }

  static String mixed(String base, List<String> all, List<String> subtrees, Random rnd) {
    int k = rnd.nextInt(100);
    String api = base + "/api/terms/";
    if (k < 25) {
      return api + curie(pick(all, rnd)) + "/descendants";
    } else if (k < 50) {
      return api + curie(pick(all, rnd)) + "/ancestors";
    } else if (k < 70) {
      return api + curie(pick(subtrees, rnd)) + "/images?limit=100&offset=" + 100 * rnd.nextInt(20);
    } else if (k < 80) {
      return api + curie(pick(all, rnd)) + "/children";
    } else if (k < 90) {
      return api + curie(pick(all, rnd));
    }
    String q =
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> SELECT ?a ?l WHERE { <"
            + pick(all, rnd)
            + "> rdfs:subClassOf+ ?a . ?a rdfs:label ?l }";
    return base + "/derm/sparql?query=" + URLEncoder.encode(q, StandardCharsets.UTF_8);
  }

  static void print(String name, double[] r) {
    System.out.printf(
        "%s  %7.1f req/s  p50 %6.2f ms  p99 %7.2f ms  errors %d%s%n",
        name, r[0], r[1], r[2], (long) r[3],
        r[4] > 0 ? String.format("  (runaway queries cut: %d, median %d ms)", (long) r[4], (long) r[5]) : "");
  }

  static double[] medians(List<double[]> runs) {
    double[] m = new double[runs.get(0).length];
    for (int i = 0; i < m.length; i++) {
      final int k = i;
      double[] v = runs.stream().mapToDouble(r -> r[k]).sorted().toArray();
      m[i] = v[v.length / 2];
    }
    return m;
  }
}
