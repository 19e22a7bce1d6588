package org.dermkg.graph.datasets;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * PAD-UFES-20 (Pacheco et al., Data in Brief 2020): {@code metadata.csv} with patient_id,
 * lesion_id, ..., fitspatrick (sic), region, diameter_1, diameter_2, diagnostic, itch, grew, hurt,
 * changed, bleed, elevation, img_id, biopsed; smartphone images in imgs_part_N folders. The
 * diagnostic codes stand for the PAD-UFES-20 label set's classes; a biopsied lesion's diagnosis was
 * confirmed by histopathology.
 */
final class PadUfes20 extends DatasetLayout {
  static final Map<String, String> DIAGNOSTIC =
      Map.of(
          "ACK", "actinic keratosis",
          "BCC", "basal cell carcinoma",
          "MEL", "melanoma",
          "NEV", "nevus",
          "SCC", "squamous cell carcinoma",
          "SEK", "seborrheic keratosis");
  private static final List<String> KEPT =
      List.of("itch", "grew", "hurt", "changed", "bleed", "elevation", "diameter_1", "diameter_2");

  @Override
  public DatasetInfo info() {
    return new DatasetInfo(
        "PAD-UFES-20",
        "clinical",
        "CC BY 4.0",
        "Pacheco AGC et al. PAD-UFES-20: a skin lesion dataset composed of patient data and"
            + " clinical images collected from smartphones. Data in Brief 32, 106221 (2020)",
        Optional.of("PAD-UFES-20"));
  }

  @Override
  List<String> metadataFiles() {
    return List.of("metadata.csv");
  }

  @Override
  Set<String> required() {
    return Set.of("patient_id", "lesion_id", "diagnostic", "img_id", "fitspatrick", "region");
  }

  @Override
  List<DatasetImage> images(MetadataTable.Row r, ImageFiles files) {
    String id = r.get("img_id");
    String dx = r.get("diagnostic");
    String name = DIAGNOSTIC.get(dx.toUpperCase(Locale.ROOT));
    if (id.isEmpty() || name == null) {
      throw new RowProblem(
          id.isEmpty()
              ? "img_id is empty"
              : "diagnostic '" + dx + "' is not a PAD-UFES-20 code " + DIAGNOSTIC.keySet());
    }
    Map<String, String> kept = kept(r, KEPT);
    boolean biopsied = r.get("biopsed").equalsIgnoreCase("true");
    return List.of(
        new DatasetImage(
            r.line(),
            id,
            files.find(id),
            dx,
            name,
            r.known("patient_id"),
            r.known("lesion_id"),
            fitzpatrick(r.integer("fitspatrick")),
            Optional.empty(),
            r.known("region").map(s -> s.toLowerCase(Locale.ROOT)),
            r.integer("age"),
            sex(r.known("gender")),
            Optional.of(biopsied ? "histopathology" : "clinical"),
            kept,
            List.of()));
  }
}
