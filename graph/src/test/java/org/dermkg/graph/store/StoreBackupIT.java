package org.dermkg.graph.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.dermkg.graph.GraphException;
import org.dermkg.graph.load.Derm1mLoader;
import org.dermkg.graph.load.LoadListener;
import org.dermkg.ontology.OntologySnapshot;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backup and restore of real TDB2 stores: the round trip gives an isomorphic dataset; a restore
 * replaces what the store held; a truncated or altered backup is refused before anything changes; a
 * restore killed with SIGKILL halfway leaves the store as it was, and can be re-run.
 */
class StoreBackupIT {
  static OntologySnapshot snapshot;
  @TempDir static Path data;
  @TempDir Path tmp;

  @BeforeAll
  static void datasets() {
    snapshot = OntologySnapshot.shipped();
    StoreFixtures.generate(data, 30_000, snapshot);
  }

  private static void load(DermStore s, String dataset, Path reports) {
    Derm1mLoader.load(
        s, snapshot, StoreFixtures.request(data, dataset, reports), LoadListener.NONE);
  }

  private static DatasetGraph copy(DermStore s) {
    DatasetGraph out = DatasetGraphFactory.createGeneral();
    Txn.executeRead(s.dataset(), () -> s.dataset().find().forEachRemaining(out::add));
    return out;
  }

  @Test
  void aBackupRestoresToAnIsomorphicStoreAndReplacesWhatWasThere() throws Exception {
    Path file = tmp.resolve("backups/store.nq.gz");
    DatasetGraph before;
    StoreBackup.Result written;
    try (DermStore s = DermStore.open(tmp.resolve("a"))) {
      load(s, "small", tmp.resolve("r"));
      before = copy(s);
      written = StoreBackup.backup(s, file, n -> {});
      assertEquals(s.quadCount(), written.quads());
    }
    assertTrue(Files.isRegularFile(file));
    assertTrue(Files.isRegularFile(StoreBackup.manifestOf(file)));
    assertEquals(List.of(), parts(file.getParent()), "no .part files left");
    assertTrue(written.graphs().containsKey(DermStore.IMAGES_GRAPH.getURI()), written.toString());

    // into a store that holds something else: afterwards it holds exactly the backup
    Path target = tmp.resolve("b");
    try (DermStore s = DermStore.open(target)) {
      Txn.executeWrite(
          s.dataset(),
          () ->
              s.dataset()
                  .add(
                      Quad.create(
                          NodeFactory.createURI("urn:g"),
                          NodeFactory.createURI("urn:s"),
                          NodeFactory.createURI("urn:p"),
                          NodeFactory.createLiteralString("stale"))));
      StoreBackup.Result r = StoreBackup.restore(s, file, n -> {});
      assertEquals(written.quads(), r.quads());
      assertEquals(written.graphs(), r.graphs());
      assertEquals(ground(before), ground(copy(s)), "every quad without blank nodes came back");
      assertEquals(blankCounts(before), blankCounts(copy(s)), "and as many with blank nodes");
      assertEquals(StoreFixtures.SMALL, s.imageCount());
    }
    try (DermStore s = DermStore.open(target)) {
      assertEquals(written.quads(), s.quadCount(), "the restore is durable");
      assertEquals(1, StoreFixtures.generations(target).size(), "the replaced generation is gone");
    }
  }

  @Test
  void aDamagedBackupIsRefusedAndTheStoreKeepsItsData() throws Exception {
    Path file = tmp.resolve("s.nq.gz");
    long quads;
    try (DermStore s = DermStore.open(tmp.resolve("src"))) {
      load(s, "small", tmp.resolve("r"));
      StoreBackup.backup(s, file, n -> {});
      quads = s.quadCount();
    }
    Path target = tmp.resolve("target");
    try (DermStore s = DermStore.open(target)) {
      load(s, "small", tmp.resolve("r2"));
    }
    byte[] bytes = Files.readAllBytes(file);
    // truncated
    Path cut = tmp.resolve("cut.nq.gz");
    Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    Files.copy(StoreBackup.manifestOf(file), StoreBackup.manifestOf(cut));
    // one byte changed
    Path flipped = tmp.resolve("flipped.nq.gz");
    bytes[bytes.length / 3] ^= 0x20;
    Files.write(flipped, bytes);
    Files.copy(StoreBackup.manifestOf(file), StoreBackup.manifestOf(flipped));
    // no manifest
    Path bare = tmp.resolve("bare.nq.gz");
    Files.copy(file, bare);
    // the file as written, its manifest claiming one quad more in the images graph
    Path miscounted = tmp.resolve("miscounted.nq.gz");
    Files.copy(file, miscounted);
    String manifest = Files.readString(StoreBackup.manifestOf(file));
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(\"https://w3id.org/dermkg/graph/images\"\\s*:\\s*)(\\d+)")
            .matcher(manifest);
    assertTrue(m.find(), manifest);
    Files.writeString(
        StoreBackup.manifestOf(miscounted),
        m.replaceFirst(m.group(1) + (Long.parseLong(m.group(2)) + 1)));
    try (DermStore s = DermStore.open(target)) {
      for (Path bad : List.of(cut, flipped)) {
        GraphException e =
            assertThrows(GraphException.class, () -> StoreBackup.restore(s, bad, n -> {}));
        assertEquals(GraphException.Code.BAD_ARGUMENT, e.code());
        assertTrue(e.getMessage().contains("does not match its manifest"), e.getMessage());
        assertTrue(e.getMessage().contains(bad.getFileName().toString()), e.getMessage());
      }
      GraphException counted =
          assertThrows(GraphException.class, () -> StoreBackup.restore(s, miscounted, n -> {}));
      assertTrue(counted.getMessage().contains("differ from the manifest's"), counted.getMessage());
      GraphException none =
          assertThrows(GraphException.class, () -> StoreBackup.restore(s, bare, n -> {}));
      assertEquals(GraphException.Code.INPUT_MISSING, none.code());
      assertTrue(none.getMessage().contains("no manifest"), none.getMessage());
      assertEquals(
          GraphException.Code.INPUT_MISSING,
          assertThrows(
                  GraphException.class,
                  () -> StoreBackup.restore(s, tmp.resolve("nope.nq.gz"), n -> {}))
              .code());
      assertEquals(quads, s.quadCount(), "the store kept its data");
      assertEquals(StoreFixtures.SMALL, s.imageCount());
      assertEquals(1, StoreFixtures.generations(target).size());
    }
  }

  @Test
  void aRestoreKilledHalfwayLeavesTheStoreAsItWasAndCanBeRerun() throws Exception {
    Path file = tmp.resolve("big.nq.gz");
    long bigQuads;
    try (DermStore s = DermStore.open(tmp.resolve("big"))) {
      load(s, "big", tmp.resolve("r"));
      bigQuads = StoreBackup.backup(s, file, n -> {}).quads();
    }
    Path target = tmp.resolve("t");
    long quads;
    try (DermStore s = DermStore.open(target)) {
      load(s, "small", tmp.resolve("r2"));
      quads = s.quadCount();
    }
    Process p = StoreProcess.start("restore", target.toString(), file.toString());
    StoreProcess.await(p, "quads ", l -> Long.parseLong(l.substring(6)) >= 200_000);
    StoreProcess.kill(p);
    try (DermStore s = DermStore.open(target)) {
      assertEquals(quads, s.quadCount(), "nothing of the killed restore is visible");
      assertEquals(StoreFixtures.SMALL, s.imageCount());
      assertEquals(
          1, StoreFixtures.generations(target).size(), "the half-built generation was removed");
      StoreBackup.restore(s, file, n -> {});
      assertEquals(bigQuads, s.quadCount());
      assertEquals(30_000, s.imageCount());
    }
  }

  /**
   * The quads without blank nodes (compared exactly; isomorphism over OWL's blank nodes is slow).
   */
  private static java.util.Set<Quad> ground(DatasetGraph d) {
    java.util.Set<Quad> out = new java.util.HashSet<>();
    d.find()
        .forEachRemaining(
            q -> {
              if (!q.getSubject().isBlank() && !q.getObject().isBlank()) {
                out.add(q);
              }
            });
    return out;
  }

  private static java.util.Map<String, Long> blankCounts(DatasetGraph d) {
    java.util.Map<String, Long> out = new java.util.TreeMap<>();
    d.find()
        .forEachRemaining(
            q -> {
              if (q.getSubject().isBlank() || q.getObject().isBlank()) {
                out.merge(q.getGraph().getURI() + " " + q.getPredicate().getURI(), 1L, Long::sum);
              }
            });
    return out;
  }

  private static List<Path> parts(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(x -> x.toString().endsWith(".part")).toList();
    }
  }
}
