package org.dermkg.graph.concepts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.RDF;
import org.dermkg.graph.GraphException;
import org.dermkg.graph.store.DermStore;
import org.dermkg.ontology.vocab.Dkg;

/**
 * Reads and writes a model's concept predictions. Vocabulary (documented in the README):
 *
 * <ul>
 *   <li>{@code ?image dkg:predictedConcept ?concept}: the plain link SPARQL joins on;
 *   <li>{@code ?p a dkg:ConceptPrediction; dkg:image ?image; dkg:concept ?concept; dkg:score z;
 *       dkg:run ?run}: the n-ary node with the calibrated score (z, standard deviations above the
 *       concept's mean over the collection);
 *   <li>{@code ?run a dkg:ConceptRun; dkg:modelName; dkg:promptSetHash; dkg:scoredUnder ?class;
 *       dkg:threshold; dkg:topK; dkg:vectorRows; dkg:idsHash; dkg:images; dcterms:date;
 *       dkg:calibration [dkg:concept; dkg:mean; dkg:sd]}.
 * </ul>
 */
public final class ConceptPredictions {
  private static final String DATE = "http://purl.org/dc/terms/date";

  /** The per-concept calibration: mean and standard deviation of the raw score. */
  public record Calibration(double mean, double sd) {}

  /**
   * What a run is and how far it got.
   *
   * @param vectorRows how many rows of the vector file are scored (rows 0..vectorRows-1)
   * @param idsHash hash of those rows' ids, to tell an appended file from a rewritten one
   * @param images how many images the run scored in all
   */
  public record Run(
      String iri,
      String model,
      String promptSetHash,
      String under,
      double threshold,
      int topK,
      long vectorRows,
      String idsHash,
      long images,
      Map<String, Calibration> calibration) {
    public Run {
      calibration = Map.copyOf(calibration);
    }

    /** The same run, having scored more rows. */
    public Run advanced(long rows, String hash, long moreImages) {
      return new Run(
          iri,
          model,
          promptSetHash,
          under,
          threshold,
          topK,
          rows,
          hash,
          images + moreImages,
          calibration);
    }
  }

  /**
   * One prediction: the image of vector row {@code row} shows the concept (the {@code
   * conceptIndex}th scored) with a calibrated score; row and index name its node.
   */
  public record Prediction(
      String image, long row, String concept, int conceptIndex, double score) {}

  private ConceptPredictions() {}

  /** The graph of a model's predictions. */
  public static Node graph(String slug) {
    return NodeFactory.createURI(Dkg.PREDICTED_CONCEPTS_GRAPH_NS + slug);
  }

  /** The run recorded in the model's graph, when there is one. */
  public static Optional<Run> previous(DermStore store, String slug) {
    DatasetGraph dsg = store.dataset();
    Node g = graph(slug);
    return Txn.calculateRead(
        dsg,
        () -> {
          var it = dsg.find(g, Node.ANY, RDF.type.asNode(), uri(Dkg.CONCEPT_RUN));
          if (!it.hasNext()) {
            return Optional.empty();
          }
          Node run = it.next().getSubject();
          Map<String, Calibration> cal = new LinkedHashMap<>();
          dsg.find(g, run, uri(Dkg.CALIBRATION), Node.ANY)
              .forEachRemaining(
                  q -> {
                    Node c = q.getObject();
                    cal.put(
                        one(dsg, g, c, Dkg.CONCEPT).getURI(),
                        new Calibration(num(dsg, g, c, Dkg.MEAN), num(dsg, g, c, Dkg.SD)));
                  });
          return Optional.of(
              new Run(
                  run.getURI(),
                  str(dsg, g, run, Dkg.MODEL_NAME),
                  str(dsg, g, run, Dkg.PROMPT_SET_HASH),
                  one(dsg, g, run, Dkg.SCORED_UNDER).getURI(),
                  num(dsg, g, run, Dkg.THRESHOLD),
                  (int) num(dsg, g, run, Dkg.TOP_K),
                  (long) num(dsg, g, run, Dkg.VECTOR_ROWS),
                  str(dsg, g, run, Dkg.IDS_HASH),
                  (long) num(dsg, g, run, Dkg.IMAGES),
                  cal));
        });
  }

  /** Drops the model's graph and records a new run that has scored nothing yet. */
  public static void start(DermStore store, String slug, Run run, Instant at) {
    DatasetGraph dsg = store.dataset();
    Node g = graph(slug);
    write(
        dsg,
        () -> {
          dsg.deleteAny(g, Node.ANY, Node.ANY, Node.ANY);
          Node r = uri(run.iri());
          add(dsg, g, r, RDF.type.asNode(), uri(Dkg.CONCEPT_RUN));
          add(dsg, g, r, uri(Dkg.MODEL_NAME), lit(run.model()));
          add(dsg, g, r, uri(Dkg.PROMPT_SET_HASH), lit(run.promptSetHash()));
          add(dsg, g, r, uri(Dkg.SCORED_UNDER), uri(run.under()));
          add(dsg, g, r, uri(Dkg.THRESHOLD), dbl(run.threshold()));
          add(dsg, g, r, uri(Dkg.TOP_K), integer(run.topK()));
          int n = 0;
          for (Map.Entry<String, Calibration> c : run.calibration().entrySet()) {
            Node cn = uri(run.iri() + "/calibration/" + ++n);
            add(dsg, g, r, uri(Dkg.CALIBRATION), cn);
            add(dsg, g, cn, uri(Dkg.CONCEPT), uri(c.getKey()));
            add(dsg, g, cn, uri(Dkg.MEAN), dbl(c.getValue().mean()));
            add(dsg, g, cn, uri(Dkg.SD), dbl(c.getValue().sd()));
          }
          progress(dsg, g, run, at);
        });
  }

  /**
   * Adds a batch of predictions and moves the run's progress to {@code run} in one transaction: a
   * run stopped between batches resumes after the last one written.
   */
  public static void append(
      DermStore store, String slug, Run run, List<Prediction> batch, Instant at) {
    DatasetGraph dsg = store.dataset();
    Node g = graph(slug);
    write(
        dsg,
        () -> {
          for (Prediction p : batch) {
            Node img = uri(p.image());
            Node c = uri(p.concept());
            Node pn = uri(run.iri() + "/p/" + p.row() + "-" + p.conceptIndex());
            add(dsg, g, img, uri(Dkg.PREDICTED_CONCEPT), c);
            add(dsg, g, pn, RDF.type.asNode(), uri(Dkg.CONCEPT_PREDICTION));
            add(dsg, g, pn, uri(Dkg.PREDICTION_OF), img);
            add(dsg, g, pn, uri(Dkg.CONCEPT), c);
            add(dsg, g, pn, uri(Dkg.SCORE), dbl(p.score()));
            add(dsg, g, pn, uri(Dkg.IN_RUN), uri(run.iri()));
          }
          progress(dsg, g, run, at);
        });
  }

  private static void progress(DatasetGraph dsg, Node g, Run run, Instant at) {
    Node r = uri(run.iri());
    for (String p : List.of(Dkg.VECTOR_ROWS, Dkg.IDS_HASH, Dkg.IMAGES, DATE)) {
      dsg.deleteAny(g, r, uri(p), Node.ANY);
    }
    add(dsg, g, r, uri(Dkg.VECTOR_ROWS), integer(run.vectorRows()));
    add(dsg, g, r, uri(Dkg.IDS_HASH), lit(run.idsHash()));
    add(dsg, g, r, uri(Dkg.IMAGES), integer(run.images()));
    add(dsg, g, r, uri(DATE), NodeFactory.createLiteralDT(at.toString(), XSDDatatype.XSDdateTime));
  }

  /** How many predictions the model's graph holds. */
  public static long count(DermStore store, String slug) {
    DatasetGraph dsg = store.dataset();
    Node g = graph(slug);
    return Txn.calculateRead(
        dsg,
        () -> {
          long n = 0;
          var it = dsg.find(g, Node.ANY, uri(Dkg.PREDICTED_CONCEPT), Node.ANY);
          while (it.hasNext()) {
            it.next();
            n++;
          }
          return n;
        });
  }

  private static void write(DatasetGraph dsg, Runnable body) {
    try {
      Txn.executeWrite(dsg, body);
    } catch (RuntimeException e) {
      throw new GraphException(
          GraphException.Code.WRITE_FAILED,
          "cannot write concept predictions: " + e.getMessage(),
          e);
    }
  }

  private static Node one(DatasetGraph dsg, Node g, Node s, String p) {
    var it = dsg.find(g, s, uri(p), Node.ANY);
    if (!it.hasNext()) {
      throw new GraphException(
          GraphException.Code.WRITE_FAILED, "concept run " + s + " has no " + p);
    }
    return it.next().getObject();
  }

  private static String str(DatasetGraph dsg, Node g, Node s, String p) {
    return one(dsg, g, s, p).getLiteralLexicalForm();
  }

  private static double num(DatasetGraph dsg, Node g, Node s, String p) {
    return Double.parseDouble(one(dsg, g, s, p).getLiteralLexicalForm());
  }

  private static void add(DatasetGraph dsg, Node g, Node s, Node p, Node o) {
    dsg.add(Quad.create(g, s, p, o));
  }

  private static Node uri(String iri) {
    return NodeFactory.createURI(iri);
  }

  private static Node lit(String s) {
    return NodeFactory.createLiteralString(s);
  }

  private static Node dbl(double d) {
    return NodeFactory.createLiteralDT(Double.toString(d), XSDDatatype.XSDdouble);
  }

  private static Node integer(long n) {
    return NodeFactory.createLiteralDT(Long.toString(n), XSDDatatype.XSDinteger);
  }

  /** For tests: the run's predictions as (image, concept, score), in no particular order. */
  public static List<Prediction> all(DermStore store, String slug) {
    DatasetGraph dsg = store.dataset();
    Node g = graph(slug);
    return Txn.calculateRead(
        dsg,
        () -> {
          List<Prediction> out = new ArrayList<>();
          dsg.find(g, Node.ANY, RDF.type.asNode(), uri(Dkg.CONCEPT_PREDICTION))
              .forEachRemaining(
                  q -> {
                    Node p = q.getSubject();
                    String local = p.getURI().substring(p.getURI().lastIndexOf('/') + 1);
                    int dash = local.indexOf('-');
                    out.add(
                        new Prediction(
                            one(dsg, g, p, Dkg.PREDICTION_OF).getURI(),
                            Long.parseLong(local.substring(0, dash)),
                            one(dsg, g, p, Dkg.CONCEPT).getURI(),
                            Integer.parseInt(local.substring(dash + 1)),
                            num(dsg, g, p, Dkg.SCORE)));
                  });
          return out;
        });
  }
}
