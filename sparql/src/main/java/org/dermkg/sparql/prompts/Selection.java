package org.dermkg.sparql.prompts;

import java.util.List;

/** How the classes of a prompt set are chosen. */
public sealed interface Selection {

  /** The kind, as written in the provenance: label-set, classes, level, children-of... */
  String kind();

  /** The selection as given, for the provenance. */
  List<String> describe();

  /** A shipped benchmark label set (HAM10000, PAD-UFES-20, Fitzpatrick17k, Daffodil...). */
  record LabelSet(String name) implements Selection {
    @Override
    public String kind() {
      return "label-set";
    }

    @Override
    public List<String> describe() {
      return List.of(name);
    }
  }

  /** Classes by id, IRI or label, in the given order. */
  record Classes(List<String> terms) implements Selection {
    public Classes {
      terms = List.copyOf(terms);
    }

    @Override
    public String kind() {
      return "classes";
    }

    @Override
    public List<String> describe() {
      return terms;
    }
  }

  /** Every (non-deprecated) class at one level of the disease hierarchy; the root is level 0. */
  record Level(int level) implements Selection {
    @Override
    public String kind() {
      return "level";
    }

    @Override
    public List<String> describe() {
      return List.of(Integer.toString(level));
    }
  }

  /**
   * The direct subclasses of a term, or all its descendants. The term is an id, a label, or a path
   * of names from the top such as "proliferations &gt; malignant".
   */
  record Subtree(String term, boolean allDescendants) implements Selection {
    @Override
    public String kind() {
      return allDescendants ? "descendants-of" : "children-of";
    }

    @Override
    public List<String> describe() {
      return List.of(term);
    }
  }

  /** The classes a SPARQL SELECT returns (its ?class variable, else its first variable). */
  record Sparql(String query) implements Selection {
    @Override
    public String kind() {
      return "sparql";
    }

    @Override
    public List<String> describe() {
      return List.of(query);
    }
  }

  /**
   * Coarse classes, each the union of subtrees, e.g. benign = "Benign proliferative skin lesion". A
   * group whose only member is {@code rest} takes every disease subtree no other group covers.
   */
  record Groups(List<Group> groups) implements Selection {
    public Groups {
      groups = List.copyOf(groups);
    }

    @Override
    public String kind() {
      return "groups";
    }

    @Override
    public List<String> describe() {
      return groups.stream().map(g -> g.name() + "=" + String.join("|", g.members())).toList();
    }
  }

  /** A named coarse class and the terms (ids, labels or paths) whose subtrees it covers. */
  record Group(String name, List<String> members) {
    /** The member that stands for "everything the other groups leave out". */
    public static final String REST = "rest";

    public Group {
      members = List.copyOf(members);
    }

    public boolean isRest() {
      return members.size() == 1 && members.get(0).strip().equalsIgnoreCase(REST);
    }
  }
}
