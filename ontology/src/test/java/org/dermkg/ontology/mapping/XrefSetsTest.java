package org.dermkg.ontology.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.dermkg.ontology.OntologyException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The curated xref mapping sets are read strictly: a malformed file names its file, row, column.
 */
class XrefSetsTest {
  static final Path DIR = Path.of("src/test/resources/fixtures/xrefs");

  @Test
  void readsAGoodSet() {
    XrefSets.XrefSet s = XrefSets.read(DIR.resolve("good.sssom.tsv"));
    assertEquals("good", s.name());
    assertEquals(2, s.rows().size());
    XrefSets.Row r = s.rows().get(0);
    assertTrue(r.exact());
    assertEquals(0.95, r.confidence(), 1e-9);
    assertEquals("http://purl.obolibrary.org/obo/MONDO_0005083", s.expand(r.objectId()));
    assertEquals("no guttate class in the slice", s.rows().get(1).comment());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "prefix.sssom.tsv|prefix.sssom.tsv:9: column 'object_id': 'MONDOX:0005083' has a prefix outside the curie_map",
        "predicate.sssom.tsv|predicate.sssom.tsv:10: column 'predicate_id': 'skos:relatedMatch' is not one of",
        "confidence.sssom.tsv|confidence.sssom.tsv:10: column 'confidence': '1.5' is not a number from 0 to 1",
        "columns.sssom.tsv|object_label",
        "fields.sssom.tsv|fields.sssom.tsv:10"
      })
  void malformedSetsAreRefusedNamingWhere(String file, String words) {
    OntologyException e =
        assertThrows(OntologyException.class, () -> XrefSets.read(DIR.resolve(file)));
    assertEquals("ONT-MAPPING-FORMAT", e.code().id());
    assertTrue(e.getMessage().contains(words), e.getMessage());
  }

  @Test
  void theTargetsTableSaysWhatItCovers() {
    XrefTargets t =
        XrefTargets.read(Path.of("src/test/resources/fixtures/checks/base.targets.tsv"));
    assertTrue(t.covers("MONDO:1234567") && t.covers("DOID:1"));
    assertTrue(!t.covers("ICD10CM:L40.0") && !XrefTargets.NONE.covers("MONDO:0005083"));
    assertEquals("malignant", t.byId().get("MONDO:0005012").kind());
  }
}
