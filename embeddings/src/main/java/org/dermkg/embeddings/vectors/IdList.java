package org.dermkg.embeddings.vectors;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dermkg.embeddings.EmbeddingsException;
import org.dermkg.embeddings.EmbeddingsException.Code;

/**
 * The ids that go with a vector file made elsewhere, one per vector and in the same order: a text
 * file with one id per line, or a CSV file (name ending in {@code .csv}, RFC 4180 quoting) whose
 * header has a {@code filename} column (else an {@code id} column). An id is an image's file name
 * as the dataset lists it, or the image's IRI. UTF-8; an empty id is refused naming its line.
 */
public final class IdList {
  /** The CSV columns taken as the id, in order of preference. */
  public static final List<String> COLUMNS = List.of("filename", "id");

  private IdList() {}

  public static List<String> read(Path file) {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
              .toString();
    } catch (CharacterCodingException e) {
      throw invalid(file, "is not UTF-8 text");
    } catch (IOException e) {
      throw invalid(file, "cannot be read: " + e.getMessage());
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    boolean csv = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
    return csv ? fromCsv(file, text) : fromLines(file, text);
  }

  private static List<String> fromLines(Path file, String text) {
    List<String> ids = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    int n = lines.length;
    if (n > 0 && lines[n - 1].isEmpty()) {
      n--; // the last line's newline
    }
    for (int i = 0; i < n; i++) {
      String id = lines[i].strip();
      if (id.isEmpty()) {
        throw invalid(
            file, "line " + (i + 1) + ": empty id (one id per line, one line per vector)");
      }
      ids.add(id);
    }
    return ids;
  }

  private static List<String> fromCsv(Path file, String text) {
    List<List<String>> records = records(file, text);
    if (records.isEmpty()) {
      throw invalid(file, "is empty: a header with a filename column is needed");
    }
    List<String> header =
        records.get(0).stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
    int col = -1;
    for (String name : COLUMNS) {
      if (header.contains(name)) {
        col = header.indexOf(name);
        break;
      }
    }
    if (col < 0) {
      throw invalid(
          file, "line 1: no filename or id column (columns: " + String.join(", ", header) + ")");
    }
    List<String> ids = new ArrayList<>(records.size() - 1);
    for (int r = 1; r < records.size(); r++) {
      List<String> rec = records.get(r);
      String id = col < rec.size() ? rec.get(col).strip() : "";
      if (id.isEmpty()) {
        throw invalid(file, "record " + (r + 1) + ": empty " + header.get(col));
      }
      ids.add(id);
    }
    return ids;
  }

  /** RFC 4180 records (quoted fields may hold commas, quotes, line breaks); blank lines skipped. */
  private static List<List<String>> records(Path file, String text) {
    Records r = new Records();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '"' && r.field.isEmpty()) {
        i = r.quoted(file, text, i + 1);
      } else if (c == ',') {
        r.endField();
        i++;
      } else if (c == '\n' || c == '\r') {
        i += c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n' ? 2 : 1;
        r.endRecord();
      } else {
        r.field.append(c);
        i++;
      }
    }
    r.endRecord();
    return r.out;
  }

  /** The records read so far and the one being read. */
  private static final class Records {
    final List<List<String>> out = new ArrayList<>();
    List<String> rec = new ArrayList<>();
    final StringBuilder field = new StringBuilder();
    boolean any; // the record has a field (a comma or quotes seen)
    int line = 1;

    void endField() {
      rec.add(field.toString());
      field.setLength(0);
      any = true;
    }

    void endRecord() {
      if (any || !field.isEmpty()) {
        endField();
        out.add(rec);
      }
      rec = new ArrayList<>();
      any = false;
      line++;
    }

    /** Reads a quoted field's content from {@code i}; returns the index after its closing quote. */
    int quoted(Path file, String text, int i) {
      any = true;
      int start = line;
      while (i < text.length()) {
        char c = text.charAt(i);
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i += 2;
        } else if (c == '"') {
          return i + 1;
        } else {
          line += c == '\n' ? 1 : 0;
          field.append(c);
          i++;
        }
      }
      throw invalid(file, "line " + start + ": a quoted field is not closed");
    }
  }

  private static EmbeddingsException invalid(Path file, String what) {
    return new EmbeddingsException(Code.IMPORT_INVALID, file + " " + what);
  }
}
