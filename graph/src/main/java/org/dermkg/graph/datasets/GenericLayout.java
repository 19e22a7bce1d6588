package org.dermkg.graph.datasets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.dermkg.graph.GraphException;
import org.dermkg.graph.GraphException.Code;

/**
 * Any other dataset, described by a small mapping file of {@code key = value} lines ({@code #}
 * comments): {@code name}, {@code metadata} (the CSV, relative to the dataset folder), the columns
 * holding {@code file} and {@code label} (required) and optionally {@code id}, {@code patient},
 * {@code lesion}, {@code fitzpatrick}, {@code skin_tone}, {@code site}, {@code age}, {@code sex},
 * {@code confirmation}; and the dataset's {@code image_type}, {@code licence}, {@code citation} and
 * {@code label_set} (a shipped benchmark label set its labels map through). An unknown key or a
 * missing required one refuses the file, naming the key and line.
 */
final class GenericLayout extends DatasetLayout {
  static final Set<String> COLUMNS =
      Set.of(
          "file",
          "label",
          "id",
          "patient",
          "lesion",
          "fitzpatrick",
          "skin_tone",
          "site",
          "age",
          "sex",
          "confirmation");
  static final Set<String> FACTS =
      Set.of("name", "metadata", "image_type", "licence", "citation", "label_set");
  private final Map<String, String> keys;

  private GenericLayout(Map<String, String> keys) {
    this.keys = keys;
  }

  /** Reads a mapping file. */
  static GenericLayout of(Path mapping) {
    Map<String, String> keys = new LinkedHashMap<>();
    List<String> lines;
    try {
      lines = Files.readAllLines(mapping, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new GraphException(
          Code.INPUT_MISSING, "cannot read " + mapping + ": " + e.getMessage());
    }
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i).strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      int eq = l.indexOf('=');
      String key = eq < 0 ? l : l.substring(0, eq).strip();
      if (eq < 0 || !(COLUMNS.contains(key) || FACTS.contains(key))) {
        throw new GraphException(
            Code.BAD_ARGUMENT,
            mapping
                + ":"
                + (i + 1)
                + ": '"
                + key
                + "' is not a key of a dataset mapping file "
                + new java.util.TreeSet<>(union()));
      }
      keys.put(key, l.substring(eq + 1).strip());
    }
    for (String k : List.of("name", "metadata", "file", "label")) {
      if (keys.getOrDefault(k, "").isEmpty()) {
        throw new GraphException(Code.BAD_ARGUMENT, mapping + ": the key '" + k + "' is required");
      }
    }
    return new GenericLayout(keys);
  }

  private static Set<String> union() {
    Set<String> u = new LinkedHashSet<>(COLUMNS);
    u.addAll(FACTS);
    return u;
  }

  @Override
  public DatasetInfo info() {
    return new DatasetInfo(
        keys.get("name"),
        keys.getOrDefault("image_type", "mixed"),
        keys.getOrDefault("licence", ""),
        keys.getOrDefault("citation", ""),
        Optional.ofNullable(keys.get("label_set")).filter(s -> !s.isEmpty()));
  }

  @Override
  List<String> metadataFiles() {
    return List.of(keys.get("metadata"));
  }

  @Override
  Set<String> required() {
    Set<String> cols = new LinkedHashSet<>();
    for (String k : COLUMNS) {
      if (keys.containsKey(k)) {
        cols.add(keys.get(k));
      }
    }
    return cols;
  }

  private Optional<String> col(MetadataTable.Row r, String key) {
    return keys.containsKey(key) ? r.known(keys.get(key)) : Optional.empty();
  }

  @Override
  List<DatasetImage> images(MetadataTable.Row r, ImageFiles files) {
    String file = r.get(keys.get("file"));
    String label = r.get(keys.get("label"));
    if (file.isEmpty() || label.isEmpty()) {
      throw new RowProblem((file.isEmpty() ? keys.get("file") : keys.get("label")) + " is empty");
    }
    OptionalInt fitz =
        keys.containsKey("fitzpatrick")
            ? fitzpatrick(r.integer(keys.get("fitzpatrick")))
            : OptionalInt.empty();
    return List.of(
        new DatasetImage(
            r.line(),
            col(r, "id").orElse(file),
            files.under(".", file),
            label,
            label,
            col(r, "patient"),
            col(r, "lesion"),
            fitz,
            col(r, "skin_tone"),
            col(r, "site"),
            keys.containsKey("age") ? r.integer(keys.get("age")) : OptionalInt.empty(),
            sex(col(r, "sex")),
            col(r, "confirmation"),
            Map.of(),
            List.of()));
  }
}
