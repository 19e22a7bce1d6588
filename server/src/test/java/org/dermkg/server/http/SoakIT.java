package org.dermkg.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.dermkg.graph.embed.EmbeddingLinks;
import org.dermkg.zeroshot.similar.StoreSimilarity;
import org.junit.jupiter.api.Test;

/**
 * Soak: the real server on loopback under 16+ concurrent clients mixing SPARQL hierarchy queries,
 * JSON API calls, kNN (image and text queries through the tiny model) and prompt sets, bounded in
 * time and in requests. Asserts zero 5xx and no connection errors, and that retained heap (after a
 * GC), open file descriptors and threads stay flat between the first and the last sample; prints
 * p50/p99 per kind. CI runs it for {@code derm.soak.seconds} (default 45); {@code bench/soak.sh}
 * runs it for minutes and records the figures.
 */
class SoakIT {
  private static final long SECONDS = Long.getLong("derm.soak.seconds", 45);
  private static final int CLIENTS = Integer.getInteger("derm.soak.clients", 16);
  private static final long MAX_REQUESTS = Long.getLong("derm.soak.max.requests", 5_000_000);
  private static final List<String> CLASSES =
      List.of(
          "DERM:0001000",
          "DERM:0001242",
          "DERM:0001001",
          "DERM:0001019",
          "DERM:0001045",
          "DERM:0001309",
          "DERM:0002001",
          "DERM:0001235");

  record Sample(double second, long heapMiB, long fds, int threads) {}

  @Test
  void sixteenClientsForMinutesGetNo5xxAndNothingLeaks() throws Exception {
    try (ServedStore store = ServedStore.generated(300)) {
      List<String> files = new ArrayList<>();
      for (EmbeddingLinks.ImageFile f : EmbeddingLinks.images(store.store)) {
        files.add(f.filename());
      }
      StoreSimilarity similarity = store.embedTiny();
      // 16 well-behaved clients on one loopback address: admission sized for them (16 heavy
      // requests at once, no per-client limits); FloodIT is the test of the limits themselves
      DermServer server =
          store.serveWithTinyModel(
              ServeSettings.defaults()
                  .withAdmission(
                      new AdmissionLimits(16, 2, 500, 2000, 16, 0, 100, 64).perClientUnlimited()));
      try {
        run(server.url(), files);
      } finally {
        server.close();
        similarity.close();
      }
    }
  }

  private static void run(String url, List<String> files) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    Map<String, List<Long>> micros = new ConcurrentHashMap<>();
    Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
    AtomicLong errors = new AtomicLong();
    AtomicLong total = new AtomicLong();
    List<String> firstErrors = new java.util.concurrent.CopyOnWriteArrayList<>();
    long t0 = System.nanoTime();
    long end = t0 + Duration.ofSeconds(SECONDS).toNanos();
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    List<Future<?>> clients = new ArrayList<>();
    for (int c = 0; c < CLIENTS; c++) {
      long seed = c;
      clients.add(
          pool.submit(
              () -> {
                Random r = new Random(seed);
                while (System.nanoTime() < end && total.incrementAndGet() <= MAX_REQUESTS) {
                  String[] req = request(r, url, files);
                  long s = System.nanoTime();
                  try {
                    HttpRequest.Builder b =
                        HttpRequest.newBuilder(URI.create(req[1])).timeout(Duration.ofSeconds(30));
                    if (req[2] != null) {
                      b.header("Content-Type", "application/sparql-query")
                          .header("Accept", "application/sparql-results+json")
                          .POST(HttpRequest.BodyPublishers.ofString(req[2]));
                    }
                    HttpResponse<byte[]> res =
                        http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
                    statuses
                        .computeIfAbsent(res.statusCode(), k -> new AtomicLong())
                        .incrementAndGet();
                    if (res.statusCode() >= 500 && firstErrors.size() < 5) {
                      firstErrors.add(
                          req[1] + " -> " + new String(res.body(), StandardCharsets.UTF_8));
                    }
                  } catch (Exception e) {
                    errors.incrementAndGet();
                    if (firstErrors.size() < 5) {
                      firstErrors.add(req[1] + " -> " + e);
                    }
                  }
                  micros
                      .computeIfAbsent(
                          req[0], k -> java.util.Collections.synchronizedList(new ArrayList<>()))
                      .add((System.nanoTime() - s) / 1000);
                }
              }));
    }
    // samples of retained heap, file descriptors and threads while the load runs
    List<Sample> samples = new ArrayList<>();
    long every = Math.max(5, SECONDS / 8);
    while (System.nanoTime() < end && clients.stream().anyMatch(f -> !f.isDone())) {
      Thread.sleep(Math.min(every * 1000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
      samples.add(sample(t0));
    }
    for (Future<?> f : clients) {
      f.get();
    }
    pool.shutdown();
    double seconds = (System.nanoTime() - t0) / 1e9;
    samples.add(sample(t0));

    long requests = statuses.values().stream().mapToLong(AtomicLong::get).sum() + errors.get();
    long fivexx =
        statuses.entrySet().stream()
            .filter(e -> e.getKey() >= 500)
            .mapToLong(e -> e.getValue().get())
            .sum();
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            "soak: %d clients, %.0f s, %,d requests (%.0f/s), statuses %s, connection errors %d%n",
            CLIENTS, seconds, requests, requests / seconds, new TreeMap<>(statuses), errors.get()));
    List<Long> all = new ArrayList<>();
    for (var e : new TreeMap<>(micros).entrySet()) {
      long[] v;
      synchronized (e.getValue()) {
        v = e.getValue().stream().mapToLong(Long::longValue).sorted().toArray();
        all.addAll(e.getValue());
      }
      out.append(
          String.format(
              "  %-16s %,8d  p50 %6.1f ms  p99 %7.1f ms%n",
              e.getKey(), v.length, pct(v, 0.50), pct(v, 0.99)));
    }
    long[] v = all.stream().mapToLong(Long::longValue).sorted().toArray();
    out.append(
        String.format(
            "  %-16s %,8d  p50 %6.1f ms  p99 %7.1f ms%n",
            "all", v.length, pct(v, .5), pct(v, .99)));
    for (Sample s : samples) {
      out.append(
          String.format(
              "  t=%5.0f s  heap after GC %4d MiB  fds %4d  threads %3d%n",
              s.second(), s.heapMiB(), s.fds(), s.threads()));
    }
    System.out.print(out);
    Path report = Path.of(System.getProperty("derm.soak.report", "target/soak-report.txt"));
    Files.createDirectories(report.toAbsolutePath().getParent());
    Files.writeString(report, out.toString());

    assertEquals(0, fivexx, "5xx answers:\n" + out + firstErrors);
    assertEquals(0, errors.get(), "connection errors:\n" + out + firstErrors);
    assertTrue(requests > CLIENTS * 10L, "the load really ran:\n" + out);
    // flat: compare the last sample with the first one taken under load (after warm-up)
    Sample first = samples.get(0);
    Sample last = samples.get(samples.size() - 1);
    assertTrue(last.fds() <= first.fds() + 16, "file descriptors grew:\n" + out);
    assertTrue(last.threads() <= first.threads() + 16, "threads grew:\n" + out);
    assertTrue(last.heapMiB() <= first.heapMiB() * 1.5 + 64, "retained heap grew:\n" + out);
  }

  /** {kind, url, sparql body or null}. */
  private static String[] request(Random r, String url, List<String> files) {
    String id = CLASSES.get(r.nextInt(CLASSES.size()));
    String iri = "https://w3id.org/dermkg/DERM_" + id.substring(5);
    String file = files.get(r.nextInt(files.size()));
    return switch (r.nextInt(9)) {
      case 0 ->
          new String[] {
            "sparql-desc",
            url + "/derm/sparql",
            "SELECT ?d WHERE { ?d <http://www.w3.org/2000/01/rdf-schema#subClassOf>+ <"
                + iri
                + "> }"
          };
      case 1 ->
          new String[] {
            "sparql-images",
            url + "/derm/sparql",
            "SELECT (COUNT(?i) AS ?n) WHERE { ?i <https://w3id.org/dermkg/vocab#diagnosisUnder> <"
                + iri
                + "> }"
          };
      case 2 -> new String[] {"api-term", url + "/api/terms/" + id, null};
      case 3 ->
          new String[] {"api-children", url + "/api/terms/" + id + "/children?counts=true", null};
      case 4 ->
          new String[] {
            "api-search",
            url
                + "/api/search?limit=10&q="
                + List.of("mel", "basal", "eczema", "nev", "psor").get(r.nextInt(5)),
            null
          };
      case 5 -> new String[] {"api-images", url + "/api/terms/" + id + "/images?limit=50", null};
      case 6 ->
          new String[] {
            "knn-image",
            url + "/api/similar?k=10&image=" + URLEncoder.encode(file, StandardCharsets.UTF_8),
            null
          };
      case 7 ->
          new String[] {
            "knn-text",
            url
                + "/api/similar?k=10&text="
                + URLEncoder.encode("a red scaly plaque", StandardCharsets.UTF_8),
            null
          };
      default ->
          new String[] {
            "prompts",
            url
                + "/api/prompts?"
                + List.of(
                        "set=HAM10000&strategies=name,synonyms",
                        "level=2",
                        "children_of=" + id + "&strategies=name,ancestors")
                    .get(r.nextInt(3)),
            null
          };
    };
  }

  private static Sample sample(long t0) {
    System.gc();
    var mem = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    long fds;
    try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
      fds = s.count();
    } catch (Exception e) {
      fds = -1;
    }
    return new Sample(
        (System.nanoTime() - t0) / 1e9,
        mem.getUsed() >> 20,
        fds,
        ManagementFactory.getThreadMXBean().getThreadCount());
  }

  private static double pct(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))] / 1000.0;
  }
}
