package org.dermkg.graph.derm1m;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dermkg.graph.csv.CsvRecord;

/**
 * Turns CSV records of one Derm1M file into rows, or into a reason to reject the record. A file
 * name must be a relative path inside the image tree (no "..", no absolute path, no backslash).
 */
public final class RowParser {
  private final String split;
  private final Map<String, Integer> columns;
  private final int width;

  /** A parsed row, or the reason the record was rejected. */
  public record Result(Derm1mRow row, String problem) {}

  public RowParser(String split, Map<String, Integer> columns, int width) {
    this.split = split;
    this.columns = Map.copyOf(columns);
    this.width = width;
  }

  public Result parse(CsvRecord record) {
    List<String> f = record.fields();
    if (f.size() != width) {
      return new Result(
          null, "expected " + width + " fields (as in the header) but found " + f.size());
    }
    String filename = cell(f, "filename").strip();
    String unsafe = unsafe(filename);
    if (unsafe != null) {
      return new Result(null, "field 'filename': " + unsafe);
    }
    Optional<String> caption = opt(f, "caption");
    Optional<String> truncated = opt(f, "truncated_caption");
    if (columns.containsKey("caption") && caption.isEmpty() && truncated.isEmpty()) {
      return new Result(null, "fields 'caption' and 'truncated_caption' are both empty");
    }
    return new Result(
        new Derm1mRow(
            split,
            record.line(),
            filename,
            caption.or(() -> truncated),
            truncated,
            Sentinels.value(cell(f, "source")),
            Sentinels.value(cell(f, "source_type")),
            Sentinels.value(cell(f, "disease_label")),
            Sentinels.value(cell(f, "hierarchical_disease_label")),
            Sentinels.list(cell(f, "skin_concept")),
            Sentinels.list(cell(f, "body_location")),
            Sentinels.list(cell(f, "symptoms")),
            Sentinels.value(cell(f, "age")),
            Sentinels.list(cell(f, "gender"))),
        null);
  }

  private String cell(List<String> f, String column) {
    Integer i = columns.get(column);
    return i == null ? "" : f.get(i);
  }

  private Optional<String> opt(List<String> f, String column) {
    String v = cell(f, column);
    return v.isBlank() ? Optional.empty() : Optional.of(v.strip());
  }

  /** Why a file name is not a safe relative path, or null when it is. */
  static String unsafe(String name) {
    if (name.isEmpty()) {
      return "empty file name";
    }
    boolean drive =
        name.length() > 1 && name.charAt(1) == ':' && Character.isLetter(name.charAt(0));
    if (name.startsWith("/") || name.contains("\\") || drive) {
      return "'" + name + "' is not a relative path";
    }
    if (name.startsWith("./")
        || name.startsWith("../")
        || name.endsWith("/")
        || name.endsWith("/.")
        || name.endsWith("/..")
        || name.contains("//")
        || name.contains("/./")
        || name.contains("/../")
        || name.equals(".")
        || name.equals("..")) {
      return "'" + name + "' has an empty, '.' or '..' path segment";
    }
    for (int k = 0; k < name.length(); k++) {
      if (name.charAt(k) < 0x20) {
        return "'" + name + "' contains control characters";
      }
    }
    return null;
  }
}
