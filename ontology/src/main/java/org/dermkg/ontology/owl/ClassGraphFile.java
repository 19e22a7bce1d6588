package org.dermkg.ontology.owl;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import org.semanticweb.owlapi.model.IRI;

/**
 * A {@link ClassGraph} as a tab-separated text file, so a runtime gets the graph without parsing
 * OWL: one line per class (signature order), declaration, asserted subclass link and annotation
 * value, links and annotations in the order the ontology gave them, so that a read graph answers
 * every question (parents, children, values, branches) exactly as the graph it was written from.
 * Tabs, newlines and backslashes in values are escaped.
 */
public final class ClassGraphFile {
  static final String HEADER = "# derm class graph 1";

  private ClassGraphFile() {}

  /** Writes the graph; the writer is not closed. */
  public static void write(ClassGraph graph, Writer out) throws IOException {
    out.write(HEADER + "\n");
    for (IRI c : graph.classes()) {
      line(out, "C", c.toString());
    }
    for (IRI c : graph.declaredClasses()) {
      line(out, "D", c.toString());
    }
    for (String[] entry : graph.log()) {
      line(out, entry.length == 2 ? "S" : "A", entry);
    }
  }

  /**
   * Reads a graph written by {@link #write}.
   *
   * @throws IllegalArgumentException naming the line when the file is not such a graph
   */
  public static ClassGraph read(BufferedReader in) {
    ClassGraph g = ClassGraph.empty();
    try {
      String first = in.readLine();
      if (!HEADER.equals(first)) {
        throw new IllegalArgumentException(
            "not a class graph file (line 1 is not '" + HEADER + "')");
      }
      int n = 1;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        n++;
        apply(g, line.split("\t", -1), n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return g;
  }

  private static void apply(ClassGraph g, String[] f, int line) {
    String kind = f[0];
    int fields =
        switch (kind) {
          case "C", "D" -> 2;
          case "S" -> 3;
          case "A" -> 4;
          default -> -1;
        };
    if (fields != f.length) {
      throw new IllegalArgumentException(
          "class graph file line " + line + ": bad record kind or field count ('" + kind + "')");
    }
    switch (kind) {
      case "C" -> g.addClass(IRI.create(unescape(f[1])));
      case "D" -> g.declare(IRI.create(unescape(f[1])));
      case "S" -> g.link(IRI.create(unescape(f[1])), IRI.create(unescape(f[2])));
      default -> g.annotate(IRI.create(unescape(f[1])), unescape(f[2]), unescape(f[3]));
    }
  }

  private static void line(Writer out, String kind, String... fields) throws IOException {
    out.write(kind);
    for (String f : fields) {
      out.write('\t');
      out.write(escape(f));
    }
    out.write('\n');
  }

  static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> b.append("\\\\");
        case '\t' -> b.append("\\t");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  static String unescape(String s) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char e = s.charAt(++i);
        b.append(
            switch (e) {
              case 't' -> '\t';
              case 'n' -> '\n';
              case 'r' -> '\r';
              default -> e;
            });
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
