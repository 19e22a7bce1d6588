package org.dermkg.graph.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {
  private static List<CsvRecord> read(byte[] bytes) {
    List<CsvRecord> out = new ArrayList<>();
    CsvReader r = new CsvReader(new ByteArrayInputStream(bytes));
    CsvRecord rec;
    while ((rec = r.next()) != null) {
      out.add(rec);
    }
    assertEquals(bytes.length, r.bytesRead());
    return out;
  }

  private static List<CsvRecord> read(String text) {
    return read(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void rfc4180QuotingWithCommasQuotesAndLineBreaks() {
    List<CsvRecord> r =
        read("a,b,c\r\n\"x, y\",\"he said \"\"hi\"\"\",\"two\nlines\"\r\nplain,,end\n");
    assertEquals(3, r.size());
    assertEquals(List.of("x, y", "he said \"hi\"", "two\nlines"), r.get(1).fields());
    assertEquals(2, r.get(1).line());
    assertEquals(4, r.get(2).line(), "the multi-line record took lines 2 and 3");
    assertEquals(List.of("plain", "", "end"), r.get(2).fields());
  }

  @Test
  void byteOrderMarkAndBlankLinesAreIgnored() {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] rest = "a,b\n\n1,2".getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    all.writeBytes(bom);
    all.writeBytes(rest);
    List<CsvRecord> r = read(all.toByteArray());
    assertEquals(List.of("a", "b"), r.get(0).fields());
    assertEquals(List.of("1", "2"), r.get(1).fields());
    assertEquals(3, r.get(1).line());
  }

  @Test
  void textAfterAClosingQuoteRejectsOnlyThatRecord() {
    List<CsvRecord> r = read("h1,h2\n\"ok\"x,2\n3,4\n");
    assertTrue(r.get(1).isRejected());
    assertTrue(
        r.get(1).problem().contains("text after a closing quote in field 1"), r.get(1).problem());
    assertEquals(2, r.get(1).line());
    assertEquals(List.of("3", "4"), r.get(2).fields());
  }

  @Test
  void anUnterminatedQuoteAtEndOfFileRejectsTheRecordAndResumesOnTheNextLine() {
    List<CsvRecord> r = read("h1,h2\n1,\"never closed\n3,4\n5,6\n");
    assertTrue(r.get(1).isRejected());
    assertTrue(r.get(1).problem().contains("still open at end of file"), r.get(1).problem());
    assertEquals(List.of("3", "4"), r.get(2).fields());
    assertEquals(3, r.get(2).line());
    assertEquals(List.of("5", "6"), r.get(3).fields());
  }

  @Test
  void aQuoteOpenForTooManyLinesIsBrokenQuoting() {
    StringBuilder b = new StringBuilder("h\n\"open\n");
    for (int i = 0; i < CsvReader.MAX_RECORD_LINES + 5; i++) {
      b.append("line ").append(i).append('\n');
    }
    b.append("\"closes late\"\n");
    List<CsvRecord> r = read(b.toString());
    assertTrue(r.get(1).isRejected());
    assertTrue(r.get(1).problem().contains("after " + CsvReader.MAX_RECORD_LINES + " lines"));
    assertEquals(
        List.of("line 0"),
        r.get(2).fields(),
        "reading resumed on the line after the bad record started");
  }

  @Test
  void invalidUtf8RejectsTheLineWithItsByteOffset() {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes("h1,h2\nab,".getBytes(StandardCharsets.UTF_8));
    b.write(0xC3); // lead byte without continuation
    b.writeBytes("x\ncafé,ok\n".getBytes(StandardCharsets.UTF_8));
    List<CsvRecord> r = read(b.toByteArray());
    assertTrue(r.get(1).isRejected());
    assertEquals("invalid UTF-8 at byte 3 of the line", r.get(1).problem());
    assertEquals(List.of("café", "ok"), r.get(2).fields());
  }

  @Test
  void aQuoteInsideAnUnquotedFieldIsKept() {
    List<CsvRecord> r = read("a,5\" lesion,b\n");
    assertFalse(r.get(0).isRejected());
    assertEquals("5\" lesion", r.get(0).fields().get(1));
  }

  @Test
  void emptyInput() {
    assertNull(new CsvReader(new ByteArrayInputStream(new byte[0])).next());
  }
}
