package org.dermkg.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.query.ARQ;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.tdb2.TDB2;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Admission control under a flood: 32 concurrent runaway queries (a three-way cross product that
 * only the timeout ends) from one loopback address, then from eight (127.0.0.10-17), while another
 * client (127.0.0.2) keeps asking for a term page, health and a small ASK. The light requests must
 * all answer 200 with p95 under 1 s; the flood must be refused fast (429 over a client's limits,
 * 503 when the server is saturated, both with Retry-After) instead of queueing; and no more than
 * {@code sparql.max.parallel + sparql.reserve} queries may ever run at once. A flood connection
 * sends its next query 10 ms after a refusal (it ignores Retry-After). Figures go to {@code
 * target/flood-report.txt}; {@code bench/flood.sh} runs it for longer.
 */
class FloodIT {
  static final String RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";
  private static final long SECONDS = Long.getLong("derm.flood.seconds", 15);
  private static final int FLOOD = Integer.getInteger("derm.flood.connections", 32);

  /**
   * The speed thresholds (light p95 under 1 s, at least 30 light requests, refusals p95 under 500
   * ms) are the benchmark figures: bench/flood.sh turns them on ({@code
   * -Dderm.flood.timed=true}) on a quiet machine. In the test suite, where the machine may be busy,
   * the flood's behaviour is asserted (every light request answered 200, the refusal codes,
   * Retry-After, runaway queries cut) but not its timings.
   */
  private static final boolean TIMED = Boolean.getBoolean("derm.flood.timed");

  private static final AdmissionLimits LIMITS =
      new AdmissionLimits(4, 2, 500, 2000, 2, 60_000, 100, 64);
  private static final ObjectMapper JSON = new ObjectMapper();

  record Result(String kind, int status, String code, String retryAfter, double millis) {}

  /** One address: the per-client limit holds it; eight: the server saturates too. */
  @ParameterizedTest(name = "flood from {0} address(es)")
  @ValueSource(ints = {1, 8})
  void lightRequestsStayFastWhileAFloodIsRefused(int addresses) throws Exception {
    try (ServedStore store = ServedStore.generated(50)) {
      DermServer server = store.serve(ServeSettings.defaults().withAdmission(LIMITS));
      try {
        run(server.port(), addresses);
      } finally {
        server.close();
      }
    }
  }

  /**
   * The peer measured in the same run (bench/flood.sh): plain Fuseki over the same store with the
   * same 5 s query timeout and no admission control; light requests are its ping and the ASK.
   * Nothing is asserted: it shows what the admission control is for.
   */
  @Test
  @EnabledIfSystemProperty(named = "derm.flood.baseline", matches = "true")
  void theSameFloodAgainstPlainFuseki() throws Exception {
    try (ServedStore store = ServedStore.generated(50)) {
      DatasetGraph dsg = store.store.dataset();
      dsg.getContext().set(TDB2.symUnionDefaultGraph, true);
      dsg.getContext().set(ARQ.queryTimeout, "5000");
      FusekiServer plain =
          FusekiServer.create().port(0).loopback(true).enablePing(true).add("/derm", dsg).build();
      plain.start();
      try {
        flood("plain Fuseki 5.6", plain.getHttpPort(), 1, true);
      } finally {
        plain.stop();
      }
    }
  }

  private static void run(int port, int addresses) throws Exception {
    flood("derm serve", port, addresses, false);
  }

  private static void flood(String name, int port, int addresses, boolean plain) throws Exception {
    List<Result> flood = new CopyOnWriteArrayList<>();
    List<Result> light = new CopyOnWriteArrayList<>();
    List<String> failures = new CopyOnWriteArrayList<>();
    AtomicLong peakSeen = new AtomicLong();
    long t0 = System.nanoTime();
    long end = t0 + SECONDS * 1_000_000_000L;
    ExecutorService pool = Executors.newFixedThreadPool(FLOOD + 1);
    List<Future<?>> tasks = new ArrayList<>();
    for (int i = 0; i < FLOOD; i++) {
      String source = "127.0.0." + (10 + i % addresses);
      tasks.add(
          pool.submit(
              () -> {
                while (System.nanoTime() < end) {
                  try {
                    LoopbackHttp.Response r = LoopbackHttp.query(source, port, RUNAWAY);
                    Result x = result("runaway", r);
                    flood.add(x);
                    if (x.code() != null) {
                      Thread.sleep(Long.getLong("derm.flood.pause.ms", 10));
                    }
                  } catch (Exception e) {
                    failures.add("flood " + source + ": " + e);
                  }
                }
                return null;
              }));
    }
    Thread.sleep(1000); // the flood is on
    tasks.add(
        pool.submit(
            () -> {
              String ask =
                  "ASK { <https://w3id.org/dermkg/DERM_0001242> a"
                      + " <http://www.w3.org/2002/07/owl#Class> }";
              int i = 0;
              while (System.nanoTime() < end - 1_000_000_000L) {
                long sent = System.nanoTime();
                String kind =
                    List.of(plain ? "ping" : "term", plain ? "ping" : "health", "ask").get(i % 3);
                try {
                  LoopbackHttp.Response r =
                      switch (i++ % 3) {
                        case 0 ->
                            LoopbackHttp.get(
                                "127.0.0.2", port, plain ? "/$/ping" : "/api/terms/DERM:0001242");
                        case 1 ->
                            LoopbackHttp.get("127.0.0.2", port, plain ? "/$/ping" : "/api/health");
                        default -> LoopbackHttp.query("127.0.0.2", port, ask);
                      };
                  light.add(result(kind, r));
                  if (kind.equals("health") && r.status() == 200) {
                    JsonNode h = JSON.readTree(r.body()).get("sparql");
                    peakSeen.accumulateAndGet(h.get("peak").asLong(), Math::max);
                  } else if (kind.equals("ask") && r.status() == 200) {
                    assertTrue(r.body().contains("true"), r.body());
                  }
                  Thread.sleep(20);
                } catch (Exception e) {
                  failures.add("light: " + e);
                  light.add(new Result(kind, -1, "io", null, (System.nanoTime() - sent) / 1e6));
                }
              }
              return null;
            }));
    for (Future<?> f : tasks) {
      f.get();
    }
    pool.shutdown();
    String report =
        report(name, flood, light, addresses, peakSeen.get(), (System.nanoTime() - t0) / 1e9);
    System.out.print(report);
    Path out = Path.of(System.getProperty("derm.flood.report", "target/flood-report.txt"));
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(
        out,
        report,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND,
        StandardOpenOption.WRITE);
    if (plain) {
      return;
    }

    assertTrue(failures.isEmpty(), failures.subList(0, Math.min(5, failures.size())) + report);
    assertTrue(light.size() >= (TIMED ? 30 : 5), "the light client ran:\n" + report);
    for (Result r : light) {
      assertEquals(200, r.status(), r.kind() + " answered " + r.status() + "\n" + report);
    }
    assertTrue(!TIMED || pct(millis(light, null), 0.95) < 1000, "light p95 over 1 s:\n" + report);
    List<Result> refused = flood.stream().filter(r -> r.code() != null).toList();
    if (addresses * LIMITS.clientParallel() > LIMITS.maxParallel() + LIMITS.reserve()) {
      // the clients together want more than the server runs: it saturates (503); whether one of
      // them also reaches its own limit (429) depends on how the slots happen to be shared
      assertTrue(refused.stream().anyMatch(r -> r.status() == 503), "503 seen:\n" + report);
    } else {
      // the client's own limit holds it before the server fills up
      assertTrue(refused.stream().anyMatch(r -> r.status() == 429), "429 seen:\n" + report);
    }
    for (Result r : refused) {
      assertTrue(r.retryAfter() != null && Long.parseLong(r.retryAfter()) >= 1, "Retry-After");
    }
    assertTrue(
        !TIMED || pct(refused.stream().mapToDouble(Result::millis).sorted().toArray(), 0.95) < 500,
        "refusals are not fast:\n" + report);
    assertTrue(
        flood.stream().anyMatch(r -> r.code() == null && r.status() == 503),
        "admitted runaway queries are cut at the timeout:\n" + report);
    assertTrue(
        peakSeen.get() <= LIMITS.maxParallel() + LIMITS.reserve(),
        "more queries ran at once than allowed:\n" + report);
  }

  private static Result result(String kind, LoopbackHttp.Response r) {
    String code = null;
    if (r.body().startsWith("{\"code\"")) {
      try {
        code = JSON.readTree(r.body()).get("code").asText();
      } catch (Exception e) {
        code = "unparsable";
      }
    }
    return new Result(kind, r.status(), code, r.header("Retry-After"), r.millis());
  }

  private static double[] millis(List<Result> rs, String kind) {
    return rs.stream()
        .filter(r -> kind == null || r.kind().equals(kind))
        .mapToDouble(Result::millis)
        .sorted()
        .toArray();
  }

  private static String report(
      String name, List<Result> flood, List<Result> light, int addresses, long peak, double s) {
    StringBuilder b = new StringBuilder();
    Map<String, Integer> outcomes = new TreeMap<>();
    for (Result r : flood) {
      outcomes.merge(r.status() + (r.code() == null ? " (ran)" : " " + r.code()), 1, Integer::sum);
    }
    b.append(
        String.format(
            "flood: %s, %d connections from %d address(es), %.0f s, %,d answers %s; peak running %d"
                + " (limit %d + reserve %d)%n",
            name,
            FLOOD,
            addresses,
            s,
            flood.size(),
            outcomes,
            peak,
            LIMITS.maxParallel(),
            LIMITS.reserve()));
    double[] ref =
        flood.stream().filter(r -> r.code() != null).mapToDouble(Result::millis).sorted().toArray();
    b.append(
        String.format(
            "  refusals: p50 %.1f ms, p95 %.1f ms, max %.1f ms%n",
            pct(ref, .5), pct(ref, .95), pct(ref, 1)));
    Map<String, Long> statuses = new ConcurrentHashMap<>();
    light.forEach(r -> statuses.merge(r.kind() + " " + r.status(), 1L, Long::sum));
    b.append(String.format("light: %,d requests %s%n", light.size(), new TreeMap<>(statuses)));
    for (String kind : List.of("term", "health", "ping", "ask")) {
      if (light.stream().noneMatch(r -> r.kind().equals(kind))) {
        continue;
      }
      double[] v = millis(light, kind);
      b.append(
          String.format(
              "  %-6s p50 %7.1f ms  p95 %7.1f ms  max %7.1f ms%n",
              kind, pct(v, .5), pct(v, .95), pct(v, 1)));
    }
    double[] all = millis(light, null);
    b.append(
        String.format(
            "  %-6s p50 %7.1f ms  p95 %7.1f ms  max %7.1f ms%n",
            "all", pct(all, .5), pct(all, .95), pct(all, 1)));
    return b.toString();
  }

  private static double pct(double[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))];
  }
}
