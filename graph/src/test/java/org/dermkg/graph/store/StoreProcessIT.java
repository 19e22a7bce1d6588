package org.dermkg.graph.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.dermkg.graph.GraphException;
import org.dermkg.graph.demo.DemoGenerator;
import org.dermkg.graph.load.Derm1mLoader;
import org.dermkg.graph.load.LoadListener;
import org.dermkg.graph.load.LoadRequest;
import org.dermkg.ontology.OntologySnapshot;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real processes against a real store: a load killed with SIGKILL halfway leaves the previous state
 * (both the one-transaction path and the bulk path into a new generation), the interrupted load can
 * be re-run to completion without duplicates, and a second process is refused while one holds the
 * store.
 */
class StoreProcessIT {
  static OntologySnapshot snapshot;
  @TempDir static Path data;
  @TempDir Path tmp;

  @BeforeAll
  static void datasets() {
    snapshot = OntologySnapshot.shipped();
    DemoGenerator.generate(
        new DemoGenerator.Options(data.resolve("small"), 60, 3, 2.5, false), snapshot, n -> {});
    DemoGenerator.generate(
        new DemoGenerator.Options(data.resolve("big"), 40_000, 4, 2.5, false), snapshot, n -> {});
  }

  private static Process start(String... args) throws IOException {
    List<String> cmd =
        new java.util.ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                StoreProcess.class.getName()));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectErrorStream(true).start();
  }

  /** Waits until the process prints a line starting with {@code prefix} meeting {@code enough}. */
  private static void await(Process p, String prefix, java.util.function.Predicate<String> enough)
      throws IOException {
    BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = r.readLine()) != null) {
      if (line.startsWith(prefix) && enough.test(line)) {
        return;
      }
    }
    throw new AssertionError("the process ended before printing " + prefix);
  }

  private LoadRequest request(String dataset) {
    return LoadRequest.of(data.resolve(dataset), tmp.resolve("rep-" + dataset))
        .withValidation(false)
        .withImageProbing(false);
  }

  private static void kill(Process p) throws InterruptedException {
    p.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no finally blocks
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
  }

  @Test
  void aTransactionalLoadKilledHalfwayLeavesThePreviousStateAndCanBeRerun() throws Exception {
    Path store = tmp.resolve("store");
    long quads;
    try (DermStore s = DermStore.open(store)) {
      Derm1mLoader.load(s, snapshot, request("small"), LoadListener.NONE);
      quads = s.quadCount();
      assertEquals(60, s.imageCount());
    }
    Process p =
        start(
            "load", store.toString(), data.resolve("big").toString(), tmp.resolve("r").toString());
    await(p, "rows ", l -> Long.parseLong(l.substring(5)) >= 20_000);
    kill(p);
    try (DermStore s = DermStore.open(store)) {
      assertEquals(quads, s.quadCount(), "nothing of the killed load is visible");
      assertEquals(60, s.imageCount());
      Derm1mLoader.load(s, snapshot, request("big"), LoadListener.NONE);
      long images = imageQuads(s);
      assertEquals(40_060, s.imageCount());
      Derm1mLoader.load(s, snapshot, request("big"), LoadListener.NONE);
      assertEquals(images, imageQuads(s), "re-running the completed load adds no image data");
    }
  }

  @Test
  void aBulkLoadKilledHalfwayLeavesTheEmptyStoreAndNoDebris() throws Exception {
    Path store = tmp.resolve("bulk");
    try (DermStore s = DermStore.open(store)) {
      assertEquals(0, s.imageCount());
    }
    Process p =
        start(
            "load", store.toString(), data.resolve("big").toString(), tmp.resolve("r").toString());
    await(p, "rows ", l -> Long.parseLong(l.substring(5)) >= 20_000);
    assertEquals(2, generations(store), "the bulk load builds a second generation");
    kill(p);
    try (DermStore s = DermStore.open(store)) {
      assertEquals(0, s.imageCount());
      assertEquals("gen-0001", s.generation());
      assertEquals(1, generations(store), "the half-built generation was removed");
      Derm1mLoader.load(s, snapshot, request("big"), LoadListener.NONE);
      assertEquals(40_000, s.imageCount());
      assertEquals("gen-0002", s.generation());
    }
  }

  @Test
  void aSecondProcessIsRefusedCleanly() throws Exception {
    Path store = tmp.resolve("locked");
    Process p = start("hold", store.toString());
    try {
      await(p, "open", l -> true);
      GraphException e = assertThrows(GraphException.class, () -> DermStore.open(store));
      assertEquals(GraphException.Code.STORE_UNAVAILABLE, e.code());
      assertTrue(e.getMessage().contains("in use by another process"), e.getMessage());
    } finally {
      kill(p);
    }
    try (DermStore s = DermStore.open(store)) {
      assertEquals(0, s.imageCount(), "usable again once the other process is gone");
    }
  }

  private static long imageQuads(DermStore s) {
    return org.apache.jena.system.Txn.calculateRead(
        s.dataset(),
        () -> {
          long n = 0;
          var it =
              s.dataset()
                  .find(
                      DermStore.IMAGES_GRAPH,
                      org.apache.jena.graph.Node.ANY,
                      org.apache.jena.graph.Node.ANY,
                      org.apache.jena.graph.Node.ANY);
          while (it.hasNext()) {
            it.next();
            n++;
          }
          return n;
        });
  }

  private static long generations(Path store) throws IOException {
    try (Stream<Path> s = Files.list(store)) {
      return s.filter(x -> x.getFileName().toString().startsWith("gen-")).count();
    }
  }
}
