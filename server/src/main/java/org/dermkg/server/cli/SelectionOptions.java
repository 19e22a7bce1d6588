package org.dermkg.server.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options that choose a prompt set's classes, strategies and templates, shared by derm prompts,
 * classify and evaluate; {@link #params} turns them into the parameters {@code PromptParams} parses
 * (the same names as {@code /api/prompts}).
 */
final class SelectionOptions {
  @Option(
      names = "--set",
      paramLabel = "NAME",
      description = "A benchmark label set: HAM10000, PAD-UFES-20, Fitzpatrick17k, Daffodil.")
  String set;

  @Option(
      names = "--class",
      paramLabel = "TERM",
      description = "A class by id, label or path (\"proliferations > malignant\"); repeatable.")
  List<String> classList;

  @Option(names = "--classes", paramLabel = "LIST", description = "Comma-separated classes.")
  String classes;

  @Option(names = "--level", paramLabel = "N", description = "Every disease class at level N.")
  String level;

  @Option(names = "--children-of", paramLabel = "TERM", description = "The direct subclasses.")
  String childrenOf;

  @Option(names = "--descendants-of", paramLabel = "TERM", description = "Every subclass.")
  String descendantsOf;

  @Option(
      names = "--sparql",
      paramLabel = "TEXT|@FILE",
      description = "A SELECT returning classes in ?class (else its first variable).")
  String sparql;

  @Option(
      names = "--group",
      paramLabel = "NAME=TERM[|TERM..]",
      description = "A coarse class: the union of subtrees; NAME=rest takes what the others leave.")
  List<String> groups;

  @Option(
      names = "--strategies",
      paramLabel = "LIST",
      description =
          "Comma-separated: name, synonyms, ancestors, descendants, findings, concepts, or all (default: name).")
  String strategies;

  @Option(
      names = "--templates",
      paramLabel = "NAME",
      description = "Built-in template set: derm1m (the 8 Derm1M templates, default) or bare.")
  String templates;

  @Option(
      names = "--template",
      paramLabel = "TEXT",
      description = "Your own template with one {} slot; repeatable (replaces --templates).")
  List<String> templateList;

  /** The given options as prompt parameters; {@code --sparql @FILE} reads the file. */
  Map<String, List<String>> params() throws IOException {
    Map<String, List<String>> p = new LinkedHashMap<>();
    put(p, "set", set);
    if (classList != null) {
      p.put("class", classList);
    }
    put(p, "classes", classes);
    put(p, "level", level);
    put(p, "children_of", childrenOf);
    put(p, "descendants_of", descendantsOf);
    if (sparql != null) {
      put(
          p,
          "sparql",
          sparql.startsWith("@") ? Files.readString(Path.of(sparql.substring(1))) : sparql);
    }
    if (groups != null) {
      p.put("group", groups);
    }
    put(p, "strategies", strategies);
    put(p, "templates", templates);
    if (templateList != null) {
      p.put("template", templateList);
    }
    return p;
  }

  /** Whether any option chooses classes (the rest only shape the prompts). */
  boolean choosesClasses() {
    return set != null
        || classList != null
        || classes != null
        || level != null
        || childrenOf != null
        || descendantsOf != null
        || sparql != null
        || groups != null;
  }

  private static void put(Map<String, List<String>> p, String name, String value) {
    if (value != null) {
      p.put(name, new ArrayList<>(List.of(value)));
    }
  }
}
