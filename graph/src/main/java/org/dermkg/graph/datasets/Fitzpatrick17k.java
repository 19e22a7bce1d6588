package org.dermkg.graph.datasets;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Fitzpatrick17k (Groh et al., CVPR Workshops 2021): {@code fitzpatrick17k.csv} with md5hash,
 * fitzpatrick_scale (1–6, -1 unknown), fitzpatrick_centaur, label, nine_partition_label,
 * three_partition_label, qc, url, url_alphanum; images {@code <md5hash>.jpg}.
 */
final class Fitzpatrick17k extends DatasetLayout {
  private static final List<String> KEPT =
      List.of("fitzpatrick_centaur", "nine_partition_label", "three_partition_label", "qc");

  @Override
  public DatasetInfo info() {
    return new DatasetInfo(
        "Fitzpatrick17k",
        "clinical",
        "CC BY-NC-SA 3.0",
        "Groh M et al. Evaluating deep neural networks trained on clinical images in dermatology"
            + " with the Fitzpatrick 17k dataset. CVPR Workshops (2021)",
        Optional.of("Fitzpatrick17k"));
  }

  @Override
  List<String> metadataFiles() {
    return List.of("fitzpatrick17k.csv");
  }

  @Override
  Set<String> required() {
    return Set.of("md5hash", "fitzpatrick_scale", "label");
  }

  @Override
  List<DatasetImage> images(MetadataTable.Row r, ImageFiles files) {
    String id = r.get("md5hash");
    String label = r.get("label");
    if (id.isEmpty() || label.isEmpty()) {
      throw new RowProblem(id.isEmpty() ? "md5hash is empty" : "label is empty");
    }
    Map<String, String> kept = kept(r, KEPT);
    return List.of(
        new DatasetImage(
            r.line(),
            id,
            files.find(id + ".jpg"),
            label,
            label,
            Optional.empty(),
            Optional.empty(),
            fitzpatrick(r.integer("fitzpatrick_scale")),
            Optional.empty(),
            Optional.empty(),
            java.util.OptionalInt.empty(),
            Optional.empty(),
            Optional.empty(),
            kept,
            List.of()));
  }
}
