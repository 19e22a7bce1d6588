package org.dermkg.sparql.prompts;

import java.util.List;

/**
 * A typical finding of a class, as text.
 *
 * @param iri the finding class
 * @param label its label, e.g. "Psoriasis: scaly plaques on the extensor surfaces"
 * @param concepts labels of its concepts, sorted
 * @param sites labels of its body sites, sorted
 */
public record FindingText(String iri, String label, List<String> concepts, List<String> sites) {

  public FindingText {
    concepts = List.copyOf(concepts);
    sites = List.copyOf(sites);
  }

  /** The description part of the label: the text after "Disease: ", or the whole label. */
  public String description() {
    int colon = label.indexOf(": ");
    return colon >= 0 ? label.substring(colon + 2).strip() : label.strip();
  }
}
