package org.dermkg.graph.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.store.tupletable.TupleIndex;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.dermkg.graph.GraphException;
import org.dermkg.graph.GraphException.Code;
import org.dermkg.graph.load.Derm1mLoader;
import org.dermkg.graph.load.LoadListener;
import org.dermkg.graph.load.LoadRequest;
import org.dermkg.ontology.OntologySnapshot;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real full disks and a real read-only file system (small tmpfs mounts; skipped where mounting is
 * not permitted). A full disk stops a load, a bulk load or a restore with a clear error naming the
 * disk and its free space — never a hang — and the store keeps its last committed state, reopens,
 * and takes the same load once there is room. A read-only store directory is refused at open. A
 * generation with an index left unbuilt is never switched in.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class StoreFaultsIT {
  static OntologySnapshot snapshot;
  @TempDir static Path data;
  @TempDir Path tmp;

  @BeforeAll
  static void datasets() {
    snapshot = OntologySnapshot.shipped();
    // big: ~60 MB of store, more than the 40 MiB disks below hold
    StoreFixtures.generate(data, 40_000, snapshot);
  }

  private LoadRequest request(String dataset) {
    return StoreFixtures.request(data, dataset, tmp.resolve("rep-" + dataset));
  }

  @Test
  void aFullDiskStopsALoadIntoAFilledStoreAndTheStoreKeepsItsData() throws Exception {
    try (Tmpfs disk = Tmpfs.mount(tmp.resolve("disk"), 40)) {
      Path store = disk.dir().resolve("store");
      long quads;
      try (DermStore s = DermStore.open(store)) {
        Derm1mLoader.load(s, snapshot, request("small"), LoadListener.NONE);
        quads = s.quadCount();
        // one transaction into the current generation (the store already holds images)
        GraphException e =
            assertThrows(
                GraphException.class,
                () -> Derm1mLoader.load(s, snapshot, request("big"), LoadListener.NONE));
        assertFull(e, store);
        assertEquals(quads, s.quadCount(), "nothing of the stopped load is visible");
      }
      try (DermStore s = DermStore.open(store)) {
        assertEquals(quads, s.quadCount(), "the store reopens with its last committed state");
        assertEquals(StoreFixtures.SMALL, s.imageCount());
        disk.remount("size=1g");
        Derm1mLoader.load(s, snapshot, request("big"), LoadListener.NONE);
        assertEquals(
            40_000 + StoreFixtures.SMALL,
            s.imageCount(),
            "with room, the same load runs to completion");
      }
    }
  }

  @Test
  void aFullDiskStopsABulkLoadWithoutHangingAndLeavesNoDebris() throws Exception {
    try (Tmpfs disk = Tmpfs.mount(tmp.resolve("disk"), 40)) {
      Path store = disk.dir().resolve("store");
      try (DermStore s = DermStore.open(store)) {
        GraphException e =
            assertThrows(
                GraphException.class,
                () -> Derm1mLoader.load(s, snapshot, request("big"), LoadListener.NONE));
        assertFull(e, store);
        assertEquals("gen-0001", s.generation());
        assertEquals(0, s.imageCount());
      }
      assertEquals(
          List.of("gen-0001"),
          StoreFixtures.generations(store),
          "the half-built generation is gone");
      try (DermStore s = DermStore.open(store)) {
        assertEquals(0, s.imageCount());
        Derm1mLoader.load(s, snapshot, request("small"), LoadListener.NONE);
        assertEquals(StoreFixtures.SMALL, s.imageCount(), "the store takes a load that fits");
      }
    }
  }

  /**
   * With no reserve the guard's sampling never trips, so the load runs into the wall itself: the
   * memory-mapped index write faults (an InternalError in one of the phased loader's threads, which
   * used to leave the loading thread waiting forever). It must still end in a clear error.
   */
  @Test
  void withNoReserveTheWriteFaultItselfIsCaughtNotAHang() throws Exception {
    for (String dataset : List.of("big", "big-into-filled")) {
      // a disk each: the space of the thrown-away files comes back only when the process lets go
      // of their memory maps
      try (Tmpfs disk = Tmpfs.mount(tmp.resolve("disk-" + dataset), 40)) {
        Path store = disk.dir().resolve("store");
        try (DermStore s = DermStore.open(store)) {
          if (dataset.equals("big-into-filled")) {
            Derm1mLoader.load(s, snapshot, request("small"), LoadListener.NONE);
          }
          long quads = s.quadCount();
          GraphException e =
              assertThrows(
                  GraphException.class,
                  () ->
                      Derm1mLoader.load(
                          s, snapshot, request("big").withMinFreeBytes(0), LoadListener.NONE));
          assertEquals(Code.WRITE_FAILED, e.code(), dataset + ": " + e);
          assertTrue(e.getMessage().contains("nothing of it was committed"), e.getMessage());
          assertTrue(e.getMessage().contains("the disk holding " + store), e.getMessage());
          assertEquals(quads, s.quadCount(), dataset);
        }
        try (DermStore s = DermStore.open(store)) {
          assertEquals(dataset.equals("big") ? 0 : StoreFixtures.SMALL, s.imageCount(), dataset);
        }
        assertEquals(1, StoreFixtures.generations(store).size(), dataset);
      }
    }
  }

  @Test
  void aLoadRefusesToStartOnAFullDisk() throws Exception {
    try (Tmpfs disk = Tmpfs.mount(tmp.resolve("disk"), 24)) {
      Path store = disk.dir().resolve("store");
      try (DermStore s = DermStore.open(store)) {
        disk.fill("filler");
        GraphException e =
            assertThrows(
                GraphException.class,
                () -> Derm1mLoader.load(s, snapshot, request("small"), LoadListener.NONE));
        assertEquals(Code.WRITE_FAILED, e.code());
        assertTrue(e.getMessage().contains("is full"), e.getMessage());
        assertTrue(e.getMessage().contains("nothing was written"), e.getMessage());
        assertEquals(0, s.quadCount());
      }
    }
  }

  @Test
  void aFullDiskStopsARestoreAndTheStoreKeepsItsData() throws Exception {
    Path file = tmp.resolve("backups/big.nq.gz");
    try (DermStore s = DermStore.open(tmp.resolve("source"))) {
      Derm1mLoader.load(s, snapshot, request("big"), LoadListener.NONE);
      StoreBackup.backup(s, file, n -> {});
    }
    try (Tmpfs disk = Tmpfs.mount(tmp.resolve("disk"), 40)) {
      Path store = disk.dir().resolve("store");
      long quads;
      try (DermStore s = DermStore.open(store)) {
        Derm1mLoader.load(s, snapshot, request("small"), LoadListener.NONE);
        quads = s.quadCount();
        GraphException e =
            assertThrows(GraphException.class, () -> StoreBackup.restore(s, file, n -> {}));
        assertEquals(Code.WRITE_FAILED, e.code(), e.toString());
        assertTrue(e.getMessage().contains("is full"), e.getMessage());
        assertTrue(e.getMessage().contains("nothing was restored"), e.getMessage());
        assertEquals(quads, s.quadCount());
      }
      try (DermStore s = DermStore.open(store)) {
        assertEquals(quads, s.quadCount());
        assertEquals(StoreFixtures.SMALL, s.imageCount());
      }
      assertEquals(1, StoreFixtures.generations(store).size());
    }
  }

  @Test
  void aBackupOntoAFullDiskFailsClearlyAndLeavesNoPartialFile() throws Exception {
    try (Tmpfs disk = Tmpfs.mount(tmp.resolve("disk"), 1);
        DermStore s = DermStore.open(tmp.resolve("store"))) {
      Derm1mLoader.load(s, snapshot, request("big"), LoadListener.NONE);
      long quads = s.quadCount();
      Path file = disk.dir().resolve("store.nq.gz");
      GraphException e =
          assertThrows(GraphException.class, () -> StoreBackup.backup(s, file, n -> {}));
      assertEquals(Code.WRITE_FAILED, e.code());
      assertTrue(e.getMessage().contains("No space left"), e.getMessage());
      try (Stream<Path> left = Files.list(disk.dir())) {
        assertEquals(List.of(), left.toList(), "no partial backup or manifest left");
      }
      assertEquals(quads, s.quadCount());
    }
  }

  @Test
  void aReadOnlyStoreDirectoryIsRefusedAndStaysIntact() throws Exception {
    try (Tmpfs disk = Tmpfs.mount(tmp.resolve("disk"), 40)) {
      Path store = disk.dir().resolve("store");
      long quads;
      try (DermStore s = DermStore.open(store)) {
        Derm1mLoader.load(s, snapshot, request("small"), LoadListener.NONE);
        quads = s.quadCount();
      }
      disk.remount("ro");
      GraphException e = assertThrows(GraphException.class, () -> DermStore.open(store));
      assertEquals(Code.STORE_UNAVAILABLE, e.code());
      assertTrue(e.getMessage().contains(store + " is not writable"), e.getMessage());
      GraphException missing =
          assertThrows(GraphException.class, () -> DermStore.open(store.resolveSibling("new")));
      assertEquals(Code.STORE_UNAVAILABLE, missing.code());
      assertTrue(missing.getMessage().contains("cannot create"), missing.getMessage());
      disk.remount("rw");
      try (DermStore s = DermStore.open(store)) {
        assertEquals(quads, s.quadCount(), "writable again, the store is as it was");
      }
    }
  }

  /** The check that keeps an index a loader thread failed to build from being switched in. */
  @Test
  void aGenerationWithAnUnbuiltIndexIsThrownAwayNotSwitchedIn() throws Exception {
    Path store = tmp.resolve("store");
    try (DermStore s = DermStore.open(store)) {
      Derm1mLoader.load(s, snapshot, request("small"), LoadListener.NONE);
      long quads = s.quadCount();
      String current = s.generation();
      DermStore.Bulk bulk = s.beginBulk();
      DatasetGraph next = bulk.dataset();
      Txn.executeRead(
          s.dataset(),
          () -> Txn.executeWrite(next, () -> s.dataset().find().forEachRemaining(next::add)));
      TupleIndex[] indexes =
          TDBInternal.getDatasetGraphTDB(next)
              .getQuadTable()
              .getNodeTupleTable()
              .getTupleTable()
              .getIndexes();
      TupleIndex victim = indexes[indexes.length - 1];
      Txn.executeWrite(next, victim::clear);
      Txn.executeRead(next, () -> assertTrue(victim.isEmpty(), "the index was cleared"));
      GraphException e = assertThrows(GraphException.class, bulk::commit);
      assertEquals(Code.WRITE_FAILED, e.code());
      assertTrue(e.getMessage().contains("index " + victim.getName()), e.getMessage());
      assertEquals(current, s.generation());
      assertEquals(quads, s.quadCount());
      assertEquals(
          List.of(current), StoreFixtures.generations(store), "the broken generation was deleted");
    }
  }

  private static void assertFull(GraphException e, Path store) {
    assertEquals(Code.WRITE_FAILED, e.code(), e.toString());
    String m = e.getMessage();
    assertTrue(m.contains("nothing of it was committed"), m);
    assertTrue(m.contains("the disk holding " + store + " is full"), m);
  }
}
