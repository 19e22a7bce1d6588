package org.dermkg.server.http;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dermkg.sparql.SparqlException;
import org.dermkg.sparql.SparqlException.Code;
import org.dermkg.sparql.prompts.PromptRequest;
import org.dermkg.sparql.prompts.Selection;
import org.dermkg.sparql.prompts.Strategy;
import org.dermkg.sparql.prompts.Templates;

/**
 * The parameters of a prompt request, shared by {@code GET /api/prompts} and {@code derm prompts}
 * (README, "Prompt sets"): exactly one of {@code set}, {@code class}/{@code classes}, {@code
 * level}, {@code children_of}, {@code descendants_of}, {@code sparql}, {@code group}; then {@code
 * strategies} (default name), {@code templates} (a built-in set, default derm1m) or {@code
 * template} (the user's own, repeatable).
 */
public final class PromptParams {
  /** Every parameter name the request understands (format is the writer's). */
  public static final Set<String> NAMES =
      Set.of(
          "set",
          "class",
          "classes",
          "level",
          "children_of",
          "descendants_of",
          "sparql",
          "group",
          "strategies",
          "templates",
          "template",
          "format");

  private PromptParams() {}

  /**
   * A request from parameter values (each name may repeat).
   *
   * @throws SparqlException BAD_ARGUMENT naming the parameter at fault
   */
  public static PromptRequest parse(Map<String, List<String>> params) {
    for (String name : params.keySet()) {
      if (!NAMES.contains(name)) {
        throw bad("unknown parameter '" + name + "' (known: " + String.join(", ", sorted()) + ")");
      }
    }
    Selection selection = selection(params);
    Set<Strategy> strategies = Strategy.parse(one(params, "strategies").orElse("name"));
    return new PromptRequest(selection, strategies, templates(params));
  }

  /** The one way of choosing classes that the parameters give. */
  private static Selection selection(Map<String, List<String>> params) {
    List<Selection> chosen = new ArrayList<>();
    one(params, "set").ifPresent(v -> chosen.add(new Selection.LabelSet(v)));
    List<String> classes = new ArrayList<>(params.getOrDefault("class", List.of()));
    params
        .getOrDefault("classes", List.of())
        .forEach(v -> Arrays.stream(v.split(",")).map(String::strip).forEach(classes::add));
    if (params.containsKey("class") || params.containsKey("classes")) {
      chosen.add(new Selection.Classes(classes));
    }
    one(params, "level").ifPresent(v -> chosen.add(new Selection.Level(level(v))));
    one(params, "children_of").ifPresent(v -> chosen.add(new Selection.Subtree(v, false)));
    one(params, "descendants_of").ifPresent(v -> chosen.add(new Selection.Subtree(v, true)));
    one(params, "sparql").ifPresent(v -> chosen.add(new Selection.Sparql(v)));
    if (params.containsKey("group")) {
      chosen.add(
          new Selection.Groups(params.get("group").stream().map(PromptParams::group).toList()));
    }
    if (chosen.size() != 1) {
      throw bad(
          (chosen.isEmpty() ? "no classes chosen" : "more than one way of choosing classes given")
              + ": use exactly one of set, class/classes, level, children_of, descendants_of,"
              + " sparql, group");
    }
    return chosen.get(0);
  }

  /** A built-in template set (templates) or the caller's own templates (template), not both. */
  private static Templates templates(Map<String, List<String>> params) {
    if (!params.containsKey("template")) {
      return Templates.builtIn(one(params, "templates").orElse(Templates.DEFAULT));
    }
    if (params.containsKey("templates")) {
      throw bad("give either templates (a built-in set) or template (your own), not both");
    }
    return Templates.custom(params.get("template"));
  }

  /** "json" (default) or "csv". */
  public static String format(Map<String, List<String>> params) {
    String f = one(params, "format").orElse("json").strip().toLowerCase(java.util.Locale.ROOT);
    if (!f.equals("json") && !f.equals("csv")) {
      throw bad("format must be json or csv, was '" + f + "'");
    }
    return f;
  }

  private static java.util.Optional<String> one(Map<String, List<String>> params, String name) {
    List<String> v = params.get(name);
    if (v == null || v.isEmpty()) {
      return java.util.Optional.empty();
    }
    if (v.size() > 1) {
      throw bad("parameter " + name + " is given " + v.size() + " times");
    }
    return java.util.Optional.of(v.get(0));
  }

  private static int level(String v) {
    try {
      int n = Integer.parseInt(v.strip());
      if (n < 0 || n > 100) {
        throw bad("level must be between 0 and 100, was " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      throw bad("level must be a whole number, was '" + v + "'");
    }
  }

  /** "name=term|term" or "name=rest". */
  private static Selection.Group group(String spec) {
    int eq = spec.indexOf('=');
    if (eq <= 0 || eq == spec.length() - 1) {
      throw bad("group must look like NAME=TERM[|TERM...] or NAME=rest, was '" + spec + "'");
    }
    List<String> members =
        Arrays.stream(spec.substring(eq + 1).split("\\|")).map(String::strip).toList();
    return new Selection.Group(spec.substring(0, eq).strip(), members);
  }

  private static List<String> sorted() {
    return NAMES.stream().sorted().toList();
  }

  private static SparqlException bad(String message) {
    return new SparqlException(Code.BAD_ARGUMENT, message);
  }
}
