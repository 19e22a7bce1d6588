package org.dermkg.graph.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Consumer;
import org.dermkg.graph.GraphException;
import org.dermkg.graph.GraphException.Code;
import org.dermkg.graph.csv.CsvReader;
import org.dermkg.graph.csv.CsvRecord;

/**
 * A dataset's metadata CSV read by its header: the required columns checked up front (a missing one
 * refuses the file, naming it and the columns), then one {@link Row} per record; malformed records
 * (CsvReader's rejects, a wrong field count) go to the rejects with their line.
 */
final class MetadataTable {
  /** Values that mean "not known" in these datasets. */
  private static final Set<String> UNKNOWN =
      Set.of("", "unknown", "na", "n/a", "nan", "none", "null", "-1", "?");

  private MetadataTable() {}

  /** One record, by column name. */
  record Row(long line, Map<String, Integer> columns, List<String> fields, String raw) {
    /** The trimmed value, empty when the column is absent. */
    String get(String column) {
      Integer i = columns.get(column);
      return i == null || i >= fields.size() ? "" : fields.get(i).strip();
    }

    /** The value when it is known (not blank, "unknown", "NA", -1 ...). */
    Optional<String> known(String column) {
      String v = get(column);
      return UNKNOWN.contains(v.toLowerCase(Locale.ROOT)) ? Optional.empty() : Optional.of(v);
    }

    /** A whole number written as an integer or a float ("45", "45.0"); empty otherwise. */
    OptionalInt integer(String column) {
      Optional<String> v = known(column);
      if (v.isEmpty()) {
        return OptionalInt.empty();
      }
      try {
        double d = Double.parseDouble(v.get());
        return d == Math.rint(d) && Math.abs(d) < 1e6
            ? OptionalInt.of((int) d)
            : OptionalInt.empty();
      } catch (NumberFormatException e) {
        return OptionalInt.empty();
      }
    }
  }

  /**
   * Reads {@code file}, giving each good row to {@code rows} and each malformed one to {@code
   * rejects}.
   *
   * @throws GraphException INPUT_MISSING when the file cannot be read, CSV_HEADER when a required
   *     column is missing
   */
  static void read(
      Path file, Set<String> required, Consumer<Row> rows, Consumer<DatasetRead.Reject> rejects) {
    try (InputStream in = Files.newInputStream(file);
        CsvReader csv = new CsvReader(in)) {
      CsvRecord header = csv.next();
      if (header == null || header.isRejected()) {
        throw new GraphException(Code.CSV_HEADER, file + ": no header line");
      }
      Map<String, Integer> columns = new HashMap<>();
      List<String> names = header.fields();
      for (int i = 0; i < names.size(); i++) {
        columns.putIfAbsent(names.get(i).strip().replace("\uFEFF", ""), i);
      }
      List<String> missing =
          new ArrayList<>(required.stream().filter(c -> !columns.containsKey(c)).sorted().toList());
      if (!missing.isEmpty()) {
        throw new GraphException(
            Code.CSV_HEADER,
            file + ": the header lacks the column(s) " + missing + " (it has " + names + ")");
      }
      for (CsvRecord r = csv.next(); r != null; r = csv.next()) {
        if (r.isRejected()) {
          rejects.accept(new DatasetRead.Reject(r.line(), r.problem(), r.raw()));
        } else if (r.fields().size() != names.size()) {
          rejects.accept(
              new DatasetRead.Reject(
                  r.line(),
                  r.fields().size() + " fields where the header has " + names.size(),
                  String.join(",", r.fields())));
        } else {
          rows.accept(new Row(r.line(), columns, r.fields(), String.join(",", r.fields())));
        }
      }
    } catch (IOException e) {
      throw new GraphException(
          Code.INPUT_MISSING, "cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
