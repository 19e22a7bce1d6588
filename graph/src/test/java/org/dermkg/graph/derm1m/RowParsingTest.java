package org.dermkg.graph.derm1m;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.dermkg.graph.GraphException;
import org.dermkg.graph.csv.CsvRecord;
import org.junit.jupiter.api.Test;

class RowParsingTest {
  private static final List<String> HEADER = Derm1mColumns.MAIN;
  private final RowParser parser =
      new RowParser(
          "pretrain",
          Derm1mColumns.index("x.csv", HEADER, Set.copyOf(HEADER), true),
          HEADER.size());

  private static CsvRecord rec(String... f) {
    return CsvRecord.ok(7, List.of(f));
  }

  @Test
  void sentinelsBecomeAbsenceAndListsAreSplit() {
    RowParser.Result r =
        parser.parse(
            rec(
                "youtube/a.jpg",
                "A caption, with comma",
                "A caption, with comma",
                "youtube",
                "edu",
                "no definitive diagnosis",
                "No definitive diagnosis",
                "red, scaly, red",
                "No body location information",
                "No symptom information",
                "No age information",
                "male, female"));
    assertNull(r.problem());
    Derm1mRow row = r.row();
    assertEquals("pretrain", row.split());
    assertEquals(7, row.line());
    assertEquals(Optional.empty(), row.diseaseLabel());
    assertEquals(Optional.empty(), row.hierarchicalLabel());
    assertEquals(List.of("red", "scaly"), row.skinConcepts());
    assertEquals(List.of(), row.bodyLocations());
    assertEquals(Optional.empty(), row.age());
    assertEquals(List.of("male", "female"), row.gender());
  }

  @Test
  void wrongFieldCountAndUnsafeFileNamesAreRejected() {
    assertEquals(
        "expected 12 fields (as in the header) but found 2",
        parser.parse(rec("a.jpg", "c")).problem());
    for (String bad :
        List.of(
            "../etc/passwd", "/abs.jpg", "a/../../b.jpg", "a\\b.jpg", "", "a//b.jpg", "C:x.jpg")) {
      List<String> f =
          new ArrayList<>(List.of(bad, "c", "c", "s", "t", "d", "h", "x", "y", "z", "1", "male"));
      String problem = parser.parse(CsvRecord.ok(1, f)).problem();
      assertTrue(problem != null && problem.startsWith("field 'filename'"), bad + " -> " + problem);
    }
  }

  @Test
  void aRowWithoutAnyCaptionIsRejected() {
    assertEquals(
        "fields 'caption' and 'truncated_caption' are both empty",
        parser.parse(rec("a.jpg", "", " ", "s", "t", "", "", "", "", "", "", "")).problem());
    Derm1mRow onlyTruncated =
        parser.parse(rec("a.jpg", "", "short", "s", "t", "", "", "", "", "", "", "")).row();
    assertEquals(Optional.of("short"), onlyTruncated.caption());
  }

  @Test
  void headersAreCheckedAsSets() {
    List<String> shuffled = new ArrayList<>(HEADER);
    java.util.Collections.reverse(shuffled);
    Map<String, Integer> idx = Derm1mColumns.index("f.csv", shuffled, Set.copyOf(HEADER), true);
    assertEquals(11, idx.get("filename"));
    List<String> wrong = new ArrayList<>(HEADER);
    wrong.set(3, "origin");
    wrong.add("caption");
    GraphException e =
        assertThrows(
            GraphException.class,
            () -> Derm1mColumns.index("f.csv", wrong, Set.copyOf(HEADER), true));
    assertEquals(GraphException.Code.CSV_HEADER, e.code());
    assertTrue(
        e.getMessage().startsWith("f.csv: line 1: not a known Derm1M column set"), e.getMessage());
    assertTrue(e.getMessage().contains("missing columns [source]"), e.getMessage());
    assertTrue(e.getMessage().contains("unknown columns [origin]"), e.getMessage());
    assertTrue(e.getMessage().contains("repeated columns [caption]"), e.getMessage());
    // concept.csv: at least filename and skin_concept, anything else allowed
    Derm1mColumns.index(
        "concept.csv",
        List.of("filename", "disease_label", "skin_concept", "extra"),
        Derm1mColumns.CONCEPT_REQUIRED,
        false);
  }
}
