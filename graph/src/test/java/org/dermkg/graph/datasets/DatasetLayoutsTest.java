package org.dermkg.graph.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import org.dermkg.graph.GraphException;
import org.junit.jupiter.api.Test;

/**
 * Each published layout read from a small synthetic dataset written in that layout: the real column
 * names and quirks (HAM's several images per lesion and float ages, F17K's -1 for an unknown skin
 * type, PAD's {@code fitspatrick}, DDI's 12/34/56 tones, Derm7pt's two images per case), and bad
 * rows refused with their line and reason.
 */
class DatasetLayoutsTest {
  static Path dir(String name) {
    try {
      return Path.of(
          DatasetLayoutsTest.class
              .getClassLoader()
              .getResource("fixtures/datasets/" + name)
              .toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static DatasetImage byId(DatasetRead r, String id) {
    return r.images().stream().filter(i -> i.imageId().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void ham10000() {
    DatasetRead r = DatasetLayouts.of("ham10000", Optional.empty()).read(dir("ham10000"));
    assertEquals(6, r.images().size());
    DatasetImage a = byId(r, "ISIC_0027419");
    assertEquals("HAM10000_images_part_1/ISIC_0027419.jpg", a.file());
    assertEquals("bkl", a.label());
    assertEquals("benign keratosis", a.labelName());
    assertEquals(Optional.of("HAM_0000118"), a.lesion());
    assertEquals(OptionalInt.of(80), a.age());
    assertEquals(Optional.of("histopathology"), a.confirmation());
    // two images of one lesion
    assertEquals(Optional.of("HAM_0000118"), byId(r, "ISIC_0025030").lesion());
    assertEquals("HAM10000_images_part_2/ISIC_0026769.jpg", byId(r, "ISIC_0026769").file());
    assertEquals("ISIC_0031633.jpg", byId(r, "ISIC_0031633").file(), "not in the folder");
    assertEquals(Optional.empty(), byId(r, "ISIC_0031633").sex(), "unknown");
    assertEquals(Optional.of("follow-up"), byId(r, "ISIC_0031633").confirmation());
    assertEquals(Optional.empty(), byId(r, "ISIC_0029176").site(), "unknown");
    assertEquals(1, r.rejects().size());
    assertEquals(7, r.rejects().get(0).line());
    assertTrue(r.rejects().get(0).reason().contains("dx 'xyz' is not a HAM10000 code"));
  }

  @Test
  void fitzpatrick17k() {
    DatasetRead r =
        DatasetLayouts.of("Fitzpatrick17k", Optional.empty()).read(dir("fitzpatrick17k"));
    assertEquals(5, r.images().size() + r.rejects().size());
    DatasetImage m = byId(r, "fa2911a9b13b6f8af79cb700937cc14f");
    assertEquals(OptionalInt.of(6), m.fitzpatrick());
    assertEquals("melanoma", m.label());
    assertEquals("malignant", m.attributes().get("three_partition_label"));
    assertEquals(
        OptionalInt.empty(), byId(r, "d6e1c3b7a1f5d8b3b6e2f1a0c9d8e7f6").fitzpatrick(), "-1");
    assertEquals(1, r.rejects().size());
    assertTrue(r.rejects().get(0).reason().contains("8 fields where the header has 9"));
  }

  @Test
  void padUfes20() {
    DatasetRead r = DatasetLayouts.of("PAD-UFES-20", Optional.empty()).read(dir("pad-ufes-20"));
    assertEquals(4, r.images().size());
    DatasetImage b = byId(r, "PAT_46_881_939.png");
    assertEquals("imgs_part_1/PAT_46_881_939.png", b.file());
    assertEquals(OptionalInt.of(3), b.fitzpatrick());
    assertEquals("basal cell carcinoma", b.labelName());
    assertEquals(Optional.of("histopathology"), b.confirmation());
    assertEquals(Optional.of("female"), b.sex());
    assertEquals(Optional.of("neck"), b.site());
    assertEquals("True", b.attributes().get("bleed"));
    assertEquals(Optional.of("clinical"), byId(r, "PAT_1516_1765_530.png").confirmation());
    assertEquals(OptionalInt.empty(), byId(r, "PAT_1516_1765_530.png").fitzpatrick());
    assertTrue(r.rejects().get(0).reason().contains("diagnostic 'XYZ'"));
  }

  @Test
  void ddi() {
    DatasetRead r = DatasetLayouts.of("ddi", Optional.empty()).read(dir("ddi"));
    assertEquals(4, r.images().size());
    DatasetImage m = byId(r, "1");
    assertEquals(Optional.of("56"), m.skinTone());
    assertEquals("melanoma-in-situ", m.label());
    assertEquals("melanoma in situ", m.labelName());
    assertEquals("True", m.attributes().get("malignant"));
    assertTrue(r.rejects().get(0).reason().contains("skin_tone '78'"));
  }

  @Test
  void derm7ptGivesTwoImagesOfOneLesionPerCase() {
    DatasetRead r = DatasetLayouts.of("derm7pt", Optional.empty()).read(dir("derm7pt"));
    assertEquals(5, r.images().size(), "two cases with both images, one dermoscopic only");
    DatasetImage c = byId(r, "1-clinic");
    assertEquals("images/NEL/Nel026.jpg", c.file());
    assertEquals("clinical", c.attributes().get("image_type"));
    assertEquals("arborizing", c.attributes().get("vascular_structures"));
    assertEquals(Optional.of("1"), byId(r, "1-derm").lesion());
    assertEquals("dermoscopic", byId(r, "1-derm").attributes().get("image_type"));
    assertEquals("melanoma (in situ)", byId(r, "2-derm").label());
    assertEquals(List.of("Arborizing vessels"), c.concepts());
    assertEquals(
        List.of("Atypical pigment network", "Dots and globules", "Regression structures"),
        byId(r, "2-derm").concepts());
    assertEquals(List.of("Blue-whitish veil"), byId(r, "3-derm").concepts());
  }

  @Test
  void aMappingFileDescribesAnyOtherDataset() {
    DatasetLayout g = DatasetLayouts.of(null, Optional.of(dir("generic").resolve("dataset.map")));
    assertEquals("ClinicPhotos", g.info().name());
    DatasetRead r = g.read(dir("generic"));
    assertEquals(3, r.images().size());
    DatasetImage a = byId(r, "pics/a.jpg");
    assertEquals("Psoriasis", a.label());
    assertEquals(Optional.of("p1"), a.patient());
    assertEquals(OptionalInt.of(4), a.fitzpatrick());
    assertEquals(Optional.of("elbow"), a.site());
    GraphException bad =
        assertThrows(
            GraphException.class,
            () -> DatasetLayouts.of(null, Optional.of(dir("generic").resolve("bad.map"))));
    assertTrue(bad.getMessage().contains("bad.map:5: 'colour' is not a key"), bad.getMessage());
  }

  @Test
  void layoutsAreFoundFromTheFolderAndUnknownNamesAreRefused() {
    Map<String, String> found =
        List.of("ham10000", "fitzpatrick17k", "pad-ufes-20", "ddi", "derm7pt").stream()
            .collect(Collectors.toMap(d -> d, d -> DatasetLayouts.detect(dir(d)).info().name()));
    assertEquals(
        Map.of(
            "ham10000", "HAM10000",
            "fitzpatrick17k", "Fitzpatrick17k",
            "pad-ufes-20", "PAD-UFES-20",
            "ddi", "DDI",
            "derm7pt", "Derm7pt"),
        found);
    GraphException none =
        assertThrows(GraphException.class, () -> DatasetLayouts.detect(dir("generic")));
    assertTrue(none.getMessage().contains("name the dataset or give a mapping file"));
    GraphException unknown =
        assertThrows(GraphException.class, () -> DatasetLayouts.of("ISIC2020", Optional.empty()));
    assertTrue(unknown.getMessage().contains("known layouts are [HAM10000"), unknown.getMessage());
    GraphException missing =
        assertThrows(
            GraphException.class,
            () -> DatasetLayouts.of("DDI", Optional.empty()).read(dir("ham10000")));
    assertTrue(missing.getMessage().contains("has no DDI metadata file"), missing.getMessage());
  }
}
