package org.dermkg.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.dermkg.graph.FixtureDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a real {@code derm serve} process (its own JVM) while clients read and write: once
 * between updates under load, once in the middle of a large update. After each restart the store
 * opens, every acknowledged update is there whole, the interrupted one is all or nothing, the
 * images are intact, and re-sending the updates completes the work with no duplicates.
 */
class ServeCrashIT {
  private static final String TOKEN = "crash-test-token";
  private static final int TRIPLES_PER_BATCH = 50;
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  private Process serve(Path store, int port) throws IOException {
    List<String> cmd =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            "org.dermkg.server.Main",
            "serve",
            "--store",
            store.toString(),
            "--no-load",
            "--port",
            Integer.toString(port));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.redirectOutput(tmp.resolve("serve-" + System.nanoTime() + ".log").toFile());
    pb.environment().put("DERM_UPDATE_TOKEN", TOKEN);
    Process p = pb.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      assertTrue(p.isAlive(), "derm serve exited early");
      try {
        if (get(port, "/api/health").statusCode() == 200) {
          return p;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
      sleep(300);
    }
    p.destroyForcibly();
    throw new AssertionError("derm serve did not come up");
  }

  private static HttpResponse<String> get(int port, String path)
      throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(20))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> update(int port, String update)
      throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/derm/update"))
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", "Bearer " + TOKEN)
            .header("Content-Type", "application/sparql-update")
            .POST(HttpRequest.BodyPublishers.ofString(update))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static long count(int port, String pattern) throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/derm/sparql"))
                .header("Content-Type", "application/sparql-query")
                .header("Accept", "application/sparql-results+json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "SELECT (COUNT(*) AS ?n) WHERE { " + pattern + " }"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    return JSON.readTree(r.body()).at("/results/bindings/0/n/value").asLong();
  }

  private static String batch(int i) {
    StringBuilder b = new StringBuilder("INSERT DATA { GRAPH <urn:crash:batches> {\n");
    for (int k = 0; k < TRIPLES_PER_BATCH; k++) {
      b.append("<urn:batch:").append(i).append("> <urn:p:").append(k).append("> ").append(k);
      b.append(" .\n");
    }
    return b.append("} }").toString();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void kill(Process p) throws InterruptedException {
    p.destroyForcibly(); // SIGKILL
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
  }

  @Test
  void killedUnderLoadAndDuringAnUpdateTheStoreKeepsEveryCommittedWrite() throws Exception {
    Path store = CliTest.demoStore(tmp);
    int port = freePort();
    Process server = serve(store, port);
    long images = count(port, "?i a <https://w3id.org/dermkg/vocab#Image>");
    assertEquals(FixtureDataset.IMAGES, images);

    // 1. readers and a writer going; kill -9 while they run
    AtomicBoolean stop = new AtomicBoolean();
    List<CompletableFuture<Integer>> readers = new ArrayList<>();
    for (int c = 0; c < 4; c++) {
      readers.add(
          CompletableFuture.supplyAsync(
              () -> {
                int ok = 0;
                while (!stop.get()) {
                  try {
                    if (get(port, "/api/terms/DERM:0001242/descendants").statusCode() == 200) {
                      ok++;
                    }
                  } catch (IOException | InterruptedException e) {
                    return ok; // the server is gone
                  }
                }
                return ok;
              }));
    }
    List<Integer> acknowledged = new ArrayList<>();
    int next = 0;
    while (acknowledged.size() < 40) {
      assertEquals(2, update(port, batch(next)).statusCode() / 100);
      acknowledged.add(next++);
    }
    CompletableFuture<Integer> inFlight =
        CompletableFuture.supplyAsync(
            () -> {
              int i = 40;
              try {
                while (true) {
                  update(port, batch(i));
                  i++;
                }
              } catch (IOException | InterruptedException e) {
                return i; // batch i may or may not have committed
              }
            });
    sleep(400);
    kill(server);
    stop.set(true);
    int lastTried = inFlight.get(30, TimeUnit.SECONDS);
    for (CompletableFuture<Integer> r : readers) {
      assertTrue(r.get(30, TimeUnit.SECONDS) > 0, "readers were served before the kill");
    }

    server = serve(store, port);
    assertEquals(images, count(port, "?i a <https://w3id.org/dermkg/vocab#Image>"));
    long stored = count(port, "GRAPH <urn:crash:batches> { ?s ?p ?o }");
    assertEquals(0, stored % TRIPLES_PER_BATCH, "no update is half there: " + stored);
    long batches = stored / TRIPLES_PER_BATCH;
    assertTrue(batches >= 40, "every acknowledged batch survived: " + batches);
    assertTrue(batches <= lastTried + 1, batches + " > " + (lastTried + 1));
    for (int i = 0; i < batches; i++) {
      assertEquals(
          TRIPLES_PER_BATCH,
          count(port, "GRAPH <urn:crash:batches> { <urn:batch:" + i + "> ?p ?o }"),
          "batch " + i + " is whole");
    }

    // 2. kill -9 in the middle of one large update (a cross product of the ontology's classes)
    String big =
        "INSERT { GRAPH <urn:crash:big> { ?a <urn:x> ?b } } WHERE { "
            + "?a a <http://www.w3.org/2002/07/owl#Class> . ?b a <http://www.w3.org/2002/07/owl#Class> "
            + "FILTER(isIRI(?a) && isIRI(?b)) }";
    long product =
        (long)
            Math.pow(
                count(port, "?a a <http://www.w3.org/2002/07/owl#Class> FILTER(isIRI(?a))"), 2);
    CompletableFuture<Integer> bigUpdate =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return update(port, big).statusCode();
              } catch (IOException | InterruptedException e) {
                return -1;
              }
            });
    sleep(700);
    kill(server);
    int status = bigUpdate.get(30, TimeUnit.SECONDS);
    server = serve(store, port);
    long bigCount = count(port, "GRAPH <urn:crash:big> { ?a ?p ?b }");
    assertTrue(
        bigCount == 0 || (status / 100 == 2 && bigCount == product),
        "the large update is all or nothing: "
            + bigCount
            + " of "
            + product
            + ", status "
            + status);
    assertEquals(stored, count(port, "GRAPH <urn:crash:batches> { ?s ?p ?o }"));
    assertEquals(images, count(port, "?i a <https://w3id.org/dermkg/vocab#Image>"));

    // 3. re-send every batch: the work completes, nothing is duplicated
    for (int i = 0; i < 60; i++) {
      assertEquals(2, update(port, batch(i)).statusCode() / 100);
    }
    assertEquals(60L * TRIPLES_PER_BATCH, count(port, "GRAPH <urn:crash:batches> { ?s ?p ?o }"));
    kill(server);
  }
}
