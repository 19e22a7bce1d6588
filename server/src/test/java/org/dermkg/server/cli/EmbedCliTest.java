package org.dermkg.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.jena.query.QueryExecutionFactory;
import org.apache.jena.query.ResultSet;
import org.apache.jena.system.Txn;
import org.dermkg.embeddings.vectors.VectorFile;
import org.dermkg.graph.store.DermStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** derm tokenize and derm embed with the tiny test model of the embeddings module. */
class EmbedCliTest {
  static final Path TINY = Path.of("../embeddings/src/test/resources/fixtures/tiny-clip");

  @TempDir Path tmp;

  @Test
  void embedsTheStoresImagesLinksThemAndResumes() {
    Path store = CliTest.demoStore(tmp, 30);
    Path data = tmp.resolve("demo");
    String[] args = {
      "embed",
      "--store",
      store.toString(),
      "--data",
      data.toString(),
      "--model",
      TINY.toString(),
      "--out",
      tmp.resolve("emb").toString(),
      "--batch",
      "8"
    };
    CliTest.Run r = CliTest.derm(args);
    assertEquals(0, r.exit(), r.out() + r.err());
    assertTrue(r.out().contains("derm embed: 30 images"), r.out());
    Path base = tmp.resolve("emb/tiny-clip/images");
    VectorFile.Loaded v = VectorFile.read(base);
    assertEquals(32, v.dim());
    int skipped = 30 - v.size();
    assertTrue(
        r.out().contains(v.size() + " embedded, 0 already there, " + skipped + " skipped"),
        r.out());
    try (DermStore s = DermStore.open(store)) {
      long links =
          Txn.calculateRead(
              s.dataset(),
              () -> {
                try (var qe =
                    QueryExecutionFactory.create(
                        "PREFIX dkg: <https://w3id.org/dermkg/vocab#> SELECT (COUNT(*) AS ?n) WHERE {"
                            + " GRAPH ?g { ?img dkg:hasEmbedding ?e . ?e dkg:row ?row ; dkg:model ?m ."
                            + " ?m dkg:dimension 32 } }",
                        org.apache.jena.query.DatasetFactory.wrap(s.dataset()))) {
                  ResultSet rs = qe.execSelect();
                  return rs.next().getLiteral("n").getLong();
                }
              });
      assertEquals(v.size(), links);
    }
    CliTest.Run again = CliTest.derm(args);
    assertEquals(0, again.exit(), again.err());
    assertTrue(again.out().contains("0 embedded, " + v.size() + " already there"), again.out());
    assertEquals(v.ids(), VectorFile.read(base).ids());

    // nearest neighbours of a stored image: itself first, HNSW and exact agree on it
    String first = v.ids().get(0);
    String[] common = {
      "--store",
      store.toString(),
      "--model",
      TINY.toString(),
      "--out",
      tmp.resolve("emb").toString(),
      "-k",
      "5"
    };
    for (String[] mode :
        new String[][] {{"similar", "--id", first, "--exact"}, {"similar", "--id", first}}) {
      CliTest.Run sim = CliTest.derm(concat(mode, common));
      assertEquals(0, sim.exit(), sim.out() + sim.err());
      String[] top = sim.out().lines().findFirst().orElseThrow().split("\t");
      assertEquals("1", top[0]);
      assertEquals(first, top[2], sim.out());
      assertEquals(1.0, Double.parseDouble(top[1]), 1e-4);
      assertEquals(6, sim.out().lines().count(), sim.out());
    }
    assertTrue(Files.isDirectory(tmp.resolve("emb/tiny-clip/images.hnsw")));
    // a text query, and a filter to one subtree (every hit diagnosed under it)
    CliTest.Run text =
        CliTest.derm(concat(new String[] {"similar", "--text", "a red scaly plaque"}, common));
    assertEquals(0, text.exit(), text.out() + text.err());
    assertTrue(text.out().contains("HNSW search"), text.out());
    CliTest.Run under =
        CliTest.derm(
            concat(
                new String[] {"similar", "--id", first, "--under", "DERM:0001221", "--exact"},
                common));
    assertEquals(0, under.exit(), under.out() + under.err());
    CliTest.Run none =
        CliTest.derm(concat(new String[] {"similar", "--id", "no/such.jpg"}, common));
    assertEquals(2, none.exit());
    assertTrue(none.err().contains("no vector for image"), none.err());
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void checkComparesWithTheExportsParityFile() throws Exception {
    CliTest.Run ok = CliTest.derm("embed", "--check", "--model", TINY.toString());
    assertEquals(0, ok.exit(), ok.out() + ok.err());
    assertTrue(ok.out().contains("token ids identical") && ok.out().contains("PASS"), ok.out());
    Path copy = Files.createDirectories(tmp.resolve("m"));
    try (var files = Files.list(TINY)) {
      for (Path f : files.toList()) {
        Files.copy(f, copy.resolve(f.getFileName()));
      }
    }
    String parity = Files.readString(copy.resolve("parity.json"));
    Files.writeString(copy.resolve("parity.json"), parity.replaceFirst("\\[2512, ", "[2512, 7, "));
    CliTest.Run bad = CliTest.derm("embed", "--check", "--model", copy.toString());
    assertEquals(1, bad.exit(), bad.out() + bad.err());
    assertTrue(bad.out().contains("DIFFERENT") && bad.out().contains("FAIL"), bad.out());
  }

  @Test
  void tokenizePrintsTheModelsIdsAndABadModelIsExitTwo() throws Exception {
    CliTest.Run t =
        CliTest.derm(
            "tokenize", "--model", TINY.toString(), "--no-padding", "a photo of a melanoma");
    assertEquals(0, t.exit(), t.err());
    assertTrue(t.out().startsWith("2512 320 "), t.out());
    assertTrue(t.out().strip().endsWith(" 2513"), t.out());
    Path broken = Files.createDirectories(tmp.resolve("broken"));
    CliTest.Run none = CliTest.derm("tokenize", "--model", broken.toString(), "x");
    assertEquals(2, none.exit());
    assertTrue(none.err().contains("EMB-MODEL-MISSING"), none.err());
  }
}
