package org.dermkg.graph.label;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.dermkg.ontology.OntologySnapshot;
import org.dermkg.ontology.resolve.Resolution;
import org.dermkg.ontology.table.Branch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Real Derm1M label strings against the shipped ontology. */
class LabelIndexTest {
  static OntologySnapshot snapshot;
  static LabelIndex index;

  @BeforeAll
  static void load() {
    snapshot = OntologySnapshot.shipped();
    index = new LabelIndex(snapshot);
  }

  private static String iri(String label) {
    Resolution r = snapshot.resolver().resolve(label, Optional.of(Branch.DISEASE));
    assertTrue(r.isUnique(), label);
    return r.candidates().get(0).term().iri();
  }

  private static List<String> labels(List<String> iris) {
    return iris.stream().map(index::label).toList();
  }

  @Test
  void aPathResolvesToItsLeafWithTheClosure() {
    ParsedLabel p = index.parse("proliferations, malignant, non-melanocytic, basal cell carcinoma");
    assertEquals(List.of("Basal cell carcinoma"), labels(p.diagnoses()));
    assertEquals(Optional.empty(), p.mismatch());
    assertTrue(p.unresolved().isEmpty());
    assertTrue(
        index
            .ancestorsOrSelf(iri("Basal cell carcinoma"))
            .containsAll(
                List.of(
                    iri("Malignant non-melanocytic neoplasm"),
                    iri("Proliferative skin lesion"),
                    iri("Skin condition"))));
  }

  @Test
  void mergedNamesTakeTheirMeaningFromThePath() {
    assertEquals(
        List.of("Benign melanocytic proliferation"),
        labels(index.parse("proliferations, benign, melanocytic").diagnoses()));
    assertEquals(
        List.of("Malignant melanocytic neoplasm"),
        labels(index.parse("proliferations, malignant, melanocytic").diagnoses()));
  }

  @Test
  void multiDiagnosisRowsGiveSeveralLeaves() {
    assertEquals(
        List.of("Lichen planus", "Psoriasis"),
        labels(index.parse("inflammatory, non-infectious, lichen planus, psoriasis").diagnoses()));
    assertEquals(
        List.of("Candidiasis", "Tinea"),
        labels(index.parse("inflammatory, infectious, fungal, candidiasis, tinea").diagnoses()));
    assertEquals(
        Optional.empty(),
        index.parse("inflammatory, infectious, fungal, candidiasis, tinea").mismatch());
  }

  @Test
  void namesThatContainCommasMatchByLongestMatch() {
    ParsedLabel sjs =
        index.parse(
            "inflammatory, non-infectious, drug eruption, drug eruptions & reactions, stevens-johnson syndrome");
    assertEquals(List.of("Stevens-Johnson syndrome"), labels(sjs.diagnoses()));
    assertTrue(sjs.unresolved().isEmpty(), sjs.unresolved().toString());
    assertEquals(Optional.empty(), sjs.mismatch());
    ParsedLabel isk =
        index.parse(
            "proliferations, benign, non-melanocytic, seborrheic keratosis, irritated seborrheic keratosis (from \"sk/isk\")");
    assertEquals(List.of("Irritated seborrheic keratosis"), labels(isk.diagnoses()));
    assertEquals(
        List.of("Chronic dermatitis"),
        labels(index.parse("inflammatory, chronic dermatitis, nos").diagnoses()));
  }

  @Test
  void aPathThatPutsAClassElsewhereIsReportedButStillLinked() {
    ParsedLabel p = index.parse("proliferations, benign, melanocytic, malignant melanoma");
    assertEquals(List.of("Malignant melanoma"), labels(p.diagnoses()));
    assertTrue(
        p.mismatch()
            .orElseThrow()
            .contains("'Malignant melanoma' is not under 'Benign melanocytic proliferation'"));
    ParsedLabel mf = index.parse("inflammatory, infectious, bacterial, mycosis fungoides");
    assertEquals(
        List.of("Mycosis fungoides"),
        labels(mf.diagnoses()),
        "intermediate nodes of a wrong path are not diagnoses");
    assertTrue(mf.mismatch().isPresent());
  }

  @Test
  void unknownNamesAreKeptVerbatim() {
    ParsedLabel p =
        index.parse("inflammatory, non-infectious, acrodermatitis chronica atrophicans");
    assertEquals(List.of("acrodermatitis chronica atrophicans"), p.unresolved());
    assertEquals(List.of("Non-infectious inflammatory skin disease"), labels(p.diagnoses()));
    ParsedLabel none = index.parse("totally unknown thing");
    assertTrue(none.diagnoses().isEmpty());
    assertEquals(List.of("totally unknown thing"), none.unresolved());
  }

  @Test
  void plainDiseaseLabelsResolveToo() {
    assertEquals(
        List.of("Lichen planus", "Psoriasis"),
        labels(index.parse("lichen planus, psoriasis").diagnoses()));
    assertEquals(
        List.of("Herpes simplex"), labels(index.parse("herpes simplex virus").diagnoses()));
    assertEquals(
        List.of("Seborrheic keratosis"), labels(index.parse("seborrheic keratoses").diagnoses()));
  }

  @Test
  void everyLabelOfTheRealSampleResolves() throws IOException {
    Path csv = org.dermkg.graph.SharedData.sampleCsv();
    int labelled = 0;
    try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      var rows =
          new com.fasterxml.jackson.dataformat.csv.CsvMapper()
              .readerFor(java.util.Map.class)
              .with(com.fasterxml.jackson.dataformat.csv.CsvSchema.emptySchema().withHeader())
              .<java.util.Map<String, String>>readValues(in);
      while (rows.hasNext()) {
        String h = rows.next().get("hierarchical_disease_label");
        if (h.isBlank() || h.equals("no definitive diagnosis")) {
          continue;
        }
        labelled++;
        ParsedLabel p = index.parse(h);
        assertFalse(p.diagnoses().isEmpty(), h);
        assertTrue(p.unresolved().isEmpty(), h + " -> " + p.unresolved());
      }
    }
    assertEquals(975, labelled);
  }
}
