package org.dermkg.graph.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.dermkg.graph.GraphException;
import org.dermkg.graph.demo.DemoGenerator;
import org.dermkg.graph.fuzz.Fuzz;
import org.dermkg.graph.load.Derm1mLoader;
import org.dermkg.graph.load.LoadListener;
import org.dermkg.graph.load.LoadReport;
import org.dermkg.graph.load.LoadRequest;
import org.dermkg.ontology.OntologySnapshot;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property-based fuzzing ({@link Fuzz}: seeded generators, bounded tries and time) of the CSV
 * reader and of the whole loader on mutated Derm1M CSVs. The contract under any input: it ends, and
 * either reads/loads or fails with a GraphException whose message names the file, never another
 * exception; every rejected row has a reason and a line number.
 */
class CsvLoaderFuzzTest {
  private static final Duration LIMIT = Duration.ofSeconds(20);
  @TempDir static Path base;
  private static OntologySnapshot snapshot;
  private static byte[] pretrain;

  @BeforeAll
  static void dataset() throws IOException {
    snapshot = OntologySnapshot.shipped();
    DemoGenerator.generate(
        new DemoGenerator.Options(base.resolve("demo"), 25, 7, 2.5, false), snapshot, n -> {});
    pretrain = Files.readAllBytes(base.resolve("demo/Derm1M_v2_pretrain.csv"));
  }

  // ---- the reader on arbitrary bytes ----------------------------------------------------------

  @Test
  void theReaderEndsOnAnyBytesAndAccountsForEveryLine() {
    String alphabet = "\",\n\r a\u00e9";
    Fuzz.check(
        "csv-reader-bytes",
        20_000,
        Duration.ofSeconds(15),
        r ->
            r.nextBoolean()
                ? Fuzz.bytes(r, 600)
                : Fuzz.textOf(r, alphabet, 300).getBytes(StandardCharsets.UTF_8),
        b -> HexFormat.of().formatHex(b),
        CsvLoaderFuzzTest::readsCleanly);
  }

  private static void readsCleanly(byte[] bytes) {
    List<CsvRecord> records =
        assertTimeoutPreemptively(
            LIMIT,
            () -> {
              List<CsvRecord> out = new ArrayList<>();
              try (CsvReader r = new CsvReader(new ByteArrayInputStream(bytes))) {
                for (CsvRecord rec = r.next(); rec != null; rec = r.next()) {
                  out.add(rec);
                }
                assertEquals(bytes.length, r.bytesRead(), "every byte consumed");
              }
              return out;
            });
    long last = 0;
    for (CsvRecord rec : records) {
      assertTrue(rec.line() > last, "line numbers increase: " + records);
      last = rec.line();
      if (rec.isRejected()) {
        assertNotNull(rec.problem());
        assertTrue(!rec.problem().isBlank());
      } else {
        assertNotNull(rec.fields());
      }
    }
  }

  @Test
  void quotedFieldsRoundTrip() {
    Fuzz.check(
        "csv-round-trip",
        20_000,
        Duration.ofSeconds(10),
        CsvLoaderFuzzTest::rows,
        Object::toString,
        rows -> {
          StringBuilder csv = new StringBuilder();
          for (List<String> row : rows) {
            csv.append(row.stream().map(CsvLoaderFuzzTest::quote).collect(Collectors.joining(",")));
            csv.append(rows.size() % 2 == 0 ? "\n" : "\r\n");
          }
          List<List<String>> back = new ArrayList<>();
          try (CsvReader r =
              new CsvReader(
                  new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)))) {
            for (CsvRecord rec = r.next(); rec != null; rec = r.next()) {
              assertTrue(!rec.isRejected(), rec.problem() + " in\n" + csv);
              back.add(rec.fields());
            }
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          // line breaks inside a quoted field are normalised: CRLF comes back as LF (found by
          // this test; documented in the README)
          List<List<String>> expected =
              rows.stream()
                  .map(r -> r.stream().map(f -> f.replace("\r\n", "\n")).toList())
                  .toList();
          assertEquals(expected, back);
        });
  }

  /** Rows of 2–6 fields (one empty field alone would be a blank line, which is no record). */
  private static List<List<String>> rows(Random r) {
    List<List<String>> rows = new ArrayList<>();
    int n = 1 + r.nextInt(8);
    for (int i = 0; i < n; i++) {
      List<String> row = new ArrayList<>();
      int fields = 2 + r.nextInt(5);
      for (int j = 0; j < fields; j++) {
        row.add(
            switch (r.nextInt(3)) {
              case 0 -> Fuzz.textOf(r, "abc XYZ-01é", 30);
              case 1 -> Fuzz.textOf(r, "\",\n\r a;\u00e9\u2028", 12);
              default -> validUtf16(Fuzz.anyText(r, 8));
            });
      }
      rows.add(row);
    }
    return rows;
  }

  /** Text that survives UTF-8 (lone surrogates replaced). */
  private static String validUtf16(String s) {
    return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
  }

  private static String quote(String f) {
    return "\"" + f.replace("\"", "\"\"") + "\"";
  }

  // ---- the loader on mutated real CSVs --------------------------------------------------------

  private static final List<byte[]> PAYLOADS =
      List.of(
              "\"",
              ",",
              "\n",
              "\r\n",
              "\"\"",
              ",,,",
              "\"\n\"",
              "../../etc/passwd",
              "\\x",
              "\u0000",
              "é",
              "\uFEFF",
              "NaN",
              "-1",
              "999999999999999999999",
              "''",
              "a".repeat(5000))
          .stream()
          .map(s -> s.getBytes(StandardCharsets.UTF_8))
          .toList();

  /** Up to six edits of the file: delete, insert or overwrite bytes somewhere. */
  static byte[] mutate(Random r, byte[] in) {
    byte[] b = in;
    int edits = 1 + r.nextInt(6);
    for (int e = 0; e < edits; e++) {
      int at = b.length == 0 ? 0 : r.nextInt(b.length + 1);
      int end = Math.min(b.length, at + 1 + r.nextInt(40));
      byte[] payload =
          switch (r.nextInt(3)) {
            case 0 -> Fuzz.pick(r, PAYLOADS);
            case 1 -> Fuzz.bytes(r, 8);
            default -> new byte[] {(byte) 0xC3};
          };
      byte[] out;
      switch (r.nextInt(3)) {
        case 0 -> { // delete
          out = new byte[b.length - (end - at)];
          System.arraycopy(b, 0, out, 0, at);
          System.arraycopy(b, end, out, at, b.length - end);
        }
        case 1 -> { // insert
          out = new byte[b.length + payload.length];
          System.arraycopy(b, 0, out, 0, at);
          System.arraycopy(payload, 0, out, at, payload.length);
          System.arraycopy(b, at, out, at + payload.length, b.length - at);
        }
        default -> { // overwrite
          out = b.clone();
          for (int i = 0; i < payload.length && at + i < out.length; i++) {
            out[at + i] = payload[i];
          }
        }
      }
      b = out;
    }
    return b;
  }

  @Test
  void theLoaderRejectsRowsOrFailsCleanlyOnMutatedCsv() {
    Fuzz.check(
        "loader-mutated-csv",
        300,
        Duration.ofSeconds(25),
        r -> mutate(r, pretrain),
        b -> new String(b, StandardCharsets.UTF_8),
        CsvLoaderFuzzTest::loadsOrFailsCleanly);
  }

  private static void loadsOrFailsCleanly(byte[] csvBytes) {
    try {
      Path dir = Files.createTempDirectory(base, "try");
      try (var files = Files.list(base.resolve("demo"))) {
        for (Path f : files.toList()) {
          if (Files.isRegularFile(f)) {
            Files.copy(f, dir.resolve(f.getFileName()));
          }
        }
      }
      Files.write(dir.resolve("Derm1M_v2_pretrain.csv"), csvBytes);
      LoadRequest request = LoadRequest.of(dir, dir.resolve("reports")).withImageProbing(false);
      try {
        LoadReport report =
            assertTimeoutPreemptively(
                LIMIT,
                () ->
                    Derm1mLoader.export(
                        snapshot, request, dir.resolve("out.nq"), LoadListener.NONE));
        assertTrue(report.quads() > 0, report.json());
        Path rejects = dir.resolve("reports/rejects.tsv");
        if (Files.exists(rejects)) {
          for (String line : Files.readAllLines(rejects)) {
            if (line.isBlank() || line.startsWith("file\t") || line.startsWith("#")) {
              continue;
            }
            assertTrue(
                line.split("\t", -1).length >= 3, "a reject names file, line and reason: " + line);
          }
        }
      } catch (GraphException e) {
        assertNotNull(e.code());
        assertTrue(
            e.getMessage().contains("Derm1M_v2_pretrain.csv")
                || e.getMessage().contains(dir.toString()),
            "the error names the file: " + e.getMessage());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
