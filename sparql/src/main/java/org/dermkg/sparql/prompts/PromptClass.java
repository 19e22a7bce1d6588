package org.dermkg.sparql.prompts;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.dermkg.sparql.terms.TermRef;

/**
 * One class of a prompt set.
 *
 * @param name the class name (the benchmark's label in a label set, the group name of a coarse
 *     group, else the preferred label); unique within the set
 * @param members the ontology classes it stands for (one, or several for a coarse group)
 * @param mapping how a benchmark label maps to its class (exactMatch, closeMatch...), if from one
 * @param level level in the disease hierarchy of a single-class entry
 * @param prompts the prompts, deduplicated, in strategy then phrase then template order
 * @param subclasses the subclasses the descendant strategy drew names from (CHiLS), in order
 */
public record PromptClass(
    String name,
    List<TermRef> members,
    Optional<String> mapping,
    OptionalInt level,
    List<Prompt> prompts,
    List<TermRef> subclasses) {

  public PromptClass {
    members = List.copyOf(members);
    prompts = List.copyOf(prompts);
    subclasses = List.copyOf(subclasses);
  }
}
