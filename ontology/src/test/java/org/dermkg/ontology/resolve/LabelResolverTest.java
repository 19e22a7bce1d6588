package org.dermkg.ontology.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.dermkg.ontology.Fixtures;
import org.dermkg.ontology.OntologyException;
import org.dermkg.ontology.OntologySource;
import org.dermkg.ontology.build.OntologyCompiler;
import org.dermkg.ontology.table.Branch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Resolution over the tiny source tree, where every match level can be pinned down. */
class LabelResolverTest {
  static LabelResolver resolver;

  @BeforeAll
  static void compile() {
    resolver =
        new LabelResolver(
            TermIndex.of(
                OntologyCompiler.compile(new OntologySource(Fixtures.path("source/tiny")))
                    .ontology()));
  }

  private static Resolution.Candidate unique(String text) {
    Resolution r = resolver.resolve(text);
    assertTrue(r.isUnique(), () -> text + " -> " + r.candidates());
    return r.candidates().get(0);
  }

  @Test
  void externalIdsResolveThroughCuratedMappingsSayingWhenNotExact() {
    var exact = unique("MONDO:0005083");
    assertEquals("DERM:0001003", exact.term().id());
    assertEquals(MatchType.XREF, exact.match());
    assertEquals("MONDO:0005083 exactMatch", exact.matchedName());
    var close = unique("mondo:0005073");
    assertEquals("DERM:0001005", close.term().id());
    assertEquals("MONDO:0005073 closeMatch, not exact", close.matchedName());
    assertTrue(resolver.resolve("MONDO:0000001").isEmpty());
    assertTrue(resolver.resolve("DOID:8893").isEmpty(), "no DOID mapping in the tiny tree");
  }

  @Test
  void clinicalCodesResolveThroughDerivedCrossReferences() {
    var icd = unique("ICD10CM:L40.0");
    assertEquals("DERM:0001003", icd.term().id());
    assertEquals("ICD10CM:L40.0 exactMatch", icd.matchedName());
    assertEquals("DERM:0001003", unique("umls:c0033860").term().id());
    // a category without a class of its own: its subcodes' classes, never exact
    var category = unique("icd10cm:L40");
    assertEquals("DERM:0001003", category.term().id());
    assertEquals(
        "ICD10CM:L40.0 (within ICD10CM:L40) exactMatch, not exact", category.matchedName());
    // close to the MONDO class, so close to its code
    assertEquals("ICD10CM:D22.9 closeMatch, not exact", unique("ICD10CM:D22.9").matchedName());
    // MONDO's bare hasDbXref is not followed
    assertTrue(resolver.resolve("UMLS:C9999999").isEmpty());
    assertTrue(resolver.resolve("ICD10CM:L4").isEmpty(), "L4 is no category of L40.0");
    // a subcode without a class of its own: its nearest coded category's classes, broader
    assertEquals(
        "ICD10CM:L40.0 (category of ICD10CM:L40.01) exactMatch, not exact",
        unique("ICD10CM:L40.01").matchedName());
  }

  @Test
  void labelAsTypedIsExact() {
    var c = unique(" psoriasis ");
    assertEquals("DERM:0001003", c.term().id());
    assertEquals(MatchType.EXACT, c.match());
  }

  @Test
  void synonymsAbbreviationsAndDerm1mNames() {
    assertEquals(MatchType.SYNONYM, unique("Psoriasis vulgaris").match());
    assertEquals(MatchType.SYNONYM, unique("pso").match());
    assertEquals(MatchType.SYNONYM, unique("Nevus incipiens").match()); // a misspelling row
    var d = unique("Melanocytic nevus, Nevus");
    assertEquals(MatchType.DERM1M_NAME, d.match());
    assertEquals("DERM:0001005", d.term().id());
  }

  @Test
  void normalisedSpellingPluralAndPunctuation() {
    var c = unique("NAEVI");
    assertEquals("DERM:0001005", c.term().id());
    assertEquals(MatchType.NORMALISED, c.match());
    assertEquals("DERM:0001002", unique("non infectious inflammatory skin diseases").term().id());
    assertEquals("DERM:0001002", unique("Skin disease, inflammatory, non-infectious").term().id());
  }

  @Test
  void idsIriAndDeprecatedReplacement() {
    assertEquals(MatchType.ID, unique("DERM:0001003").match());
    assertEquals("DERM:0001003", unique("https://w3id.org/dermkg/DERM_0001003").term().id());
    var replaced = unique("DERM:0001006");
    assertEquals("DERM:0001005", replaced.term().id());
    assertTrue(replaced.matchedName().contains("replaced by DERM:0001005"));
  }

  @Test
  void deprecatedLabelsAreNotMatchedByName() {
    assertTrue(resolver.resolve("obsolete Moles").isEmpty());
  }

  @Test
  void branchFilter() {
    assertEquals("DERM:0002101", unique("scaly").term().id());
    assertTrue(resolver.resolve("scaly", Optional.of(Branch.DISEASE)).isEmpty());
    assertEquals(1, resolver.resolve("Plaque", Optional.of(Branch.CONCEPT)).candidates().size());
  }

  @Test
  void nothingMatches() {
    assertTrue(resolver.resolve("lichen planus").isEmpty());
  }

  @Test
  void blankIsAnError() {
    OntologyException e = assertThrows(OntologyException.class, () -> resolver.resolve("  "));
    assertEquals(OntologyException.Code.BAD_ARGUMENT, e.code());
  }
}
