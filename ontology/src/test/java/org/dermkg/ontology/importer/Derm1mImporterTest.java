package org.dermkg.ontology.importer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dermkg.ontology.Fixtures;
import org.dermkg.ontology.OntologyException;
import org.dermkg.ontology.OntologySource;
import org.dermkg.ontology.table.Branch;
import org.dermkg.ontology.table.SourceTables;
import org.dermkg.ontology.table.TermRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Derm1mImporterTest {
  @TempDir Path tmp;

  private Path tiny() {
    return Fixtures.copyDir("source/tiny", tmp.resolve("tiny"));
  }

  private static byte[] bytes(Path p) throws IOException {
    return Files.readAllBytes(p);
  }

  @Test
  void reimportingTheSameJsonChangesNothing() throws IOException {
    Path tree = tiny();
    byte[] before = bytes(tree.resolve("tables/diseases.tsv"));
    byte[] registry = bytes(tree.resolve("tables/derm1m-registry.tsv"));
    Derm1mImporter.Result r =
        Derm1mImporter.run(tree.resolve("derm1m.json"), tree.resolve("tables"), false);
    assertFalse(r.changed());
    assertEquals(6, r.unchanged());
    assertArrayEquals(before, bytes(tree.resolve("tables/diseases.tsv")));
    assertArrayEquals(registry, bytes(tree.resolve("tables/derm1m-registry.tsv")));
  }

  @Test
  void newNamesGetNewIdsAndOldIdsStay() throws IOException {
    Path tree = tiny();
    Path json = tmp.resolve("v2.json");
    Files.writeString(
        json,
        """
        {"root": ["inflammatory", "proliferations"],
         "inflammatory": ["non-infectious"],
         "non-infectious": ["Psoriasis", "Lichen planus, LP"],
         "Psoriasis": ["Guttate psoriasis"],
         "proliferations": ["Melanocytic nevus, Nevus", "Moles"],
         "Lichen planus, LP": [], "Guttate psoriasis": [], "Melanocytic nevus, Nevus": [], "Moles": []}
        """);
    Derm1mImporter.Result r = Derm1mImporter.run(json, tree.resolve("tables"), false);
    assertEquals(
        List.of(
            "DERM:0001007 inflammatory > non-infectious > Psoriasis > Guttate psoriasis",
            "DERM:0001008 inflammatory > non-infectious > Lichen planus, LP"),
        r.added());
    SourceTables t = SourceTables.read(tree.resolve("tables"));
    List<TermRow> d = t.terms().get(Branch.DISEASE);
    assertEquals("DERM:0001003", d.get(3).id()); // untouched
    TermRow lp = d.stream().filter(x -> x.id().equals("DERM:0001008")).findFirst().orElseThrow();
    assertEquals("Lichen planus", lp.label());
    assertEquals(List.of("LP"), lp.exactSynonyms());
    assertEquals("DERM:0001002", lp.parent().orElseThrow().id());
    assertTrue(lp.comment().contains("needs a definition"));
    TermRow guttate =
        d.stream().filter(x -> x.id().equals("DERM:0001007")).findFirst().orElseThrow();
    assertEquals("DERM:0001003", guttate.parent().orElseThrow().id());
    assertEquals(8, t.registry().size());
    // and a second run is a no-op
    assertFalse(Derm1mImporter.run(json, tree.resolve("tables"), false).changed());
  }

  @Test
  void aKnownNameUnderANewParentIsLinkedNotDuplicated() throws IOException {
    Path tree = tiny();
    Path json = tmp.resolve("moved.json");
    Files.writeString(
        json,
        """
        {"root": ["inflammatory", "proliferations"], "inflammatory": ["non-infectious", "Psoriasis"],
         "non-infectious": ["Psoriasis"], "proliferations": ["Melanocytic nevus, Nevus"]}
        """);
    Derm1mImporter.Result r = Derm1mImporter.run(json, tree.resolve("tables"), true);
    assertTrue(r.added().isEmpty());
    assertEquals(List.of("DERM:0001003 inflammatory > Psoriasis"), r.linked());
    assertEquals(List.of("proliferations > Moles"), r.missing());
  }

  @Test
  void dryRunWritesNothing() throws IOException {
    Path tree = tiny();
    byte[] before = bytes(tree.resolve("tables/diseases.tsv"));
    Path json = tmp.resolve("new.json");
    Files.writeString(json, "{\"root\": [\"hereditary\"], \"hereditary\": []}");
    Derm1mImporter.Result r = Derm1mImporter.run(json, tree.resolve("tables"), true);
    assertEquals(1, r.added().size());
    assertArrayEquals(before, bytes(tree.resolve("tables/diseases.tsv")));
  }

  @Test
  void anEmptyDirectoryIsRegeneratedFromScratch() throws IOException {
    Path dir = tmp.resolve("fresh");
    Derm1mImporter.Result r =
        Derm1mImporter.run(Fixtures.path("source/tiny/derm1m.json"), dir, false);
    assertEquals(6, r.added().size());
    List<TermRow> rows = SourceTables.readTerms(Branch.DISEASE, dir.resolve("diseases.tsv"));
    assertEquals("DERM:0001000", rows.get(0).id());
    assertEquals(
        List.of("Nevus"),
        rows.stream()
            .filter(t -> t.label().equals("Melanocytic nevus"))
            .findFirst()
            .orElseThrow()
            .exactSynonyms());
    assertEquals(6, SourceTables.readRegistry(dir.resolve("derm1m-registry.tsv")).size());
    assertFalse(Derm1mImporter.run(Fixtures.path("source/tiny/derm1m.json"), dir, false).changed());
  }

  @Test
  void theRealDerm1mJsonRegeneratesOneClassPerName() {
    Path dir = tmp.resolve("regen");
    Derm1mImporter.Result r =
        Derm1mImporter.run(Fixtures.shared("data/derm1m/ontology.json"), dir, false);
    assertEquals(369, r.added().size()); // one class per distinct Derm1M name
    assertEquals(447 - 369, r.linked().size()); // the merged benign/malignant lists link by name
    assertEquals(447, SourceTables.readRegistry(dir.resolve("derm1m-registry.tsv")).size());
  }

  @Test
  void malformedJsonIsRejectedWithItsProblem() throws IOException {
    Path tree = tiny();
    for (String[] c :
        new String[][] {
          {"{\"root\": [", "not valid JSON"},
          {"[1, 2]", "expected a JSON object"},
          {"{\"a\": []}", "no \"root\" key"},
          {"{\"root\": [\"a\"], \"a\": \"b\"}", "key 'a': value is not a list"},
          {"{\"root\": [\"a\"], \"a\": [3]}", "child 3 is not a name"},
          {
            "{\"root\": [\"a\"], \"a\": [\"b\"], \"b\": [\"a\"]}",
            "cycle: 'a' is its own descendant"
          }
        }) {
      Path json = tmp.resolve("bad.json");
      Files.writeString(json, c[0]);
      OntologyException e =
          assertThrows(
              OntologyException.class,
              () -> Derm1mImporter.run(json, tree.resolve("tables"), true));
      assertEquals(OntologyException.Code.IMPORT_JSON, e.code());
      assertTrue(e.getMessage().contains(c[1]), e.getMessage());
    }
  }

  @Test
  void theRealDerm1mJsonMatchesTheShippedTablesExactly() throws IOException {
    Path json = Fixtures.shared("data/derm1m/ontology.json");
    Path copy = tmp.resolve("shipped");
    Files.createDirectories(copy);
    Path tables = OntologySource.shipped().tables();
    for (String f :
        List.of(
            "diseases.tsv",
            "concepts.tsv",
            "body-sites.tsv",
            "findings.tsv",
            "derm1m-registry.tsv")) {
      Files.copy(tables.resolve(f), copy.resolve(f));
    }
    Derm1mImporter.Result r = Derm1mImporter.run(json, copy, false);
    assertFalse(r.changed(), () -> "re-import would change the tables: " + r);
    assertTrue(r.missing().isEmpty(), r.missing()::toString);
    assertEquals(447, r.unchanged());
  }
}
