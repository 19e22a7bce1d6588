package org.dermkg.graph.csv;

import java.util.List;

/**
 * One record of a CSV file, or the reason it could not be read.
 *
 * @param line 1-based physical line on which the record starts
 * @param fields the fields (empty when rejected)
 * @param problem why the record was rejected, or null
 * @param raw the raw text of a rejected record's first line (for the rejects file), else null
 */
public record CsvRecord(long line, List<String> fields, String problem, String raw) {

  public static CsvRecord ok(long line, List<String> fields) {
    return new CsvRecord(line, List.copyOf(fields), null, null);
  }

  public static CsvRecord rejected(long line, String problem, String raw) {
    return new CsvRecord(line, List.of(), problem, raw);
  }

  public boolean isRejected() {
    return problem != null;
  }
}
