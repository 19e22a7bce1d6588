package org.dermkg.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dermkg.graph.FixtureDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * generate-demo, load and validate --data, with their exit codes (the generator's own tests
 * generate; the others load the committed fixture dataset).
 */
class DataCliTest {
  @TempDir Path tmp;

  @Test
  void generateLoadAndValidateTheDemo() throws IOException {
    Path data = tmp.resolve("demo");
    CliTest.Run gen =
        CliTest.derm("generate-demo", "--out", data.toString(), "--images", "40", "--seed", "5");
    assertEquals(0, gen.exit(), gen.out() + gen.err());
    assertTrue(gen.out().startsWith("wrote " + data + ": 40 images"), gen.out());
    for (String f :
        new String[] {
          "Derm1M_v2_pretrain.csv", "Derm1M_v2_validation.csv", "concept.csv", "youtube"
        }) {
      assertTrue(Files.exists(data.resolve(f)), f);
    }
    Path store = tmp.resolve("store");
    Path reports = tmp.resolve("reports");
    CliTest.Run load =
        CliTest.derm(
            "load",
            "--data",
            data.toString(),
            "--store",
            store.toString(),
            "--report",
            reports.toString());
    assertEquals(0, load.exit(), load.out() + load.err());
    assertTrue(load.out().contains("images 40;"), load.out());
    assertTrue(load.out().contains("SHACL: conforms"), load.out());
    JsonNode report = new ObjectMapper().readTree(reports.resolve("load-report.json").toFile());
    assertEquals(40, report.get("images").asInt());
    assertTrue(report.get("mode").asText().startsWith("bulk"));
    CliTest.Run check =
        CliTest.derm(
            "validate",
            "--data",
            "--store",
            store.toString(),
            "--out",
            tmp.resolve("v").toString());
    assertEquals(0, check.exit(), check.out() + check.err());
    assertTrue(check.out().startsWith("CONFORMS: 0 violations"), check.out());
    assertTrue(Files.isRegularFile(tmp.resolve("v/data-validation.json")));
  }

  @Test
  void sameSeedSameBytes() throws IOException {
    CliTest.derm(
        "generate-demo",
        "--out",
        tmp.resolve("a").toString(),
        "--images",
        "30",
        "--no-image-files");
    CliTest.derm(
        "generate-demo",
        "--out",
        tmp.resolve("b").toString(),
        "--images",
        "30",
        "--no-image-files");
    for (String f :
        new String[] {"Derm1M_v2_pretrain.csv", "Derm1M_v2_validation.csv", "concept.csv"}) {
      assertEquals(
          -1L, Files.mismatch(tmp.resolve("a").resolve(f), tmp.resolve("b").resolve(f)), f);
    }
  }

  @Test
  void emitNquadsWritesTheQuadsInsteadOfLoading() throws IOException {
    Path data = FixtureDataset.copyTo(tmp.resolve("d"));
    Path nq = tmp.resolve("out.nq");
    CliTest.Run r =
        CliTest.derm(
            "load",
            "--data",
            data.toString(),
            "--emit-nquads",
            nq.toString(),
            "--report",
            tmp.resolve("r").toString());
    assertEquals(0, r.exit(), r.err());
    long lines = Files.lines(nq).count();
    assertTrue(lines > 1000, "quads: " + lines);
    assertTrue(Files.readString(nq).contains("<https://w3id.org/dermkg/graph/images>"));
  }

  @Test
  void badInputExitsTwoWithTheCode() throws IOException {
    CliTest.Run none =
        CliTest.derm(
            "load",
            "--data",
            tmp.resolve("nothing").toString(),
            "--store",
            tmp.resolve("s").toString());
    assertEquals(2, none.exit());
    assertTrue(none.err().contains("GRAPH-INPUT-MISSING"), none.err());
    Path bad = tmp.resolve("bad");
    Files.createDirectories(bad);
    Files.writeString(bad.resolve("Derm1M_v2_pretrain.csv"), "filename,caption\na.jpg,x\n");
    CliTest.Run header =
        CliTest.derm(
            "load",
            "--data",
            bad.toString(),
            "--store",
            tmp.resolve("s").toString(),
            "--report",
            tmp.resolve("r").toString());
    assertEquals(2, header.exit());
    assertTrue(
        header.err().contains("GRAPH-CSV-HEADER")
            && header.err().contains("Derm1M_v2_pretrain.csv: line 1"),
        header.err());
    CliTest.Run noStore =
        CliTest.derm("validate", "--data", "--store", tmp.resolve("absent").toString());
    assertEquals(2, noStore.exit());
  }
}
