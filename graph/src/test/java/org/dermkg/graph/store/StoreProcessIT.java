package org.dermkg.graph.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.dermkg.graph.GraphException;
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
    StoreFixtures.generate(data, 40_000, snapshot);
  }

  private LoadRequest request(String dataset) {
    return StoreFixtures.request(data, dataset, tmp.resolve("rep-" + dataset));
  }

  @Test
  void aTransactionalLoadKilledHalfwayLeavesThePreviousStateAndCanBeRerun() throws Exception {
    Path store = tmp.resolve("store");
    long quads;
    try (DermStore s = DermStore.open(store)) {
      Derm1mLoader.load(s, snapshot, request("small"), LoadListener.NONE);
      quads = s.quadCount();
      assertEquals(StoreFixtures.SMALL, s.imageCount());
    }
    Process p =
        StoreProcess.start(
            "load", store.toString(), data.resolve("big").toString(), tmp.resolve("r").toString());
    StoreProcess.await(p, "rows ", l -> Long.parseLong(l.substring(5)) >= 20_000);
    StoreProcess.kill(p);
    try (DermStore s = DermStore.open(store)) {
      assertEquals(quads, s.quadCount(), "nothing of the killed load is visible");
      assertEquals(StoreFixtures.SMALL, s.imageCount());
      Derm1mLoader.load(s, snapshot, request("big"), LoadListener.NONE);
      long images = imageQuads(s);
      assertEquals(40_000 + StoreFixtures.SMALL, s.imageCount());
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
        StoreProcess.start(
            "load", store.toString(), data.resolve("big").toString(), tmp.resolve("r").toString());
    StoreProcess.await(p, "rows ", l -> Long.parseLong(l.substring(5)) >= 20_000);
    assertEquals(
        2, StoreFixtures.generations(store).size(), "the bulk load builds a second generation");
    StoreProcess.kill(p);
    try (DermStore s = DermStore.open(store)) {
      assertEquals(0, s.imageCount());
      assertEquals("gen-0001", s.generation());
      assertEquals(
          1, StoreFixtures.generations(store).size(), "the half-built generation was removed");
      Derm1mLoader.load(s, snapshot, request("big"), LoadListener.NONE);
      assertEquals(40_000, s.imageCount());
      assertEquals("gen-0002", s.generation());
    }
  }

  @Test
  void aSecondProcessIsRefusedCleanly() throws Exception {
    Path store = tmp.resolve("locked");
    Process p = StoreProcess.start("hold", store.toString());
    try {
      StoreProcess.await(p, "open", l -> true);
      GraphException e = assertThrows(GraphException.class, () -> DermStore.open(store));
      assertEquals(GraphException.Code.STORE_UNAVAILABLE, e.code());
      assertTrue(e.getMessage().contains("in use by another process"), e.getMessage());
    } finally {
      StoreProcess.kill(p);
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
}
