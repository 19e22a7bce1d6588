package org.dermkg.graph.datasets;

import static org.dermkg.graph.datasets.Nodes.dbl;
import static org.dermkg.graph.datasets.Nodes.integer;
import static org.dermkg.graph.datasets.Nodes.lit;
import static org.dermkg.graph.datasets.Nodes.uri;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.RDF;
import org.dermkg.graph.store.DermStore;
import org.dermkg.ontology.vocab.Dkg;

/**
 * Evaluation runs recorded in the store ({@code https://w3id.org/dermkg/graph/evaluations}), so
 * runs can be compared with SPARQL and listed by {@code /api/evaluations}: per run the dataset, the
 * model, the strategies and the prompt set's content hash, the figures, accuracy per hierarchy
 * level, each slice's top-1 with its bootstrap interval, and the date.
 */
public final class EvaluationRecords {
  /** The graph runs are recorded in. */
  public static final Node GRAPH = NodeFactory.createURI(Dkg.EVALUATIONS_GRAPH);

  /** One slice's figures. */
  public record Slice(int images, double top1, double low, double high) {}

  /**
   * One run.
   *
   * @param split which images: "all", or "test"/"train" with the test share of lesions
   */
  public record Record(
      String dataset,
      String split,
      String model,
      String strategies,
      String promptSetHash,
      int images,
      double top1,
      double top5,
      double meanRecall,
      double macroAuroc,
      List<Double> accuracyByLevel,
      Map<String, Slice> slices,
      Instant at) {}

  private EvaluationRecords() {}

  /** Records {@code r}; returns the run's IRI. */
  public static String write(DermStore store, Record r) {
    String iri = Dkg.EVALUATION_NS + UUID.randomUUID();
    Node e = uri(iri);
    DatasetGraph dsg = store.dataset();
    Txn.executeWrite(
        dsg,
        () -> {
          add(dsg, e, RDF.type.asNode(), uri(Dkg.EVALUATION));
          add(dsg, e, uri(Dkg.EVALUATED_ON), DatasetImport.datasetNode(r.dataset()));
          add(dsg, e, uri(Dkg.SPLIT), lit(r.split()));
          add(dsg, e, uri(Dkg.MODEL_NAME), lit(r.model()));
          add(dsg, e, uri(Dkg.STRATEGIES), lit(r.strategies()));
          add(dsg, e, uri(Dkg.PROMPT_SET_HASH), lit(r.promptSetHash()));
          figures(dsg, e, r.images(), r.top1());
          add(dsg, e, uri(Dkg.TOP5), dbl(r.top5()));
          add(dsg, e, uri(Dkg.MEAN_RECALL), dbl(r.meanRecall()));
          if (!Double.isNaN(r.macroAuroc())) {
            add(dsg, e, uri(Dkg.MACRO_AUROC), dbl(r.macroAuroc()));
          }
          add(dsg, e, uri("http://purl.org/dc/terms/date"), date(r.at()));
          for (int i = 0; i < r.accuracyByLevel().size(); i++) {
            Node l = uri(iri + "/level/" + (i + 1));
            add(dsg, e, uri(Dkg.HAS_LEVEL), l);
            add(dsg, l, uri(Dkg.LEVEL), integer(i + 1));
            add(dsg, l, uri(Dkg.ACCURACY), dbl(r.accuracyByLevel().get(i)));
          }
          int n = 0;
          for (Map.Entry<String, Slice> s : r.slices().entrySet()) {
            Node sl = uri(iri + "/slice/" + ++n);
            add(dsg, e, uri(Dkg.HAS_SLICE), sl);
            add(dsg, sl, uri(Dkg.SLICE), lit(s.getKey()));
            figures(dsg, sl, s.getValue().images(), s.getValue().top1());
            add(dsg, sl, uri(Dkg.TOP1_LOW), dbl(s.getValue().low()));
            add(dsg, sl, uri(Dkg.TOP1_HIGH), dbl(s.getValue().high()));
          }
        });
    return iri;
  }

  private static void figures(DatasetGraph dsg, Node n, int images, double top1) {
    add(dsg, n, uri(Dkg.IMAGES), integer(images));
    add(dsg, n, uri(Dkg.TOP1), dbl(top1));
  }

  private static void add(DatasetGraph dsg, Node s, Node p, Node o) {
    dsg.add(Quad.create(GRAPH, s, p, o));
  }

  private static Node date(Instant t) {
    return NodeFactory.createLiteralDT(t.toString(), XSDDatatype.XSDdateTime);
  }
}
