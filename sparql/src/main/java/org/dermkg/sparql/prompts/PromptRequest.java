package org.dermkg.sparql.prompts;

import java.util.EnumSet;
import java.util.Set;

/**
 * What to generate.
 *
 * @param selection which classes
 * @param strategies how each class becomes phrases (at least one)
 * @param templates the templates the phrases go into
 */
public record PromptRequest(Selection selection, Set<Strategy> strategies, Templates templates) {
  public PromptRequest {
    strategies = strategies.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(strategies));
    if (strategies.isEmpty()) {
      throw new org.dermkg.sparql.SparqlException(
          org.dermkg.sparql.SparqlException.Code.BAD_ARGUMENT, "no prompt strategy given");
    }
  }

  /** The paper's protocol: class names in the 8 Derm1M templates. */
  public static PromptRequest flat(Selection selection) {
    return new PromptRequest(
        selection, EnumSet.of(Strategy.NAME), Templates.builtIn(Templates.DEFAULT));
  }
}
