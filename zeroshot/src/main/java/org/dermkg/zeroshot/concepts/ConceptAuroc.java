package org.dermkg.zeroshot.concepts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.system.Txn;
import org.dermkg.embeddings.vectors.VectorFile;
import org.dermkg.embeddings.zeroshot.Auroc;
import org.dermkg.ontology.vocab.Dkg;
import org.dermkg.sparql.query.QueryLibrary;

/**
 * How well the zero-shot concept scores rank the annotated concepts: per concept, the AUROC of its
 * raw score over the images that have a vector and at least one annotated concept ({@code
 * dkg:concept} on the image, as Derm1M's skin_concept column, SkinCon and Derm7pt give it), an
 * image being positive when it is annotated with the concept or one of its sub-concepts. Concepts
 * with fewer than {@code minPositives} positives (or no negative) are left out. The 95% interval is
 * Hanley and McNeil's.
 */
public final class ConceptAuroc {
  /** One concept's figures. */
  public record Row(
      String concept,
      String label,
      int positives,
      int negatives,
      double auroc,
      double low,
      double high) {}

  /** All concepts evaluated, best first, with their macro mean over {@code images}. */
  public record Report(List<Row> rows, double macro, int images) {}

  private ConceptAuroc() {}

  /** Evaluates {@code scorer} on the vectors' annotated images. */
  public static Report of(
      DatasetGraph store, ConceptScorer scorer, VectorFile.Loaded v, int minPositives) {
    Map<String, Set<String>> annotated = annotations(store);
    List<Set<String>> labels = new ArrayList<>();
    List<Integer> rows = new ArrayList<>();
    for (int r = 0; r < v.size(); r++) {
      Set<String> a = annotated.get(ConceptRun.imageIri(v.ids().get(r)));
      if (a != null) {
        rows.add(r);
        labels.add(a);
      }
    }
    int n = scorer.concepts().size();
    float[] compact = new float[rows.size() * scorer.dim()];
    for (int i = 0; i < rows.size(); i++) {
      System.arraycopy(
          v.data(), rows.get(i) * scorer.dim(), compact, i * scorer.dim(), scorer.dim());
    }
    float[] raw = scorer.score(compact, 0, rows.size());
    List<Row> out = new ArrayList<>();
    for (int c = 0; c < n; c++) {
      row(store, scorer.concepts().get(c), raw, c, n, labels, minPositives).ifPresent(out::add);
    }
    out.sort((a, b) -> Double.compare(b.auroc(), a.auroc()));
    double macro = out.stream().mapToDouble(Row::auroc).average().orElse(Double.NaN);
    return new Report(out, macro, rows.size());
  }

  /** One concept's AUROC over the annotated images, when it has enough positives and a negative. */
  private static java.util.Optional<Row> row(
      DatasetGraph store,
      ConceptVocabulary.Concept concept,
      float[] raw,
      int c,
      int n,
      List<Set<String>> labels,
      int minPositives) {
    Set<String> under = descendantsOrSelf(store, concept.iri());
    int size = labels.size();
    float[] s = new float[size];
    boolean[] positive = new boolean[size];
    int p = 0;
    for (int i = 0; i < size; i++) {
      s[i] = raw[i * n + c];
      positive[i] = labels.get(i).stream().anyMatch(under::contains);
      p += positive[i] ? 1 : 0;
    }
    if (p < minPositives || p == size) {
      return java.util.Optional.empty();
    }
    double auc = Auroc.of(s, positive);
    double se = standardError(auc, p, size - p);
    return java.util.Optional.of(
        new Row(
            concept.iri(),
            concept.label(),
            p,
            size - p,
            auc,
            Math.max(0, auc - 1.96 * se),
            Math.min(1, auc + 1.96 * se)));
  }

  /** Hanley and McNeil (1982): the standard error of an AUROC from its positives and negatives. */
  static double standardError(double a, int positives, int negatives) {
    double q1 = a / (2 - a);
    double q2 = 2 * a * a / (1 + a);
    double var =
        (a * (1 - a) + (positives - 1) * (q1 - a * a) + (negatives - 1) * (q2 - a * a))
            / ((double) positives * negatives);
    return Math.sqrt(Math.max(0, var));
  }

  /**
   * Image IRI to its annotated concepts: Derm1M's images and benchmark datasets' (SkinCon, Derm7pt
   * criteria), not the prediction nodes.
   */
  private static Map<String, Set<String>> annotations(DatasetGraph store) {
    Map<String, Set<String>> out = new HashMap<>();
    Node concept = NodeFactory.createURI(Dkg.CONCEPT);
    Txn.executeRead(
        store,
        () ->
            store
                .find(Node.ANY, Node.ANY, concept, Node.ANY)
                .forEachRemaining(
                    q -> {
                      String s = q.getSubject().isURI() ? q.getSubject().getURI() : "";
                      if (!s.isEmpty()
                          && !s.startsWith(Dkg.CONCEPT_RUN_NS)
                          && q.getObject().isURI()) {
                        out.computeIfAbsent(s, k -> new HashSet<>()).add(q.getObject().getURI());
                      }
                    }));
    return out;
  }

  private static Set<String> descendantsOrSelf(DatasetGraph store, String iri) {
    Set<String> out = new HashSet<>(List.of(iri));
    for (Binding b :
        QueryLibrary.shipped()
            .get("descendants")
            .select(store, Map.of("class", NodeFactory.createURI(iri)), -1, 0, 0)) {
      out.add(b.get("term").getURI());
    }
    return out;
  }
}
