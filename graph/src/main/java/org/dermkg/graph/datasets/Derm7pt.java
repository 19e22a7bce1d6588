package org.dermkg.graph.datasets;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Derm7pt (Kawahara et al., IEEE JBHI 2019): {@code meta/meta.csv} with case_num, diagnosis,
 * seven_point_score, the seven-point criteria (pigment_network, streaks, pigmentation,
 * regression_structures, dots_and_globules, blue_whitish_veil, vascular_structures), elevation,
 * location, sex, clinic and derm (image paths under images/). Each case gives two images of one
 * lesion, a clinical and a dermoscopic one.
 */
final class Derm7pt extends DatasetLayout {
  static final List<String> CRITERIA =
      List.of(
          "pigment_network",
          "streaks",
          "pigmentation",
          "regression_structures",
          "dots_and_globules",
          "blue_whitish_veil",
          "vascular_structures");

  @Override
  public DatasetInfo info() {
    return new DatasetInfo(
        "Derm7pt",
        "mixed",
        "research use (release terms of the authors)",
        "Kawahara J et al. Seven-point checklist and skin lesion classification using multitask"
            + " multimodal neural nets. IEEE J Biomed Health Inform 23(2), 538-546 (2019)",
        Optional.empty());
  }

  @Override
  List<String> metadataFiles() {
    return List.of("meta/meta.csv", "meta.csv");
  }

  @Override
  Set<String> required() {
    return Set.of("case_num", "diagnosis", "clinic", "derm");
  }

  /** The DERM concept names of the criteria present (dermoscopic structures). */
  static List<String> concepts(MetadataTable.Row r) {
    List<String> out = new java.util.ArrayList<>();
    r.known("pigment_network")
        .filter(v -> !v.equals("absent"))
        .ifPresent(
            v -> out.add(v.equals("atypical") ? "Atypical pigment network" : "Pigment network"));
    Map<String, String> plain =
        Map.of(
            "streaks", "Streaks",
            "dots_and_globules", "Dots and globules",
            "blue_whitish_veil", "Blue-whitish veil",
            "regression_structures", "Regression structures");
    for (String c :
        List.of("streaks", "dots_and_globules", "blue_whitish_veil", "regression_structures")) {
      r.known(c).filter(v -> !v.equals("absent")).ifPresent(v -> out.add(plain.get(c)));
    }
    r.known("vascular_structures")
        .filter(v -> !v.equals("absent"))
        .ifPresent(
            v ->
                out.add(
                    Set.of("arborizing", "dotted", "hairpin", "comma").contains(v)
                        ? v.substring(0, 1).toUpperCase(java.util.Locale.ROOT)
                            + v.substring(1)
                            + " vessels"
                        : "Vascular structures"));
    return out;
  }

  /** The seven-point criteria, the score and the elevation, as written. */
  private static Map<String, String> criteria(MetadataTable.Row r) {
    Map<String, String> kept = kept(r, CRITERIA);
    r.known("seven_point_score").ifPresent(v -> kept.put("seven_point_score", v));
    r.known("elevation").ifPresent(v -> kept.put("elevation", v));
    return kept;
  }

  @Override
  List<DatasetImage> images(MetadataTable.Row r, ImageFiles files) {
    String caseNum = r.get("case_num");
    String diagnosis = r.get("diagnosis");
    if (caseNum.isEmpty() || diagnosis.isEmpty()) {
      throw new RowProblem(caseNum.isEmpty() ? "case_num is empty" : "diagnosis is empty");
    }
    Map<String, String> kept = criteria(r);
    List<DatasetImage> out = new java.util.ArrayList<>();
    for (String kind : List.of("clinic", "derm")) {
      String path = r.get(kind);
      if (path.isEmpty()) {
        continue;
      }
      Map<String, String> a = new LinkedHashMap<>(kept);
      a.put("image_type", kind.equals("clinic") ? "clinical" : "dermoscopic");
      out.add(
          new DatasetImage(
              r.line(),
              caseNum + "-" + kind,
              files.under("images", path),
              diagnosis,
              diagnosis,
              Optional.empty(),
              Optional.of(caseNum),
              OptionalInt.empty(),
              Optional.empty(),
              r.known("location"),
              OptionalInt.empty(),
              sex(r.known("sex")),
              Optional.empty(),
              a,
              concepts(r)));
    }
    if (out.isEmpty()) {
      throw new RowProblem("neither clinic nor derm names an image");
    }
    return out;
  }
}
