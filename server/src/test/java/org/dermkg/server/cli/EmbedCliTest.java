package org.dermkg.server.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.jena.query.QueryExecutionFactory;
import org.apache.jena.query.ResultSet;
import org.apache.jena.system.Txn;
import org.dermkg.embeddings.vectors.VectorFile;
import org.dermkg.graph.FixtureDataset;
import org.dermkg.graph.store.DermStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** derm tokenize and derm embed with the tiny test model of the embeddings module. */
class EmbedCliTest {
  static final Path TINY = Path.of("../embeddings/src/test/resources/fixtures/tiny-clip");

  @TempDir Path tmp;

  @Test
  void embedsTheStoresImagesLinksThemAndResumes() {
    Path store = CliTest.demoStore(tmp);
    Path data = tmp.resolve("demo");
    long images = FixtureDataset.IMAGES;
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
    assertTrue(r.out().contains("derm embed: " + images + " images"), r.out());
    Path base = tmp.resolve("emb/tiny-clip/images");
    VectorFile.Loaded v = VectorFile.read(base);
    assertEquals(32, v.dim());
    long skipped = images - v.size();
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

  /** derm embed --import of files in the temp folder into a store, under a model name. */
  private String[] importArgs(String npy, String ids, Path store, Path model, String slug) {
    return new String[] {
      "embed",
      "--import",
      tmp.resolve(npy).toString(),
      "--ids",
      tmp.resolve(ids).toString(),
      "--store",
      store.toString(),
      "--model",
      model.toString(),
      "--out",
      tmp.resolve("emb").toString(),
      "--slug",
      slug
    };
  }

  @Test
  void importsParquetFromAnotherWriterWithItsModelChecked() throws Exception {
    Path store = CliTest.demoStore(tmp);
    // DuckDB wrote it (embeddings/tools/MakeDuckdbParquetFixtures.java): the mini dataset's 60
    // images by file name in 16-row groups, one of them of another model, one unknown image
    Path parquet = Path.of("../embeddings/src/test/resources/fixtures/parquet/mini-store.parquet");
    String[] args = {
      "embed",
      "--import",
      parquet.toString(),
      "--store",
      store.toString(),
      "--model",
      TINY.toString(),
      "--out",
      tmp.resolve("emb").toString(),
      "--slug",
      "pq"
    };
    CliTest.Run imp = CliTest.derm(args);
    assertEquals(0, imp.exit(), imp.out() + imp.err());
    assertTrue(imp.out().contains("Parquet, 61 x 32, columns filename + vector"), imp.out());
    assertTrue(imp.out().contains("59 imported, 0 already there, 2 refused"), imp.out());
    assertTrue(imp.out().contains("model_id another-model"), imp.out());
    assertTrue(imp.out().contains("59 images linked"), imp.out());
    VectorFile.Loaded v = VectorFile.read(tmp.resolve("emb/pq/images"));
    assertEquals(59, v.size());
    CliTest.Run again = CliTest.derm(args);
    assertTrue(again.out().contains("0 imported, 59 already there"), again.out());
    // Parquet carries its ids: --ids is refused, as are the column options elsewhere
    String[] withIds = java.util.Arrays.copyOf(args, args.length + 2);
    withIds[args.length] = "--ids";
    withIds[args.length + 1] = parquet.toString();
    CliTest.Run refused = CliTest.derm(withIds);
    assertEquals(2, refused.exit(), refused.out() + refused.err());
    assertTrue(refused.err().contains("no --ids"), refused.err());
    String[] named = java.util.Arrays.copyOf(args, args.length + 2);
    named[args.length] = "--vector-column";
    named[args.length + 1] = "embedding";
    CliTest.Run missing = CliTest.derm(named);
    assertEquals(2, missing.exit(), missing.out() + missing.err());
    assertTrue(missing.err().contains("EMB-IMPORT-INVALID"), missing.err());
    assertTrue(missing.err().contains("no vector column (embedding)"), missing.err());
  }

  /** Writes vectors as numpy.save does (format 1.0, little-endian float32, C order). */
  static void writeNpy(Path file, float[][] rows) throws java.io.IOException {
    int dim = rows[0].length;
    String dict =
        "{'descr': '<f4', 'fortran_order': False, 'shape': (" + rows.length + ", " + dim + "), }";
    int pad = 64 - (10 + dict.length() + 1) % 64;
    String header = dict + " ".repeat(pad == 64 ? 0 : pad) + "\n";
    java.nio.ByteBuffer b =
        java.nio.ByteBuffer.allocate(10 + header.length() + 4 * dim * rows.length)
            .order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
    b.putShort((short) header.length());
    b.put(header.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    for (float[] r : rows) {
      for (float x : r) {
        b.putFloat(x);
      }
    }
    Files.write(file, b.array());
  }

  @Test
  void importsVectorsMadeElsewhereAsIfEmbeddedHere() throws Exception {
    Path store = CliTest.demoStore(tmp);
    Path data = tmp.resolve("demo");
    CliTest.Run embed =
        CliTest.derm(
            "embed",
            "--store",
            store.toString(),
            "--data",
            data.toString(),
            "--model",
            TINY.toString(),
            "--out",
            tmp.resolve("emb").toString(),
            "--slug",
            "here");
    assertEquals(0, embed.exit(), embed.out() + embed.err());
    VectorFile.Loaded here = VectorFile.read(tmp.resolve("emb/here/images"));
    // the same vectors as "another pipeline" writes them: by file name, plus an unknown id and a
    // zero vector
    java.util.Map<String, String> fileOf = new java.util.HashMap<>();
    try (DermStore s = DermStore.open(store)) {
      org.dermkg.graph.embed.EmbeddingLinks.images(s)
          .forEach(f -> fileOf.put(f.iri(), f.filename()));
    }
    int n = here.size();
    float[][] rows = new float[n + 2][];
    StringBuilder ids = new StringBuilder("filename,other\n");
    for (int i = 0; i < n; i++) {
      rows[i] = here.get(i);
      ids.append('"').append(fileOf.get(here.ids().get(i))).append("\",x\n");
    }
    rows[n] = here.get(0);
    ids.append("not/in/the/store.jpg,x\n");
    rows[n + 1] = new float[here.dim()];
    ids.append(fileOf.get(here.ids().get(1))).append(",x\n");
    writeNpy(tmp.resolve("v.npy"), rows);
    Files.writeString(tmp.resolve("ids.csv"), ids);
    String[] args = importArgs("v.npy", "ids.csv", store, TINY, "elsewhere");
    CliTest.Run imp = CliTest.derm(args);
    assertEquals(0, imp.exit(), imp.out() + imp.err());
    // the zero vector is refused for itself, so its image keeps its good row (no duplicate)
    assertTrue(
        imp.out().contains(n + " imported, 0 already there, 2 refused"), imp.out() + imp.err());
    assertTrue(imp.out().contains("unknown id") && imp.out().contains("zero vector"), imp.out());
    VectorFile.Loaded there = VectorFile.read(tmp.resolve("emb/elsewhere/images"));
    assertEquals(here.ids(), there.ids());
    assertArrayEquals(here.data(), there.data(), 0f);
    List<String> rejects =
        Files.readAllLines(tmp.resolve("emb/elsewhere/images.import-rejects.tsv"));
    assertEquals(3, rejects.size(), rejects.toString());
    // linked like derm embed's: the nearest neighbour of an image by the imported vectors is itself
    CliTest.Run sim =
        CliTest.derm(
            "similar",
            "--id",
            here.ids().get(3),
            "--store",
            store.toString(),
            "--model",
            TINY.toString(),
            "--out",
            tmp.resolve("emb").toString(),
            "--slug",
            "elsewhere",
            "-k",
            "1");
    assertEquals(0, sim.exit(), sim.out() + sim.err());
    assertEquals(here.ids().get(3), sim.out().lines().findFirst().orElseThrow().split("\t")[2]);
    // again: everything is there already
    CliTest.Run again = CliTest.derm(args);
    assertEquals(0, again.exit(), again.err());
    assertTrue(again.out().contains("0 imported, " + n + " already there"), again.out());
    // vectors of another size: refused, nothing written, exit 2 with the import's error code
    float[][] small = {{1, 2, 3}};
    writeNpy(tmp.resolve("small.npy"), small);
    Files.writeString(tmp.resolve("one.txt"), fileOf.get(here.ids().get(0)) + "\n");
    CliTest.Run bad = CliTest.derm(importArgs("small.npy", "one.txt", store, TINY, "elsewhere"));
    assertEquals(2, bad.exit(), bad.out() + bad.err());
    assertTrue(bad.err().contains("EMB-IMPORT-INVALID"), bad.err());
    assertTrue(bad.err().contains("3-dimensional vectors; the model's are 32"), bad.err());
    assertEquals(here.ids(), VectorFile.read(tmp.resolve("emb/elsewhere/images")).ids());
    // a vector file of this project's format (what the Spark job writes): its ids come along
    CliTest.Run copy =
        CliTest.derm(
            "embed",
            "--import",
            tmp.resolve("emb/here/images.f32").toString(),
            "--store",
            store.toString(),
            "--model",
            TINY.toString(),
            "--out",
            tmp.resolve("emb").toString(),
            "--slug",
            "copied");
    assertEquals(0, copy.exit(), copy.out() + copy.err());
    assertTrue(copy.out().contains(n + " imported, 0 already there, 0 refused"), copy.out());
    assertArrayEquals(here.data(), VectorFile.read(tmp.resolve("emb/copied/images")).data(), 0f);
    String[] both = importArgs("v.npy", "ids.csv", store, TINY, "copied");
    both[2] = tmp.resolve("emb/here/images.f32").toString(); // a .f32 with --ids: refused
    CliTest.Run bothRun = CliTest.derm(both);
    assertEquals(2, bothRun.exit(), bothRun.out() + bothRun.err());
    assertTrue(bothRun.err().contains("no --ids"), bothRun.err());
    // without a model: --dim and --model-id
    CliTest.Run noModel =
        CliTest.derm(
            concat(
                importArgs("small.npy", "one.txt", store, tmp.resolve("absent"), "three"),
                new String[] {"--dim", "3", "--model-id", "pipeline-x"}));
    assertEquals(0, noModel.exit(), noModel.out() + noModel.err());
    assertTrue(noModel.out().contains("1 imported"), noModel.out());
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

  @Test
  void tokenizeRunsAHuggingFaceTokenizerJsonAsTheRustLibraryDoes() throws Exception {
    Path dir = Path.of("../embeddings/src/test/resources/fixtures/wordpiece");
    com.fasterxml.jackson.databind.JsonNode c =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(dir.resolve("expected.json").toFile())
            .get("cases")
            .get(0);
    String text = c.get("text").asText();
    String file = dir.resolve("tokenizer.json.gz").toString();
    CliTest.Run ids = CliTest.derm("tokenize", "--tokenizer", file, "--no-padding", text);
    assertEquals(0, ids.exit(), ids.err());
    List<String> want = new java.util.ArrayList<>();
    c.get("ids").forEach(i -> want.add(i.asText()));
    int n = c.get("tokens").size();
    assertEquals(String.join(" ", want.subList(0, n)), ids.out().strip());
    CliTest.Run tokens = CliTest.derm("tokenize", "--tokenizer", file, "--tokens", text);
    List<String> wantTokens = new java.util.ArrayList<>();
    c.get("tokens").forEach(t -> wantTokens.add(t.asText()));
    assertEquals(String.join(" ", wantTokens), tokens.out().strip());
    CliTest.Run padded = CliTest.derm("tokenize", "--tokenizer", file, text);
    assertEquals(256, padded.out().strip().split(" ").length, "256 tokens by default");
    CliTest.Run both = CliTest.derm("tokenize", "--tokenizer", file, "--vocab", file, "x");
    assertEquals(2, both.exit(), both.out() + both.err());
  }
}
