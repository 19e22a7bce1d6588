package org.dermkg.graph.datasets;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One image of a benchmark dataset, as its metadata describes it.
 *
 * @param line the metadata file's line the image came from
 * @param imageId the dataset's id of the image (HAM's image_id, F17K's md5hash, ...)
 * @param file the image file, relative to the dataset folder when found there, else its name
 * @param label the original label, verbatim (HAM's dx code, F17K's label, DDI's disease ...)
 * @param labelName the label-set name it stands for when that differs (HAM {@code mel}: melanoma)
 * @param patient the patient it belongs to, when the dataset says
 * @param lesion the lesion it shows (several images of one lesion must stay in one split)
 * @param fitzpatrick Fitzpatrick skin type 1–6, when known
 * @param skinTone the dataset's own skin-tone value as written (DDI's 12 / 34 / 56)
 * @param site the body site as written
 * @param age age in whole years
 * @param sex male or female
 * @param confirmation how the diagnosis was confirmed: histopathology, follow-up, consensus,
 *     confocal microscopy, or clinical
 * @param attributes other per-image values kept verbatim (Derm7pt's seven-point criteria, PAD's
 *     itch/grew/bleed..., DDI's malignant), by column name
 * @param concepts names of clinical concepts the dataset says the image shows (Derm7pt's present
 *     criteria: "Atypical pigment network", "Arborizing vessels"), resolved to the concept branch
 */
public record DatasetImage(
    long line,
    String imageId,
    String file,
    String label,
    String labelName,
    Optional<String> patient,
    Optional<String> lesion,
    OptionalInt fitzpatrick,
    Optional<String> skinTone,
    Optional<String> site,
    OptionalInt age,
    Optional<String> sex,
    Optional<String> confirmation,
    Map<String, String> attributes,
    java.util.List<String> concepts) {
  public DatasetImage {
    attributes = Map.copyOf(attributes);
    concepts = java.util.List.copyOf(concepts);
  }
}
