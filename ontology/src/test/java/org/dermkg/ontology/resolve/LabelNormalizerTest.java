package org.dermkg.ontology.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LabelNormalizerTest {
  @ParameterizedTest(name = "{0} ~ {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Naevus comedonicus|nevus comedonicus",
        "Haemangioma|hemangioma",
        "Oedema|edema",
        "Seborrhoeic keratosis|seborrheic keratosis",
        "Tumour|tumor",
        "Localised|localized",
        "Grey|gray",
        "Behçet's disease|behcet disease",
        "Behcets disease|Behcet disease",
        "Darier’s disease|dariers disease",
        "Café-au-lait macule|cafe au lait macule",
        "Ehlers-Danlos syndrome|ehlers danlos syndrome",
        "Xanthomas|xanthoma",
        "Seborrheic keratoses|seborrheic keratosis",
        "Photodermatoses|photodermatosis",
        "Telangiectases|telangiectasis",
        "Bullae|bulla",
        "Nevi|nevus",
        "Striae|stria",
        "Fixed eruptions|fixed eruption",
        "  LICHEN   PLANUS |lichen planus",
        "Drug eruptions & reactions|drug eruption and reaction",
      })
  void variantsMeet(String a, String b) {
    assertEquals(LabelNormalizer.normalize(b), LabelNormalizer.normalize(a));
  }

  @ParameterizedTest(name = "{0} !~ {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Psoriasis|psoriasi",
        "Keratosis|keratose",
        "Disease|diseases of the skin",
        "Nevus|nevi of ota"
      })
  void distinctTermsStayDistinct(String a, String b) {
    assertNotEquals(LabelNormalizer.normalize(a), LabelNormalizer.normalize(b));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"maculo-papular|maculopapular", "Papulo nodule|papulonodule"})
  void compactFormIgnoresSpacing(String a, String b) {
    assertEquals(LabelNormalizer.compact(a), LabelNormalizer.compact(b));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"granuloma pyogenic|pyogenic granuloma", "lupus subacute|subacute lupus"})
  void bagOfWordsIgnoresOrder(String a, String b) {
    assertEquals(LabelNormalizer.bagOfWords(a), LabelNormalizer.bagOfWords(b));
  }
}
