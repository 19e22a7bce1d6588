package org.dermkg.sparql.prompts;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.dermkg.ontology.vocab.Derm;
import org.dermkg.sparql.SparqlException;
import org.dermkg.sparql.SparqlException.Code;

/**
 * Coarse classes built from the hierarchy: each group is the union of its members' subtrees; the
 * {@code rest} group takes the largest disease subtrees that no other group covers or contains (so
 * benign / malignant / rest gives Fitzpatrick17k's benign / malignant / non-neoplastic split).
 */
final class Grouper {
  private final ClassCatalog catalog;
  private final TermFinder terms;

  Grouper(ClassCatalog catalog, TermFinder terms) {
    this.catalog = catalog;
    this.terms = terms;
  }

  List<Entry> groups(List<Selection.Group> groups, List<String> resolved) {
    if (groups.size() < 2) {
      throw new SparqlException(Code.BAD_ARGUMENT, "give at least two groups");
    }
    Set<String> names = new HashSet<>();
    long rests = groups.stream().filter(Selection.Group::isRest).count();
    if (rests > 1) {
      throw new SparqlException(Code.BAD_ARGUMENT, "only one group can be 'rest'");
    }
    List<List<CatalogClass>> members = new ArrayList<>();
    Set<String> assigned = new LinkedHashSet<>();
    for (Selection.Group g : groups) {
      checkGroup(g, names);
      members.add(g.isRest() ? new ArrayList<>() : resolve(g, assigned));
    }
    List<Entry> out = new ArrayList<>();
    for (int i = 0; i < groups.size(); i++) {
      Selection.Group g = groups.get(i);
      List<CatalogClass> list = g.isRest() ? rest(assigned, g.name()) : members.get(i);
      resolved.add(
          g.name().strip()
              + " = "
              + list.stream()
                  .map(c -> c.id() + " " + c.label())
                  .collect(Collectors.joining(" | ")));
      out.add(new Entry(g.name().strip(), list, Optional.empty(), true));
    }
    return out;
  }

  /** A non-blank, unique name ({@code names} collects them) and at least one member. */
  private static void checkGroup(Selection.Group g, Set<String> names) {
    if (g.name().isBlank()) {
      throw new SparqlException(Code.BAD_ARGUMENT, "a group has an empty name");
    }
    if (!names.add(g.name().strip())) {
      throw new SparqlException(Code.BAD_ARGUMENT, "two groups are named '" + g.name() + "'");
    }
    if (g.members().isEmpty()) {
      throw new SparqlException(Code.BAD_ARGUMENT, "group '" + g.name() + "' has no member");
    }
  }

  /** The group's members as classes; {@code assigned} collects them across groups. */
  private List<CatalogClass> resolve(Selection.Group g, Set<String> assigned) {
    List<CatalogClass> list = new ArrayList<>();
    for (String m : g.members()) {
      CatalogClass c = terms.find(m);
      if (!assigned.add(c.iri())) {
        throw new SparqlException(
            Code.BAD_ARGUMENT, c.id() + " (" + c.label() + ") is in two groups");
      }
      list.add(c);
    }
    return list;
  }

  private List<CatalogClass> rest(Set<String> assigned, String name) {
    List<CatalogClass> out = new ArrayList<>();
    collect(Derm.DISEASE_ROOT, assigned, out);
    if (out.isEmpty()) {
      throw new SparqlException(
          Code.BAD_ARGUMENT, "the other groups cover every disease; group '" + name + "' is empty");
    }
    return out;
  }

  private void collect(String parent, Set<String> assigned, List<CatalogClass> out) {
    for (String child : catalog.children(parent)) {
      CatalogClass c = catalog.get(child).orElseThrow();
      if (c.deprecated()
          || assigned.contains(child)
          || assigned.stream().anyMatch(a -> catalog.isAncestor(a, child))
          || out.stream().anyMatch(o -> o.equals(c) || catalog.isAncestor(o.iri(), child))) {
        continue;
      }
      if (assigned.stream().anyMatch(a -> catalog.isAncestor(child, a))) {
        collect(child, assigned, out);
      } else {
        out.add(c);
      }
    }
  }
}
