package org.dermkg.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.dermkg.graph.store.DermStore;
import org.dermkg.graph.store.StoreProcess;
import org.dermkg.graph.store.Tmpfs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the CLI says about the store's disk: a load without the free-space reserve is refused before
 * it writes, and a store on a read-only file system (a real read-only tmpfs; skipped where mounting
 * is not permitted) is refused by serve, load and restore with the directory named, exit 2.
 */
class StorageCliTest {
  @TempDir Path tmp;

  @Test
  void aLoadWithoutTheFreeSpaceReserveIsRefusedBeforeItWrites() throws Exception {
    Path store = CliTest.demoStore(tmp);
    long quads;
    try (DermStore s = DermStore.open(store)) {
      quads = s.quadCount();
    }
    CliTest.Run r =
        CliTest.derm(
            "load",
            "--data",
            tmp.resolve("demo").toString(),
            "--store",
            store.toString(),
            "--no-validate",
            "--report",
            tmp.resolve("r2").toString(),
            "--min-free",
            "1000000000");
    assertEquals(DermCommand.EXIT_INPUT, r.exit(), r.out() + r.err());
    assertTrue(r.err().contains("GRAPH-WRITE"), r.err());
    assertTrue(r.err().contains("the disk holding " + store + " is full"), r.err());
    assertTrue(r.err().contains("nothing was written"), r.err());
    try (DermStore s = DermStore.open(store)) {
      assertEquals(quads, s.quadCount());
    }
    CliTest.Run negative =
        CliTest.derm(
            "load",
            "--data",
            tmp.resolve("demo").toString(),
            "--store",
            store.toString(),
            "--min-free",
            "-1");
    assertEquals(DermCommand.EXIT_INPUT, negative.exit());
    assertTrue(negative.err().contains("reserve must be >= 0"), negative.err());
  }

  @Test
  void aBackupOfAStoreHeldByAnotherProcessPointsAtTheServersBackupRoute() throws Exception {
    Path store = CliTest.demoStore(tmp);
    Process holder = StoreProcess.start("hold", store.toString());
    try {
      StoreProcess.await(holder, "open", l -> true);
      CliTest.Run r = CliTest.derm("backup", "--store", store.toString());
      assertEquals(DermCommand.EXIT_INPUT, r.exit(), r.out() + r.err());
      assertTrue(r.err().contains("in use by another process"), r.err());
      assertTrue(r.err().contains("/admin/backup"), r.err());
    } finally {
      StoreProcess.kill(holder);
    }
  }

  @Test
  void aStoreOnAReadOnlyDiskIsRefusedWithItsDirectoryNamed() throws Exception {
    try (Tmpfs disk = Tmpfs.mount(tmp.resolve("disk"), 64)) {
      Path store = CliTest.demoStore(disk.dir());
      CliTest.Run backup =
          CliTest.derm(
              "backup", "--store", store.toString(), "--out", tmp.resolve("b.nq.gz").toString());
      assertEquals(0, backup.exit(), backup.out() + backup.err());
      disk.remount("ro");
      for (String[] args :
          new String[][] {
            {"serve", "--store", store.toString(), "--port", "0", "--exit-after-start"},
            {"load", "--store", store.toString(), "--data", disk.dir().resolve("demo").toString()},
            {"restore", tmp.resolve("b.nq.gz").toString(), "--store", store.toString(), "--force"}
          }) {
        CliTest.Run r = CliTest.derm(args);
        assertEquals(DermCommand.EXIT_INPUT, r.exit(), args[0] + ": " + r.out() + r.err());
        assertTrue(r.err().contains("GRAPH-STORE-UNAVAILABLE"), args[0] + ": " + r.err());
        assertTrue(r.err().contains(store + " is not writable"), args[0] + ": " + r.err());
      }
      disk.remount("rw");
      CliTest.Run serve =
          CliTest.derm("serve", "--store", store.toString(), "--port", "0", "--exit-after-start");
      assertEquals(0, serve.exit(), serve.out() + serve.err());
    }
  }
}
