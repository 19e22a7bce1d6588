package org.dermkg.ontology.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dermkg.ontology.Fixtures;
import org.dermkg.ontology.OntologyException;
import org.dermkg.ontology.OntologyException.Code;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Malformed tables fail with the file, row and column named, before anything is built. */
class SourceTablesTest {
  @TempDir Path tmp;

  private Path tiny() {
    return Fixtures.copyDir("source/tiny", tmp.resolve("tiny")).resolve("tables");
  }

  /** Replaces the line starting with {@code prefix} in a table of the copied tree. */
  private static void edit(Path tables, String table, String prefix, String replacement)
      throws IOException {
    Path f = tables.resolve(table);
    List<String> lines = Files.readAllLines(f);
    boolean hit = false;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(prefix)) {
        lines.set(i, replacement);
        hit = true;
      }
    }
    assertTrue(hit, "no line starting with " + prefix);
    Files.write(f, lines);
  }

  private static OntologyException fails(Path tables, Code code, String... fragments) {
    OntologyException e = assertThrows(OntologyException.class, () -> SourceTables.read(tables));
    assertEquals(code, e.code(), e.getMessage());
    for (String f : fragments) {
      assertTrue(e.getMessage().contains(f), () -> "'" + e.getMessage() + "' lacks '" + f + "'");
    }
    return e;
  }

  @Test
  void readsTheTinyTree() {
    SourceTables t = SourceTables.read(Fixtures.path("source/tiny/tables"));
    assertEquals(7, t.terms().get(Branch.DISEASE).size());
    assertEquals(5, t.findings().size());
    assertEquals(6, t.registry().size());
    TermRow nevus = t.terms().get(Branch.DISEASE).get(5);
    assertEquals(List.of("Naevus", "Mole"), nevus.exactSynonyms());
    assertEquals("DERM:0001004", nevus.parent().orElseThrow().id());
  }

  @Test
  void wrongFieldCountNamesFileAndLine() throws IOException {
    Path t = tiny();
    edit(t, "diseases.tsv", "DERM:0001003", "DERM:0001003\tPsoriasis\tDERM:0001002");
    fails(t, Code.TABLE_ROW, "diseases.tsv:5", "expected 12", "found 3");
  }

  @Test
  void malformedAndDuplicateIds() throws IOException {
    Path t = tiny();
    edit(t, "diseases.tsv", "DERM:0001003", "DERM:1003\tPsoriasis\t\t\t\t\t\t\t\t\t\t");
    fails(t, Code.TABLE_ROW, "diseases.tsv:5", "column 'id'", "DERM:1003");
    t = Fixtures.copyDir("source/tiny", tmp.resolve("dup")).resolve("tables");
    edit(t, "diseases.tsv", "DERM:0001004", "DERM:0001003\tCopy\t\t\t\t\t\t\t\t\t\t");
    fails(t, Code.TABLE_ROW, "duplicate ID DERM:0001003", "first defined at diseases.tsv:5");
  }

  @Test
  void idOutsideItsBranchRange() throws IOException {
    Path t = tiny();
    edit(
        t,
        "concepts.tsv",
        "DERM:0002101",
        "DERM:0001101\tScale\tDERM:0002001 ! Primary morphology\t\t\t\t\t\t\tSkinCon\t\t\t");
    fails(t, Code.TABLE_ROW, "concepts.tsv:5", "outside the concept ID range");
  }

  @Test
  void badReferenceSyntaxAndStatus() throws IOException {
    Path t = tiny();
    edit(
        t,
        "diseases.tsv",
        "DERM:0001003",
        "DERM:0001003\tPsoriasis\tnon-infectious\t\t\t\t\t\t\t\t\t");
    fails(t, Code.TABLE_ROW, "column 'parent'", "'non-infectious' is not a reference");
    t = Fixtures.copyDir("source/tiny", tmp.resolve("status")).resolve("tables");
    edit(t, "diseases.tsv", "DERM:0001003", "DERM:0001003\tPsoriasis\t\t\t\t\t\t\t\tobsolete\t\t");
    fails(t, Code.TABLE_ROW, "column 'status'", "'obsolete' is not a status");
  }

  @Test
  void deprecatedRowsLeaveTheTree() throws IOException {
    Path t = tiny();
    edit(
        t,
        "diseases.tsv",
        "DERM:0001006",
        "DERM:0001006\tobsolete Moles\tDERM:0001004 ! Proliferative skin lesion\t\t\t\t\t\t\tdeprecated\tDERM:0001005 ! Nevus\t");
    fails(t, Code.TABLE_ROW, "column 'parent'", "deprecated term has no parent");
  }

  @Test
  void unknownOrMissingColumns() throws IOException {
    Path t = tiny();
    Path f = t.resolve("body-sites.tsv");
    List<String> lines = Files.readAllLines(f);
    lines.set(0, lines.get(0).replace("comment", "remarks"));
    Files.write(f, lines);
    fails(t, Code.TABLE_HEADER, "body-sites.tsv:1", "unknown column 'remarks'");
    Files.write(f, List.of("id\tlabel"));
    fails(t, Code.TABLE_HEADER, "missing required column 'parent'");
  }

  @Test
  void invalidUtf8NamesTheLine() throws IOException {
    Path t = tiny();
    Path f = t.resolve("diseases.tsv");
    byte[] bytes = Files.readAllBytes(f);
    String text = new String(bytes, StandardCharsets.UTF_8);
    int at = text.indexOf("Psoriasis vulgaris");
    byte[] broken = text.substring(0, at).getBytes(StandardCharsets.UTF_8);
    byte[] rest = text.substring(at).getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[broken.length + 1 + rest.length];
    System.arraycopy(broken, 0, all, 0, broken.length);
    all[broken.length] = (byte) 0xC3; // a lone lead byte
    System.arraycopy(rest, 0, all, broken.length + 1, rest.length);
    Files.write(f, all);
    fails(t, Code.TABLE_ROW, "diseases.tsv:5", "invalid UTF-8");
  }

  @Test
  void missingTableIsNamed() throws IOException {
    Path t = tiny();
    Files.delete(t.resolve("concepts.tsv"));
    fails(t, Code.SOURCE_MISSING, "concepts.tsv");
  }
}
