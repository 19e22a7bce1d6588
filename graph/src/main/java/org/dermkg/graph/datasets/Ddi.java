package org.dermkg.graph.datasets;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * DDI, Diverse Dermatology Images (Daneshjou et al., Sci. Adv. 2022): {@code ddi_metadata.csv} with
 * DDI_ID, DDI_file, skin_tone (12, 34, 56: Fitzpatrick I–II, III–IV, V–VI), malignant, disease
 * (names such as {@code melanoma-in-situ}, resolved by name).
 */
final class Ddi extends DatasetLayout {
  @Override
  public DatasetInfo info() {
    return new DatasetInfo(
        "DDI",
        "clinical",
        "Stanford AIMI research use agreement",
        "Daneshjou R et al. Disparities in dermatology AI performance on a diverse, curated clinical"
            + " image set. Sci Adv 8, eabq6147 (2022)",
        Optional.empty());
  }

  @Override
  List<String> metadataFiles() {
    return List.of("ddi_metadata.csv");
  }

  @Override
  Set<String> required() {
    return Set.of("DDI_ID", "DDI_file", "skin_tone", "malignant", "disease");
  }

  @Override
  List<DatasetImage> images(MetadataTable.Row r, ImageFiles files) {
    String file = r.get("DDI_file");
    String disease = r.get("disease");
    String tone = r.get("skin_tone");
    if (file.isEmpty() || disease.isEmpty()) {
      throw new RowProblem(file.isEmpty() ? "DDI_file is empty" : "disease is empty");
    }
    if (!Set.of("12", "34", "56").contains(tone)) {
      throw new RowProblem("skin_tone '" + tone + "' is not 12, 34 or 56");
    }
    return List.of(
        new DatasetImage(
            r.line(),
            r.known("DDI_ID").orElse(file),
            files.find(file),
            disease,
            disease.replace('-', ' '),
            Optional.empty(),
            Optional.empty(),
            OptionalInt.empty(),
            Optional.of(tone),
            Optional.empty(),
            OptionalInt.empty(),
            Optional.empty(),
            Optional.of("histopathology"),
            Map.of("malignant", r.get("malignant")),
            List.of()));
  }
}
