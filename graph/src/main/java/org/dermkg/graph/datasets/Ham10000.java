package org.dermkg.graph.datasets;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * HAM10000 (Tschandl, Rosendahl and Kittler, Sci. Data 2018): {@code HAM10000_metadata.csv} with
 * lesion_id, image_id, dx, dx_type, age, sex, localization; images {@code ISIC_*.jpg} in one or two
 * part folders. Several images per lesion. {@code dx} codes stand for the HAM10000 label set's
 * classes; {@code dx_type} says how the diagnosis was confirmed.
 */
final class Ham10000 extends DatasetLayout {
  static final Map<String, String> DX =
      Map.of(
          "akiec", "actinic keratosis",
          "bcc", "basal cell carcinoma",
          "bkl", "benign keratosis",
          "df", "dermatofibroma",
          "mel", "melanoma",
          "nv", "nevus",
          "vasc", "vascular");
  private static final Map<String, String> DX_TYPE =
      Map.of(
          "histo", "histopathology",
          "follow_up", "follow-up",
          "consensus", "consensus",
          "confocal", "confocal microscopy");

  @Override
  public DatasetInfo info() {
    return new DatasetInfo(
        "HAM10000",
        "dermoscopic",
        "CC BY-NC 4.0",
        "Tschandl P, Rosendahl C, Kittler H. The HAM10000 dataset. Sci Data 5, 180161 (2018)",
        Optional.of("HAM10000"));
  }

  @Override
  List<String> metadataFiles() {
    return List.of("HAM10000_metadata.csv", "HAM10000_metadata");
  }

  @Override
  Set<String> required() {
    return Set.of("lesion_id", "image_id", "dx", "dx_type", "age", "sex", "localization");
  }

  @Override
  List<DatasetImage> images(MetadataTable.Row r, ImageFiles files) {
    String id = r.get("image_id");
    String dx = r.get("dx");
    if (id.isEmpty()) {
      throw new RowProblem("image_id is empty");
    }
    String name = DX.get(dx.toLowerCase(java.util.Locale.ROOT));
    if (name == null) {
      throw new RowProblem("dx '" + dx + "' is not a HAM10000 code " + DX.keySet());
    }
    return List.of(
        new DatasetImage(
            r.line(),
            id,
            files.find(id + ".jpg"),
            dx,
            name,
            Optional.empty(),
            r.known("lesion_id"),
            OptionalInt.empty(),
            Optional.empty(),
            r.known("localization"),
            r.integer("age"),
            sex(r.known("sex")),
            r.known("dx_type").map(t -> DX_TYPE.getOrDefault(t, t)),
            Map.of(),
            List.of()));
  }
}
