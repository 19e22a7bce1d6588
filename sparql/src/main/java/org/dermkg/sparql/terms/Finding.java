package org.dermkg.sparql.terms;

import java.util.List;

/** A typical finding of a disease with the concepts it shows and the body sites it occurs at. */
public record Finding(TermRef finding, List<TermRef> concepts, List<TermRef> sites) {
  public Finding {
    concepts = List.copyOf(concepts);
    sites = List.copyOf(sites);
  }
}
