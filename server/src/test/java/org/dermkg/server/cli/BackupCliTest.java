package org.dermkg.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dermkg.graph.store.DermStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** derm backup and derm restore round trip, and what they refuse. */
class BackupCliTest {
  @TempDir Path tmp;

  @Test
  void backupThenRestoreIntoAnotherStoreGivesTheSameData() throws Exception {
    Path store = CliTest.demoStore(tmp);
    long quads;
    long images;
    try (DermStore s = DermStore.open(store)) {
      quads = s.quadCount();
      images = s.imageCount();
    }
    Path file = tmp.resolve("b/store.nq.gz");
    CliTest.Run backup =
        CliTest.derm("backup", "--store", store.toString(), "--out", file.toString());
    assertEquals(0, backup.exit(), backup.out() + backup.err());
    assertTrue(backup.out().contains(String.format("%,d quads", quads)), backup.out());
    assertTrue(Files.exists(file.resolveSibling("store.nq.gz.json")));

    Path other = tmp.resolve("other");
    CliTest.Run restore = CliTest.derm("restore", file.toString(), "--store", other.toString());
    assertEquals(0, restore.exit(), restore.out() + restore.err());
    assertTrue(restore.out().contains("(" + images + " images)"), restore.out());
    try (DermStore s = DermStore.open(other)) {
      assertEquals(quads, s.quadCount());
    }
    // a store with images is not replaced without --force
    CliTest.Run refused = CliTest.derm("restore", file.toString(), "--store", other.toString());
    assertEquals(DermCommand.EXIT_INPUT, refused.exit());
    assertTrue(refused.err().contains("--force"), refused.err());
    assertEquals(
        0, CliTest.derm("restore", file.toString(), "--store", other.toString(), "--force").exit());
    // a missing backup names the file
    CliTest.Run missing =
        CliTest.derm("restore", tmp.resolve("none.nq.gz").toString(), "--store", other.toString());
    assertEquals(DermCommand.EXIT_INPUT, missing.exit());
    assertTrue(missing.err().contains("none.nq.gz"), missing.err());
    CliTest.Run noStore = CliTest.derm("backup", "--store", tmp.resolve("nostore").toString());
    assertEquals(DermCommand.EXIT_INPUT, noStore.exit());
    assertTrue(noStore.err().contains("no store at"), noStore.err());
  }
}
