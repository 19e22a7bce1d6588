package org.dermkg.graph.csv;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A streaming RFC 4180 reader that survives bad records. Fields are comma-separated; a quoted field
 * may contain commas, doubled quotes and line breaks. Unlike CSV libraries, which abort the rest of
 * the file at the first unterminated quote, a record that is malformed (text after a closing quote,
 * a quoted field still open after {@link #MAX_RECORD_LINES} lines or at end of file, a line that is
 * not UTF-8) is returned as rejected and reading resumes at the line after the one it started on.
 * Not thread-safe; one reader per file.
 */
public final class CsvReader implements Closeable {
  /** A quoted field may span at most this many lines before it counts as an unterminated quote. */
  public static final int MAX_RECORD_LINES = 200;

  private final InputStream in;
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private final Deque<Line> pushedBack = new ArrayDeque<>();
  private final LineBuffer lineBytes = new LineBuffer();
  private CharBuffer chars = CharBuffer.allocate(4096);
  private final byte[] buffer = new byte[1 << 16];
  private int pos;
  private int limit;
  private long nextLineNumber = 1;
  private long bytesRead;
  private boolean eof;
  private boolean firstLine = true;

  /** A growable byte buffer whose array is read in place (no copy per line). */
  private static final class LineBuffer extends ByteArrayOutputStream {
    LineBuffer() {
      super(1024);
    }

    byte[] buffer() {
      return buf;
    }
  }

  /** A physical line: its number, its text (null if not UTF-8) and the decoding problem. */
  private record Line(long number, String text, String problem, String raw) {}

  public CsvReader(InputStream in) {
    this.in = in;
  }

  /** Bytes consumed so far (for progress). */
  public long bytesRead() {
    return bytesRead;
  }

  /** The next record, or null at end of input. */
  public CsvRecord next() {
    Line first = firstNonBlankLine();
    if (first == null) {
      return null;
    }
    if (first.text() == null) {
      return CsvRecord.rejected(first.number(), first.problem(), first.raw());
    }
    return new RecordParser(first).parse();
  }

  private Line firstNonBlankLine() {
    Line first = line();
    while (first != null && first.text() != null && first.text().isEmpty()) {
      first = line(); // blank lines separate nothing
    }
    return first;
  }

  /**
   * The parse of one record, from its first line through as many more as a quoted field spans. Each
   * step consumes part of the current line and returns the finished (or rejected) record, or null
   * to go on.
   */
  private final class RecordParser {
    private final Line first;
    private final List<Line> consumed = new ArrayList<>();
    private final List<String> fields = new ArrayList<>();
    private final StringBuilder field = new StringBuilder();
    private String text;
    private int i;
    private boolean quoted;
    private boolean afterQuote;
    private boolean fieldStart = true;

    RecordParser(Line first) {
      this.first = first;
      this.text = first.text();
      consumed.add(first);
    }

    CsvRecord parse() {
      while (true) {
        CsvRecord done;
        if (i == text.length()) {
          done = endOfLine();
        } else if (quoted) {
          done = quotedRun();
        } else {
          done = unquotedChar();
        }
        if (done != null) {
          return done;
        }
      }
    }

    /** The record ends with the line unless a quoted field is open: then the next line joins it. */
    private CsvRecord endOfLine() {
      if (!quoted) {
        fields.add(field.toString());
        return CsvRecord.ok(first.number(), fields);
      }
      Line more = line();
      if (more == null || more.text() == null || consumed.size() >= MAX_RECORD_LINES) {
        String why = unterminated(more);
        if (more != null) {
          consumed.add(more);
        }
        return reject(first, consumed, why);
      }
      consumed.add(more);
      field.append('\n');
      text = more.text();
      i = 0;
      return null;
    }

    /** Inside quotes: up to the next quote, which closes the field unless it is doubled. */
    private CsvRecord quotedRun() {
      int q = text.indexOf('"', i);
      if (q < 0) {
        field.append(text, i, text.length());
        i = text.length();
        return null;
      }
      field.append(text, i, q);
      i = q + 1;
      if (i < text.length() && text.charAt(i) == '"') {
        field.append('"');
        i++;
      } else {
        quoted = false;
        afterQuote = true;
      }
      return null;
    }

    /** Outside quotes: a comma, an opening quote, or the rest of an unquoted field. */
    private CsvRecord unquotedChar() {
      char c = text.charAt(i);
      i++;
      if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
        afterQuote = false;
        fieldStart = true;
        return null;
      } else if (afterQuote) {
        return reject(
            first,
            consumed,
            "broken quoting: text after a closing quote in field " + (fields.size() + 1));
      } else if (c == '"' && fieldStart) {
        quoted = true;
      } else {
        // the rest of an unquoted field, up to the next comma (a quote inside it is kept)
        int comma = text.indexOf(',', i);
        int end = comma < 0 ? text.length() : comma;
        field.append(c).append(text, i, end);
        i = end;
      }
      fieldStart = false;
      return null;
    }
  }

  /** Why a quoted field that {@code more} (null at end of file) cannot continue is rejected. */
  private static String unterminated(Line more) {
    if (more == null) {
      return "broken quoting: a quoted field is still open at end of file";
    }
    return more.text() == null
        ? "broken quoting or encoding inside a quoted field: " + more.problem()
        : "broken quoting: a quoted field is still open after " + MAX_RECORD_LINES + " lines";
  }

  /** Rejects the record starting at {@code first} and resumes at the line after it. */
  private CsvRecord reject(Line first, List<Line> consumed, String why) {
    for (int k = consumed.size() - 1; k >= 1; k--) {
      pushedBack.push(consumed.get(k));
    }
    return CsvRecord.rejected(first.number(), why, first.text());
  }

  private Line line() {
    if (!pushedBack.isEmpty()) {
      return pushedBack.pop();
    }
    if (eof || !readLineBytes()) {
      return null;
    }
    byte[] bytes = lineBytes.buffer();
    int len = lineBytes.size();
    if (len > 0 && bytes[len - 1] == '\r') {
      len--;
    }
    int start = firstLine && hasByteOrderMark(bytes, len) ? 3 : 0;
    firstLine = false;
    long number = nextLineNumber++;
    return decode(number, bytes, start, len);
  }

  /**
   * Reads the next physical line's bytes, without its newline, into {@link #lineBytes}; false at
   * end of input with no bytes left (a last line without a newline still counts).
   */
  private boolean readLineBytes() {
    lineBytes.reset();
    try {
      while (true) {
        if (pos == limit && !fill()) {
          return lineBytes.size() > 0;
        }
        if (takeUpToNewline()) {
          return true;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Refills the buffer; false, with {@link #eof} set, at end of input. */
  private boolean fill() throws IOException {
    limit = in.read(buffer, 0, buffer.length);
    pos = 0;
    if (limit <= 0) {
      limit = 0;
      eof = true;
      return false;
    }
    return true;
  }

  /** Moves buffered bytes to the line up to the next newline; true if the line ended there. */
  private boolean takeUpToNewline() {
    int nl = -1;
    for (int k = pos; k < limit; k++) {
      if (buffer[k] == '\n') {
        nl = k;
        break;
      }
    }
    if (nl >= 0) {
      lineBytes.write(buffer, pos, nl - pos);
      bytesRead += nl - pos + 1;
      pos = nl + 1;
      return true;
    }
    lineBytes.write(buffer, pos, limit - pos);
    bytesRead += limit - pos;
    pos = limit;
    return false;
  }

  private static boolean hasByteOrderMark(byte[] bytes, int len) {
    return len >= 3
        && (bytes[0] & 0xFF) == 0xEF
        && (bytes[1] & 0xFF) == 0xBB
        && (bytes[2] & 0xFF) == 0xBF;
  }

  /**
   * The line's text: ASCII directly, otherwise strict UTF-8 (a malformed line keeps its raw text).
   */
  private Line decode(long number, byte[] bytes, int start, int len) {
    if (isAscii(bytes, start, len)) {
      return new Line(
          number, new String(bytes, start, len - start, StandardCharsets.ISO_8859_1), null, null);
    }
    ByteBuffer buf = ByteBuffer.wrap(bytes, start, len - start);
    if (chars.capacity() < len - start + 1) {
      chars = CharBuffer.allocate(2 * (len - start + 1));
    }
    chars.clear();
    decoder.reset();
    CoderResult r = decoder.decode(buf, chars, true);
    if (r.isError()) {
      String raw = new String(bytes, start, len - start, StandardCharsets.UTF_8);
      return new Line(
          number, null, "invalid UTF-8 at byte " + (buf.position() - start) + " of the line", raw);
    }
    decoder.flush(chars);
    return new Line(number, chars.flip().toString(), null, null);
  }

  private static boolean isAscii(byte[] bytes, int start, int len) {
    for (int k = start; k < len; k++) {
      if (bytes[k] < 0) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
