package org.dermkg.graph.load;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** rejects.tsv: file, line, reason, raw text (tabs and line breaks escaped); made on first use. */
final class Rejects implements AutoCloseable {
  private final Path path;
  private BufferedWriter out;

  Rejects(Path path) throws IOException {
    this.path = path;
    Files.deleteIfExists(path);
  }

  void add(String file, long line, String reason, String raw) throws IOException {
    if (out == null) {
      out = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
      out.write("file\tline\treason\traw\n");
    }
    out.write(file + "\t" + line + "\t" + esc(reason) + "\t" + esc(raw) + "\n");
  }

  private static String esc(String s) {
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
  }

  @Override
  public void close() throws IOException {
    if (out != null) {
      out.close();
    }
  }
}
