package org.dermkg.sparql.prompts;

import java.util.List;
import java.util.Map;

/**
 * A minimal deterministic JSON writer for trees of {@link Map} (written in iteration order), {@link
 * List}, {@link String}, {@link Number}, {@link Boolean} and null: two-space indentation, arrays of
 * scalars on one line, "\n" line ends, non-ASCII kept as UTF-8.
 */
final class JsonText {
  private final StringBuilder out = new StringBuilder(1 << 16);

  private JsonText() {}

  static String write(Object value) {
    JsonText j = new JsonText();
    j.value(value, 0);
    j.out.append('\n');
    return j.out.toString();
  }

  private void value(Object v, int indent) {
    if (v == null) {
      out.append("null");
    } else if (v instanceof String s) {
      string(s);
    } else if (v instanceof Number || v instanceof Boolean) {
      out.append(v);
    } else if (v instanceof Map<?, ?> m) {
      object(m, indent);
    } else if (v instanceof List<?> l) {
      array(l, indent);
    } else {
      throw new IllegalArgumentException("not a JSON value: " + v.getClass());
    }
  }

  private void object(Map<?, ?> m, int indent) {
    if (m.isEmpty()) {
      out.append("{}");
      return;
    }
    out.append("{\n");
    int i = 0;
    for (Map.Entry<?, ?> e : m.entrySet()) {
      pad(indent + 1);
      string(e.getKey().toString());
      out.append(": ");
      value(e.getValue(), indent + 1);
      out.append(++i < m.size() ? ",\n" : "\n");
    }
    pad(indent);
    out.append('}');
  }

  private void array(List<?> l, int indent) {
    if (l.isEmpty()) {
      out.append("[]");
      return;
    }
    boolean flat = l.stream().noneMatch(x -> x instanceof Map || x instanceof List);
    if (flat && l.size() <= 16) {
      out.append('[');
      for (int i = 0; i < l.size(); i++) {
        value(l.get(i), indent);
        out.append(i + 1 < l.size() ? ", " : "");
      }
      out.append(']');
      return;
    }
    out.append("[\n");
    for (int i = 0; i < l.size(); i++) {
      pad(indent + 1);
      value(l.get(i), indent + 1);
      out.append(i + 1 < l.size() ? ",\n" : "\n");
    }
    pad(indent);
    out.append(']');
  }

  private void pad(int indent) {
    out.append("  ".repeat(indent));
  }

  private void string(String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
