package org.dermkg.sparql.prompts;

import java.util.Optional;

/**
 * One prompt.
 *
 * @param text the template with the phrase in its slot
 * @param strategy the strategy that made the phrase
 * @param template index of the template in the set's template list
 * @param phrase what went into the slot
 * @param via the class or finding the phrase came from, when not the class itself (the subclass of
 *     a descendant phrase, the superclass of an ancestor phrase, the finding of a descriptor)
 */
public record Prompt(
    String text, Strategy strategy, int template, String phrase, Optional<String> via) {}
