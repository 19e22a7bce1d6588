package org.dermkg.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.Test;

/**
 * Writes under read load: four credentialed writers (SPARQL INSERT DATA of new classes, GSP PUT
 * replacing a graph, GSP POST appending to one, INSERT DATA of images under a class) beside eight
 * readers (label search, term pages, image counts, prompt sets, SPARQL), for {@code
 * derm.writesoak.seconds} (CI 30 s; {@code bench/writesoak.sh} runs longer), after the same readers
 * alone for a third of that time (the figures' peer). Every acknowledged write must be visible to
 * the writer's very next read (search hit, term page, graph content, count, image count); no answer
 * may be a 5xx or mention a closed index; and at the end the store holds exactly the acknowledged
 * writes, each of which is in the audit log (which holds no secret).
 *
 * <p>All clients share one loopback address, so the per-client admission limits are lifted here
 * (the global ones stay): this test is about writes, FloodIT about admission.
 */
class WriteSoakIT {
  private static final long SECONDS = Long.getLong("derm.writesoak.seconds", 30);
  private static final int READERS = Integer.getInteger("derm.writesoak.readers", 8);
  private static final String TOKEN = "soak-writer-token";
  private static final String PASSWORD = "soak-pw-42";
  private static final String CLASSES = "urn:soak:classes";
  private static final String PUT = "urn:soak:put";
  private static final String POST = "urn:soak:post";
  private static final String IMAGES = "urn:soak:images";
  private static final String PARENT = "https://w3id.org/dermkg/DERM_0001242";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Map<String, AtomicLong> statuses = new ConcurrentHashMap<>();
  private final List<String> problems = new CopyOnWriteArrayList<>();
  private final Map<String, List<Long>> micros = new ConcurrentHashMap<>();
  private final List<Integer> classesAcked = new CopyOnWriteArrayList<>();
  private final AtomicInteger lastPut = new AtomicInteger(-1);
  private final AtomicInteger postsAcked = new AtomicInteger();
  private final AtomicInteger imagesAcked = new AtomicInteger();
  private final AtomicLong staleReads = new AtomicLong();
  private String base;
  private volatile String phase = "";

  @Test
  void writersAndReadersTogetherSeeEveryAcknowledgedWriteAndNothingElse() throws Exception {
    try (ServedStore store = ServedStore.generated(100)) {
      Path audit = store.dir.resolve("audit/writes.jsonl");
      ServeSettings settings =
          ServeSettings.defaults()
              .withWriters(Credentials.of(TOKEN, "curator", PASSWORD))
              .withAdmission(AdmissionLimits.defaults().perClientUnlimited())
              .withAccess(AccessPolicy.defaults().withAuditLog(audit));
      DermServer server = store.serve(settings);
      long baseImages;
      try {
        base = server.url();
        baseImages = imageCount();
        run();
      } finally {
        server.close();
      }
      String report = report();
      System.out.print(report);
      Files.writeString(Path.of("target/writesoak-report.txt"), report);
      assertTrue(problems.isEmpty(), problems.subList(0, Math.min(8, problems.size())) + report);
      assertEquals(0, staleReads.get(), report);
      assertTrue(classesAcked.size() > 5 && postsAcked.get() > 5 && lastPut.get() > 5, report);
      assertStoreHoldsExactlyTheAcknowledgedWrites(store.store.dataset(), baseImages);
      List<String> lines = Files.readAllLines(audit);
      long writes =
          classesAcked.size() + (lastPut.get() + 1) + postsAcked.get() + imagesAcked.get();
      assertEquals(writes, lines.size(), "one audit line per acknowledged write");
      for (String line : lines) {
        assertTrue(!line.contains(TOKEN) && !line.contains(PASSWORD), line);
        JsonNode o = JSON.readTree(line);
        assertEquals("127.0.0.1", o.get("client").asText());
        assertTrue(o.get("bytes").asLong() > 0, line);
        assertTrue(o.get("graphs").size() > 0, line);
      }
    }
  }

  private void run() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4 + READERS);
    // first the readers alone (the same mix, for a third of the time): the peer for the figures
    phase = "reads alone";
    long alone = System.nanoTime() + SECONDS * 1_000_000_000L / 3;
    List<Future<?>> tasks = new ArrayList<>();
    for (int r = 0; r < READERS; r++) {
      Random random = new Random(100 + r);
      tasks.add(pool.submit(() -> loop(alone, n -> read(random))));
    }
    for (Future<?> f : tasks) {
      f.get();
    }
    tasks.clear();
    phase = "with writers";
    long end = System.nanoTime() + SECONDS * 1_000_000_000L;
    tasks.add(pool.submit(() -> loop(end, this::writeClass)));
    tasks.add(pool.submit(() -> loop(end, this::putGraph)));
    tasks.add(pool.submit(() -> loop(end, this::postTriple)));
    tasks.add(pool.submit(() -> loop(end, this::insertImage)));
    for (int r = 0; r < READERS; r++) {
      Random random = new Random(r);
      tasks.add(pool.submit(() -> loop(end, n -> read(random))));
    }
    for (Future<?> f : tasks) {
      f.get();
    }
    pool.shutdown();
  }

  interface Step {
    void run(int n) throws Exception;
  }

  private Void loop(long end, Step step) {
    for (int n = 0; System.nanoTime() < end; n++) {
      try {
        step.run(n);
      } catch (Exception e) {
        problems.add(e.toString());
      }
    }
    return null;
  }

  private static String termIri(int n) {
    return String.format("https://w3id.org/dermkg/DERM_95%05d", n);
  }

  /** A new class by SPARQL update, then: its term page, a search hit and an ASK. */
  private void writeClass(int n) throws Exception {
    String iri = termIri(n);
    String update =
        "INSERT DATA { GRAPH <"
            + CLASSES
            + "> { <"
            + iri
            + "> a <http://www.w3.org/2002/07/owl#Class> ;"
            + " <http://www.w3.org/2000/01/rdf-schema#label> \"Soakterm "
            + n
            + "\" ; <http://www.w3.org/2000/01/rdf-schema#subClassOf> <"
            + PARENT
            + "> } }";
    HttpResponse<String> w =
        send("update", post("/derm/update", "application/sparql-update", update, true));
    if (w.statusCode() != 200 && w.statusCode() != 204) {
      problems.add("update " + w.statusCode() + ": " + w.body());
      return;
    }
    classesAcked.add(n);
    String id = "DERM:95" + String.format("%05d", n);
    HttpResponse<String> term = send("api-term", get("/api/terms/" + id));
    if (term.statusCode() != 200 || !term.body().contains("Soakterm " + n)) {
      stale("term page of a new class: " + term.statusCode() + " " + term.body());
    }
    HttpResponse<String> hits = send("api-search", get("/api/search?limit=5&q=soakterm+" + n));
    if (!hits.body().contains(iri)) {
      stale("search after a write misses " + iri + ": " + hits.body());
    }
  }

  /** A graph replaced by GSP PUT, then read back whole. */
  private void putGraph(int n) throws Exception {
    int k = n % 5 + 1;
    StringBuilder ttl = new StringBuilder();
    for (int i = 0; i < k; i++) {
      ttl.append("<urn:soak:put:s")
          .append(i)
          .append("> <urn:soak:p> \"v")
          .append(n)
          .append("\" .\n");
    }
    HttpResponse<String> w =
        send("gsp-put", put("/derm/data?graph=" + enc(PUT), "text/turtle", ttl.toString()));
    if (w.statusCode() >= 300) {
      problems.add("put " + w.statusCode() + ": " + w.body());
      return;
    }
    lastPut.set(n);
    HttpRequest.Builder b =
        get("/derm/data?graph=" + enc(PUT)).header("Accept", "application/n-triples");
    HttpResponse<String> r = send("gsp-get", b);
    List<String> lines = r.body().lines().filter(l -> !l.isBlank()).toList();
    if (lines.size() != k || !lines.stream().allMatch(l -> l.contains("\"v" + n + "\""))) {
      stale("graph after PUT " + n + " holds " + lines);
    }
  }

  /** A triple appended by GSP POST, then the graph's size by SPARQL. */
  private void postTriple(int n) throws Exception {
    String ttl = "<urn:soak:post:" + n + "> <urn:soak:p> " + n + " .";
    HttpResponse<String> w =
        send("gsp-post", post("/derm/data?graph=" + enc(POST), "text/turtle", ttl, true));
    if (w.statusCode() >= 300) {
      problems.add("post " + w.statusCode() + ": " + w.body());
      return;
    }
    int acked = postsAcked.incrementAndGet();
    long count = count("SELECT (COUNT(*) AS ?n) WHERE { GRAPH <" + POST + "> { ?s ?p ?o } }");
    if (count != acked) {
      stale("graph after POST holds " + count + " triples, " + acked + " acknowledged");
    }
  }

  /** An image under a class, then the class's image count (a cached figure) by the API. */
  private void insertImage(int n) throws Exception {
    long before = imageCount();
    String update =
        "INSERT DATA { GRAPH <"
            + IMAGES
            + "> { <urn:soak:img:"
            + n
            + "> <https://w3id.org/dermkg/vocab#diagnosisUnder> <"
            + PARENT
            + "> } }";
    HttpResponse<String> w =
        send("update", post("/derm/update", "application/sparql-update", update, true));
    if (w.statusCode() >= 300) {
      problems.add("image " + w.statusCode() + ": " + w.body());
      return;
    }
    imagesAcked.incrementAndGet();
    long after = imageCount();
    if (after != before + 1) {
      stale("image count " + before + " -> " + after + " after one image");
    }
  }

  private long imageCount() throws Exception {
    HttpResponse<String> r = send("api-term", get("/api/terms/DERM:0001242"));
    return JSON.readTree(r.body()).get("imageCount").asLong();
  }

  private void read(Random r) throws Exception {
    List<Integer> known = classesAcked;
    String id =
        !known.isEmpty() && r.nextBoolean()
            ? "DERM:95" + String.format("%05d", known.get(r.nextInt(known.size())))
            : List.of("DERM:0001242", "DERM:0001000", "DERM:0001019").get(r.nextInt(3));
    switch (r.nextInt(5)) {
      case 0 ->
          send(
              "api-search",
              get(
                  "/api/search?limit=10&q="
                      + List.of("soak", "mel", "basal", "nev").get(r.nextInt(4))));
      case 1 -> send("api-term", get("/api/terms/" + id));
      case 2 -> send("api-children", get("/api/terms/DERM:0001242/children?counts=true"));
      case 3 -> send("prompts", get("/api/prompts?children_of=DERM:0001242&strategies=name"));
      default ->
          count(
              "SELECT (COUNT(?c) AS ?n) WHERE { ?c <http://www.w3.org/2000/01/rdf-schema#subClassOf>"
                  + " <"
                  + PARENT
                  + "> }");
    }
  }

  private long count(String sparql) throws Exception {
    HttpResponse<String> r =
        send(
            "sparql",
            post("/derm/sparql", "application/sparql-query", sparql, false)
                .header("Accept", "application/sparql-results+json"));
    if (r.statusCode() != 200) {
      return -1;
    }
    return JSON.readTree(r.body()).at("/results/bindings/0/n/value").asLong();
  }

  private HttpResponse<String> send(String kind, HttpRequest.Builder b) throws Exception {
    long t0 = System.nanoTime();
    HttpResponse<String> r =
        http.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    micros
        .computeIfAbsent(phase + " | " + kind, k -> Collections.synchronizedList(new ArrayList<>()))
        .add((System.nanoTime() - t0) / 1000);
    statuses.computeIfAbsent(kind + " " + r.statusCode(), k -> new AtomicLong()).incrementAndGet();
    if (r.statusCode() >= 500 || r.body().toLowerCase().contains("closed")) {
      problems.add(kind + " " + r.statusCode() + ": " + r.body());
    }
    return r;
  }

  private void stale(String what) {
    staleReads.incrementAndGet();
    problems.add("stale read: " + what);
  }

  private HttpRequest.Builder get(String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).GET();
  }

  private HttpRequest.Builder post(String path, String type, String body, boolean auth) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", type)
            .POST(HttpRequest.BodyPublishers.ofString(body));
    return auth ? b.header("Authorization", "Bearer " + TOKEN) : b;
  }

  private HttpRequest.Builder put(String path, String type, String body) {
    String basic =
        java.util.Base64.getEncoder()
            .encodeToString(("curator:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    return HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", type)
        .header("Authorization", "Basic " + basic)
        .PUT(HttpRequest.BodyPublishers.ofString(body));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private void assertStoreHoldsExactlyTheAcknowledgedWrites(DatasetGraph dsg, long baseImages) {
    Txn.executeRead(
        dsg,
        () -> {
          assertEquals(3L * classesAcked.size(), size(dsg, CLASSES));
          for (int n : classesAcked) {
            assertTrue(
                dsg.contains(
                    NodeFactory.createURI(CLASSES),
                    NodeFactory.createURI(termIri(n)),
                    Node.ANY,
                    Node.ANY));
          }
          assertEquals(lastPut.get() % 5 + 1, size(dsg, PUT));
          assertTrue(
              dsg.stream(NodeFactory.createURI(PUT), Node.ANY, Node.ANY, Node.ANY)
                  .allMatch(
                      q -> q.getObject().getLiteralLexicalForm().equals("v" + lastPut.get())));
          assertEquals(postsAcked.get(), size(dsg, POST));
          assertEquals(imagesAcked.get(), size(dsg, IMAGES));
        });
    assertTrue(baseImages >= 0);
  }

  private static long size(DatasetGraph dsg, String graph) {
    return dsg.stream(NodeFactory.createURI(graph), Node.ANY, Node.ANY, Node.ANY).count();
  }

  private String report() {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            "write soak: %d s, %d readers; acknowledged: %d classes (update), %d PUTs, %d POSTs, %d"
                + " images (update); stale reads %d; problems %d%n  answers %s%n",
            SECONDS,
            READERS,
            classesAcked.size(),
            lastPut.get() + 1,
            postsAcked.get(),
            imagesAcked.get(),
            staleReads.get(),
            problems.size(),
            new TreeMap<>(
                statuses.entrySet().stream()
                    .collect(
                        java.util.stream.Collectors.toMap(
                            Map.Entry::getKey, e -> e.getValue().get())))));
    for (var e : new TreeMap<>(micros).entrySet()) {
      long[] v;
      synchronized (e.getValue()) {
        v = e.getValue().stream().mapToLong(Long::longValue).sorted().toArray();
      }
      b.append(
          String.format(
              "  %-28s %,7d  p50 %6.1f ms  p99 %7.1f ms%n",
              e.getKey(),
              v.length,
              v[v.length / 2] / 1000.0,
              v[Math.min(v.length - 1, (int) (v.length * 0.99))] / 1000.0));
    }
    return b.toString();
  }
}
