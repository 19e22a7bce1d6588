package org.dermkg.graph.datasets;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.dermkg.ontology.OntologySnapshot;
import org.dermkg.ontology.mapping.LabelSet;
import org.dermkg.ontology.mapping.LabelSets;
import org.dermkg.ontology.resolve.Resolution;
import org.dermkg.ontology.table.Branch;
import org.dermkg.ontology.vocab.Derm;

/**
 * A dataset's labels resolved to DERM classes: through the shipped SSSOM label set the dataset's
 * classes are mapped in (HAM10000's {@code mel} is the set's "melanoma", mapped to DERM:0001242),
 * else by name through the resolver (DDI's {@code melanoma-in-situ}, Derm7pt's diagnoses), the
 * disease branch only. A label that resolves to no class or to several stays unresolved, with why.
 */
public final class DatasetLabels {
  /**
   * How one label resolved.
   *
   * @param classIri the DERM class, when exactly one
   * @param how "label set HAM10000", "name (exact)", or why it did not resolve
   */
  public record Resolved(Optional<String> classIri, String how) {}

  private final OntologySnapshot snapshot;
  private final Map<String, Map<String, String>> sets = new LinkedHashMap<>();

  public DatasetLabels(OntologySnapshot snapshot, Path labelSetDir) {
    this.snapshot = snapshot;
    for (LabelSet s : LabelSets.readAll(labelSetDir)) {
      Map<String, String> m = new LinkedHashMap<>();
      for (LabelSet.Mapping x : s.mappings()) {
        m.put(x.subjectLabel().toLowerCase(Locale.ROOT), Derm.curieToIri(x.objectId()));
      }
      sets.put(s.name().toLowerCase(Locale.ROOT), m);
    }
  }

  /** Every distinct label of {@code read}, resolved (keys: the images' label names). */
  public Map<String, Resolved> resolve(DatasetRead read) {
    Map<String, Resolved> out = new LinkedHashMap<>();
    for (DatasetImage i : read.images()) {
      out.computeIfAbsent(i.labelName(), n -> one(read.info(), n));
    }
    return out;
  }

  private Resolved one(DatasetInfo info, String name) {
    Optional<String> set = info.labelSet().map(s -> s.toLowerCase(Locale.ROOT));
    if (set.isPresent() && sets.containsKey(set.get())) {
      String iri = sets.get(set.get()).get(name.toLowerCase(Locale.ROOT));
      if (iri != null) {
        return new Resolved(Optional.of(iri), "label set " + info.labelSet().get());
      }
    }
    Resolution r = snapshot.resolver().resolve(name, Optional.of(Branch.DISEASE));
    if (r.isUnique()) {
      Resolution.Candidate c = r.candidates().get(0);
      return new Resolved(
          Optional.of(c.term().iri()), "name (" + c.match().name().toLowerCase(Locale.ROOT) + ")");
    }
    List<String> ids = r.candidates().stream().map(c -> c.term().id()).toList();
    return new Resolved(
        Optional.empty(), ids.isEmpty() ? "no class has this name" : "ambiguous: " + ids);
  }
}
