package org.dermkg.sparql.prompts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dermkg.sparql.SparqlException;
import org.dermkg.sparql.SparqlException.Code;

/**
 * The templates of a prompt set: a built-in set ({@code derm1m}: the 8 skin templates of the Derm1M
 * zero-shot evaluation; {@code bare}: the phrase alone) or the user's own. Each template has
 * exactly one {@code {}} slot and no other brace, so Python's {@code str.format} (what open_clip's
 * classifier builder calls) fills it the same way.
 *
 * @param name the built-in set's name, or "custom"
 * @param list the templates, in order
 */
public record Templates(String name, List<String> list) {
  /** The default set. */
  public static final String DEFAULT = "derm1m";

  private static final String RESOURCE = "/derm-prompts/templates.tsv";
  private static final int MAX_TEMPLATES = 256;
  private static final int MAX_LENGTH = 1000;
  private static final Map<String, List<String>> BUILT_IN = load();

  public Templates {
    list = List.copyOf(list);
    if (list.isEmpty()) {
      throw new SparqlException(Code.BAD_ARGUMENT, "no prompt template given");
    }
    if (list.size() > MAX_TEMPLATES) {
      throw new SparqlException(
          Code.BAD_ARGUMENT,
          "too many templates (" + list.size() + ", at most " + MAX_TEMPLATES + ")");
    }
    for (int i = 0; i < list.size(); i++) {
      check(i, list.get(i));
    }
  }

  /** A built-in set by name (ignoring case). */
  public static Templates builtIn(String name) {
    String key = name.strip().toLowerCase(Locale.ROOT);
    List<String> list = BUILT_IN.get(key);
    if (list == null) {
      throw new SparqlException(
          Code.BAD_ARGUMENT,
          "unknown template set '"
              + name
              + "' (built in: "
              + String.join(", ", BUILT_IN.keySet())
              + ")");
    }
    return new Templates(key, list);
  }

  /** The user's own templates. */
  public static Templates custom(List<String> list) {
    return new Templates("custom", list);
  }

  /** The names of the built-in sets. */
  public static List<String> builtInNames() {
    return List.copyOf(BUILT_IN.keySet());
  }

  /** The template with {@code phrase} in its slot. */
  public static String fill(String template, String phrase) {
    return template.replace("{}", phrase);
  }

  private static void check(int index, String t) {
    String where = "template " + (index + 1) + " '" + shorten(t) + "'";
    if (t == null || t.isBlank()) {
      throw new SparqlException(Code.BAD_ARGUMENT, "template " + (index + 1) + " is empty");
    }
    if (t.length() > MAX_LENGTH) {
      throw new SparqlException(
          Code.BAD_ARGUMENT, where + " is longer than " + MAX_LENGTH + " characters");
    }
    int slot = t.indexOf("{}");
    if (slot < 0) {
      throw new SparqlException(Code.BAD_ARGUMENT, where + " has no {} slot for the class phrase");
    }
    String rest = t.substring(0, slot) + t.substring(slot + 2);
    if (rest.contains("{") || rest.contains("}")) {
      throw new SparqlException(
          Code.BAD_ARGUMENT, where + " must have exactly one {} and no other brace");
    }
    if (t.chars().anyMatch(c -> c < 0x20)) {
      throw new SparqlException(Code.BAD_ARGUMENT, where + " contains a control character");
    }
  }

  private static String shorten(String t) {
    return t == null ? "" : t.length() > 60 ? t.substring(0, 60) + "…" : t;
  }

  private static Map<String, List<String>> load() {
    Map<String, List<String>> sets = new LinkedHashMap<>();
    try (InputStream in = Templates.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        int tab = line.indexOf('\t');
        sets.computeIfAbsent(line.substring(0, tab), k -> new ArrayList<>())
            .add(line.substring(tab + 1));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Map.copyOf(sets).entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .collect(
            LinkedHashMap::new,
            (m, e) -> m.put(e.getKey(), List.copyOf(e.getValue())),
            Map::putAll);
  }
}
