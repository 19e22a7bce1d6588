package org.dermkg.sparql.prompts;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.dermkg.sparql.terms.TermRef;

/** Makes the phrases of one entry for one strategy. */
final class Phrases {
  /** A phrase and what it came from (empty: the class itself). */
  record Phrase(String text, Optional<String> via) {}

  private final ClassCatalog catalog;
  private final Set<String> commonWords;

  Phrases(ClassCatalog catalog) {
    this.catalog = catalog;
    this.commonWords = commonWords(catalog);
  }

  /**
   * Words that appear in lower case after the first word of some name or definition: such a first
   * word is an ordinary word ("Malignant"), so it is lower-cased inside a phrase; others ("Becker",
   * which definitions write capitalised) are kept.
   */
  private static Set<String> commonWords(ClassCatalog catalog) {
    Set<String> words = new HashSet<>();
    for (CatalogClass c : catalog.all()) {
      List<String> names = new ArrayList<>(List.of(c.label()));
      names.addAll(c.exactSynonyms()); // Derm1M's own names are all lower case: not evidence
      c.definition().ifPresent(names::add);
      for (String n : names) {
        String[] w = n.split("[^\\p{L}]+");
        for (int i = 1; i < w.length; i++) {
          if (!w[i].isEmpty() && Character.isLowerCase(w[i].charAt(0))) {
            words.add(w[i]);
          }
        }
      }
    }
    return words;
  }

  /**
   * A class label as it reads inside a sentence: "Malignant melanocytic proliferation" becomes
   * "malignant melanocytic proliferation", "Becker nevus" stays.
   */
  String inline(String label) {
    return lowerFirst(label, true);
  }

  /** A concept or body-site label inside a sentence: common nouns, so "Plaque" → "plaque". */
  String noun(String label) {
    return lowerFirst(label, false);
  }

  private String lowerFirst(String label, boolean onlyCommonWords) {
    int end = 0;
    while (end < label.length() && Character.isLetter(label.charAt(end))) {
      end++;
    }
    String first = label.substring(0, end);
    String lower = first.toLowerCase(Locale.ROOT);
    boolean capitalisedWord = first.length() > 1 && first.substring(1).equals(lower.substring(1));
    if (capitalisedWord && (!onlyCommonWords || commonWords.contains(lower))) {
      return lower + label.substring(end);
    }
    return label;
  }

  List<Phrase> make(
      Strategy strategy, Entry entry, Set<String> excluded, List<TermRef> subclasses) {
    List<Phrase> out = new ArrayList<>();
    switch (strategy) {
      case NAME -> out.add(new Phrase(entry.name(), Optional.empty()));
      case SYNONYMS -> {
        for (CatalogClass m : entry.members()) {
          out.add(new Phrase(m.label(), via(entry, m)));
          m.exactSynonyms().forEach(s -> out.add(new Phrase(s, via(entry, m))));
        }
      }
      case ANCESTORS -> entry.members().forEach(m -> ancestors(entry, m, out));
      case DESCENDANTS -> entry.members().forEach(m -> descendants(m, excluded, subclasses, out));
      case FINDINGS -> {
        for (CatalogClass m : entry.members()) {
          for (FindingText f : m.findings()) {
            out.add(
                new Phrase(
                    entry.subject(m) + ", which presents as " + inline(f.description()),
                    Optional.of(TermRef.of(f.iri(), null).id())));
          }
        }
      }
      case CONCEPTS -> entry.members().forEach(m -> concepts(entry, m, out));
    }
    return out;
  }

  private void ancestors(Entry entry, CatalogClass m, List<Phrase> out) {
    m.parents().stream()
        .map(catalog::get)
        .flatMap(Optional::stream)
        .filter(p -> !p.deprecated())
        .sorted(Comparator.comparing(CatalogClass::label))
        .forEach(
            p ->
                out.add(
                    new Phrase(
                        entry.subject(m) + ", a kind of " + inline(p.label()),
                        Optional.of(p.id()))));
  }

  private void descendants(
      CatalogClass m, Set<String> excluded, List<TermRef> subclasses, List<Phrase> out) {
    for (String d : catalog.descendants(m.iri())) {
      CatalogClass c = catalog.get(d).orElseThrow();
      if (c.deprecated() || isExcluded(d, excluded)) {
        continue;
      }
      out.add(new Phrase(c.label(), Optional.of(c.id())));
      subclasses.add(TermRef.of(c.iri(), c.label()));
    }
  }

  private void concepts(Entry entry, CatalogClass m, List<Phrase> out) {
    for (FindingText f : m.findings()) {
      if (f.concepts().isEmpty()) {
        continue;
      }
      String text =
          entry.subject(m)
              + ", showing "
              + join(f.concepts().stream().map(this::noun).toList(), "and")
              + (f.sites().isEmpty()
                  ? ""
                  : " on the " + join(f.sites().stream().map(this::noun).toList(), "or"));
      out.add(new Phrase(text, Optional.of(TermRef.of(f.iri(), null).id())));
    }
  }

  private static Optional<String> via(Entry entry, CatalogClass m) {
    return entry.members().size() > 1 ? Optional.of(m.id()) : Optional.empty();
  }

  private boolean isExcluded(String iri, Set<String> excluded) {
    return excluded.contains(iri) || catalog.ancestors(iri).stream().anyMatch(excluded::contains);
  }

  /** "a", "a and b", "a, b and c". */
  static String join(List<String> words, String last) {
    if (words.size() <= 1) {
      return String.join("", words);
    }
    return String.join(", ", words.subList(0, words.size() - 1))
        + " "
        + last
        + " "
        + words.get(words.size() - 1);
  }
}
