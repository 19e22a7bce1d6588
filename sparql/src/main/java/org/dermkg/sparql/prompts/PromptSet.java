package org.dermkg.sparql.prompts;

import java.util.List;

/**
 * A generated prompt set: the classes in order with their prompts, the templates, what overlaps,
 * notes on classes some strategy could not serve, and where it all came from.
 *
 * @param classes the classes, in the selection's order (benchmark order for a label set)
 * @param templates the templates every phrase was put into
 * @param overlaps pairs of classes of the set where one is the other's ancestor (or the same)
 * @param notes what a reader should know, e.g. classes with no typical finding
 * @param provenance inputs, versions and the content hash
 */
public record PromptSet(
    List<PromptClass> classes,
    List<String> templates,
    List<Overlap> overlaps,
    List<String> notes,
    Provenance provenance) {

  public PromptSet {
    classes = List.copyOf(classes);
    templates = List.copyOf(templates);
    overlaps = List.copyOf(overlaps);
    notes = List.copyOf(notes);
  }

  /** Total number of prompts. */
  public int promptCount() {
    return classes.stream().mapToInt(c -> c.prompts().size()).sum();
  }

  /**
   * The same set with more notes (what a model's tokenizer says of it, say), its content hash
   * computed again over the whole.
   */
  public PromptSet withNotes(List<String> more) {
    if (more.isEmpty()) {
      return this;
    }
    List<String> all = new java.util.ArrayList<>(notes);
    all.addAll(more);
    PromptSet unhashed = new PromptSet(classes, templates, overlaps, all, provenance.withHash(""));
    return unhashed.withProvenance(
        provenance.withHash(PromptGenerator.hash(PromptWriter.json(unhashed))));
  }

  /** The same set with its provenance replaced (the hash is filled in last). */
  PromptSet withProvenance(Provenance p) {
    return new PromptSet(classes, templates, overlaps, notes, p);
  }
}
