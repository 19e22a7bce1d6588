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

  /**
   * RFC 4180 records (quoted fields may hold commas, quotes and line breaks); blank lines skipped.
   */
  private static List<List<String>> records(Path file, String text) {
    List<List<String>> out = new ArrayList<>();
    List<String> rec = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    int line = 1;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          line += c == '\n' ? 1 : 0;
          field.append(c);
        }
      } else if (c == '"' && field.isEmpty()) {
        quoted = true;
        any = true;
      } else if (c == ',') {
        rec.add(field.toString());
        field.setLength(0);
        any = true;
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        line++;
        if (any || !field.isEmpty()) {
          rec.add(field.toString());
          out.add(rec);
        }
        rec = new ArrayList<>();
        field.setLength(0);
        any = false;
      } else {
        field.append(c);
      }
    }
    if (quoted) {
      throw invalid(file, "line " + line + ": a quoted field is not closed");
    }
    if (any || !field.isEmpty()) {
      rec.add(field.toString());
      out.add(rec);
    }
    return out;
  }

  private static EmbeddingsException invalid(Path file, String what) {
    return new EmbeddingsException(Code.IMPORT_INVALID, file + " " + what);
  }
}
