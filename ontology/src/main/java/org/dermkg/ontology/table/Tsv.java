package org.dermkg.ontology.table;

import java.io.IOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dermkg.ontology.OntologyException;
import org.dermkg.ontology.OntologyException.Code;

/**
 * A tab-separated table with one header row, read strictly: UTF-8 only, every row with exactly as
 * many fields as the header, no tabs or newlines inside cells (a cell cannot escape them). Lines
 * starting with {@code #} before the header are metadata comments (SSSOM style) and are kept.
 */
public record Tsv(String name, List<String> comments, List<String> header, List<Row> rows) {

  /** One data row; {@code line} is the 1-based line number in the file. */
  public record Row(String file, int line, Map<String, String> cells) {
    /** The trimmed cell value, empty string when the column is absent. */
    public String get(String column) {
      return cells.getOrDefault(column, "").strip();
    }

    /** The cell split on {@code |}, blank parts dropped. */
    public List<String> list(String column) {
      List<String> out = new ArrayList<>();
      for (String part : get(column).split("\\|")) {
        if (!part.isBlank()) {
          out.add(part.strip());
        }
      }
      return out;
    }

    /** "file:line" for messages. */
    public String where() {
      return file + ":" + line;
    }

    /** An error naming this row and column. */
    public OntologyException error(Code code, String column, String message) {
      return new OntologyException(
          code, where() + ": column '" + column + "': " + message + " (row " + line + ")");
    }
  }

  /**
   * Reads a table, checking the header against the required and allowed columns.
   *
   * @param required columns that must be present
   * @param allowed further columns that may be present (any other column is an error)
   */
  public static Tsv read(Path file, Set<String> required, Set<String> allowed) {
    String name = file.getFileName().toString();
    String text = decode(file, name);
    String[] lines = text.split("\r?\n", -1);
    List<String> comments = new ArrayList<>();
    int i = 0;
    while (i < lines.length && lines[i].startsWith("#")) {
      comments.add(lines[i]);
      i++;
    }
    if (i >= lines.length || lines[i].isBlank()) {
      throw new OntologyException(Code.TABLE_HEADER, name + ":" + (i + 1) + ": missing header row");
    }
    List<String> header = List.of(lines[i].split("\t", -1));
    int headerLine = i + 1;
    checkHeader(name, headerLine, header, required, allowed);
    List<Row> rows = new ArrayList<>();
    for (int n = i + 1; n < lines.length; n++) {
      String line = lines[n];
      if (line.isEmpty() && n == lines.length - 1) {
        break; // trailing newline
      }
      rows.add(row(name, n + 1, line, header));
    }
    return new Tsv(name, List.copyOf(comments), header, List.copyOf(rows));
  }

  /** One data line (1-based {@code lineNo}), with exactly as many fields as the header. */
  private static Row row(String name, int lineNo, String line, List<String> header) {
    if (line.isBlank()) {
      throw new OntologyException(Code.TABLE_ROW, name + ":" + lineNo + ": blank line");
    }
    String[] cells = line.split("\t", -1);
    if (cells.length != header.size()) {
      throw new OntologyException(
          Code.TABLE_ROW,
          name
              + ":"
              + lineNo
              + ": expected "
              + header.size()
              + " tab-separated fields (as in the header) but found "
              + cells.length);
    }
    Map<String, String> map = new LinkedHashMap<>();
    for (int c = 0; c < cells.length; c++) {
      map.put(header.get(c), cells[c]);
    }
    return new Row(name, lineNo, map);
  }

  private static void checkHeader(
      String name, int line, List<String> header, Set<String> required, Set<String> allowed) {
    Set<String> seen = new HashSet<>();
    for (String h : header) {
      if (!seen.add(h)) {
        throw new OntologyException(
            Code.TABLE_HEADER, name + ":" + line + ": duplicate column '" + h + "'");
      }
      if (!required.contains(h) && !allowed.contains(h)) {
        throw new OntologyException(
            Code.TABLE_HEADER,
            name
                + ":"
                + line
                + ": unknown column '"
                + h
                + "' (allowed: "
                + union(required, allowed)
                + ")");
      }
    }
    for (String r : required) {
      if (!seen.contains(r)) {
        throw new OntologyException(
            Code.TABLE_HEADER, name + ":" + line + ": missing required column '" + r + "'");
      }
    }
  }

  private static List<String> union(Set<String> a, Set<String> b) {
    List<String> out = new ArrayList<>(a);
    b.stream().filter(x -> !a.contains(x)).forEach(out::add);
    return out;
  }

  private static String decode(Path file, String name) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new OntologyException(
          Code.SOURCE_MISSING, "cannot read " + file + ": " + e.getMessage(), e);
    }
    return decodeUtf8(bytes, name);
  }

  /**
   * Decodes strict UTF-8 (BOM dropped); an error names the line and byte offset of the bad byte.
   */
  public static String decodeUtf8(byte[] bytes, String name) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      int offset = in.position();
      int line = 1;
      for (int k = 0; k < offset; k++) {
        if (bytes[k] == '\n') {
          line++;
        }
      }
      throw new OntologyException(
          Code.TABLE_ROW, name + ":" + line + ": invalid UTF-8 at byte offset " + offset);
    }
    decoder.flush(out);
    String s = out.flip().toString();
    return s.startsWith("\uFEFF") ? s.substring(1) : s;
  }

  /** Writes a table (comments, header, rows) as UTF-8 with LF line ends. */
  public static void write(
      Writer out, List<String> comments, List<String> header, List<List<String>> rows)
      throws IOException {
    for (String c : comments) {
      out.write(c);
      out.write('\n');
    }
    out.write(String.join("\t", header));
    out.write('\n');
    for (List<String> row : rows) {
      for (String cell : row) {
        if (cell.contains("\t") || cell.contains("\n")) {
          throw new IllegalArgumentException("cell contains a tab or newline: " + cell);
        }
      }
      out.write(String.join("\t", row));
      out.write('\n');
    }
  }
}
