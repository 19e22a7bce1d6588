package org.dermkg.sparql.prompts;

import java.util.List;
import java.util.Optional;

/**
 * A class of a prompt set before its prompts are made: its name and the ontology classes it stands
 * for.
 *
 * @param name unique within the set
 * @param members one class, or several for a coarse group
 * @param mapping the SKOS predicate of a benchmark label's mapping
 * @param group whether it is a coarse group (its name is not a class name)
 */
record Entry(String name, List<CatalogClass> members, Optional<String> mapping, boolean group) {
  Entry {
    members = List.copyOf(members);
  }

  static Entry of(CatalogClass c) {
    return new Entry(c.label(), List.of(c), Optional.empty(), false);
  }

  /** How a member is named inside a phrase: the entry's own name for a single class. */
  String subject(CatalogClass member) {
    return members.size() == 1 && !group ? name : member.label();
  }
}
