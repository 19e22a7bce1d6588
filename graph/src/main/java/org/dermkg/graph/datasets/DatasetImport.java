package org.dermkg.graph.datasets;

import static org.dermkg.graph.datasets.Nodes.integer;
import static org.dermkg.graph.datasets.Nodes.lit;
import static org.dermkg.graph.datasets.Nodes.uri;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.dermkg.graph.load.DiagnosisClosure;
import org.dermkg.graph.store.DermStore;
import org.dermkg.ontology.OntologySnapshot;
import org.dermkg.ontology.resolve.Resolution;
import org.dermkg.ontology.table.Branch;
import org.dermkg.ontology.vocab.Derm;
import org.dermkg.ontology.vocab.Dkg;

/**
 * Writes a dataset read from its published layout into the store, in the dataset's own graph
 * ({@code https://w3id.org/dermkg/graph/dataset/NAME}), replacing what an earlier import of the
 * same dataset wrote and nothing else, in one write transaction: the dataset node, and per image
 * its dataset, file, id, original label (verbatim), diagnosis and {@code dkg:diagnosisUnder}
 * closure (or the label kept as unresolved), Fitzpatrick type, skin tone, body site (resolved to
 * the body-site branch, else kept as text), age, sex, confirmation, patient and lesion, and the
 * dataset's other values as {@code attribute#COLUMN} literals.
 */
public final class DatasetImport {
  private static final Node TYPE = RDF.type.asNode();

  /**
   * What an import wrote.
   *
   * @param byClass images per resolved DERM class (CURIE)
   * @param unresolved images per label that resolved to no single class, with why
   * @param bySkinType images per Fitzpatrick type ("unknown" when not given)
   */
  public record Summary(
      String dataset,
      String graph,
      int images,
      int rejected,
      Map<String, Integer> byClass,
      Map<String, Integer> unresolved,
      Map<String, Integer> bySkinType,
      long quads) {}

  private final OntologySnapshot snapshot;
  private final DiagnosisClosure closure;

  public DatasetImport(OntologySnapshot snapshot) {
    this.snapshot = snapshot;
    this.closure = new DiagnosisClosure(snapshot);
  }

  /** The graph a dataset is written to. */
  public static Node graph(String dataset) {
    return NodeFactory.createURI(Dkg.DATASET_GRAPH_NS + enc(dataset));
  }

  /** The dataset's node. */
  public static Node datasetNode(String dataset) {
    return NodeFactory.createURI(Dkg.dataset(dataset));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Writes {@code read} (labels resolved by {@code labels}) into {@code store}. */
  public Summary write(
      DermStore store, DatasetRead read, Map<String, DatasetLabels.Resolved> labels) {
    String name = read.info().name();
    Node g = graph(name);
    List<Quad> quads = new ArrayList<>();
    Map<String, Integer> byClass = new TreeMap<>();
    Map<String, Integer> unresolved = new TreeMap<>();
    Map<String, Integer> bySkin = new TreeMap<>();
    datasetQuads(read, quads::add);
    for (DatasetImage i : read.images()) {
      DatasetLabels.Resolved r = labels.get(i.labelName());
      imageQuads(name, i, r, quads::add);
      if (r != null && r.classIri().isPresent()) {
        String iri = r.classIri().get();
        byClass.merge(Derm.iriToCurie(iri).orElse(iri), 1, Integer::sum);
      } else {
        String why = r == null ? "not resolved" : r.how();
        unresolved.merge(i.label() + " (" + why + ")", 1, Integer::sum);
      }
      String skin = i.fitzpatrick().isPresent() ? "type " + i.fitzpatrick().getAsInt() : "unknown";
      bySkin.merge(skin, 1, Integer::sum);
    }
    replaceGraph(store.dataset(), g, quads, snapshot, closure);
    return new Summary(
        name,
        g.getURI(),
        read.images().size(),
        read.rejects().size(),
        byClass,
        unresolved,
        bySkin,
        quads.size());
  }

  /**
   * The dataset's graph emptied and written anew, and the store's ontology graph put in when it
   * holds none or another version, in one write transaction.
   */
  private static void replaceGraph(
      DatasetGraph dsg, Node g, List<Quad> quads, OntologySnapshot snapshot, DiagnosisClosure c) {
    Txn.executeWrite(
        dsg,
        () -> {
          org.dermkg.graph.load.OntologyGraph.ensure(snapshot, dsg, c);
          dsg.deleteAny(g, Node.ANY, Node.ANY, Node.ANY);
          for (Quad q : quads) {
            dsg.add(Quad.create(g, q.getSubject(), q.getPredicate(), q.getObject()));
          }
        });
  }

  private static void datasetQuads(DatasetRead read, Consumer<Quad> out) {
    DatasetInfo info = read.info();
    Node d = datasetNode(info.name());
    out.accept(q(d, TYPE, uri(Dkg.DATASET)));
    out.accept(q(d, RDFS.label.asNode(), lit(info.name())));
    out.accept(q(d, uri(Dkg.IMAGE_TYPE), lit(info.imageType())));
    if (!info.licence().isEmpty()) {
      out.accept(q(d, uri("http://purl.org/dc/terms/license"), lit(info.licence())));
    }
    if (!info.citation().isEmpty()) {
      out.accept(q(d, uri("http://purl.org/dc/terms/bibliographicCitation"), lit(info.citation())));
    }
    info.labelSet().ifPresent(s -> out.accept(q(d, uri(Dkg.LABEL_SET), lit(s))));
  }

  private void imageQuads(
      String dataset, DatasetImage i, DatasetLabels.Resolved r, Consumer<Quad> out) {
    Node img = NodeFactory.createURI(Dkg.DATASET_NS + enc(dataset) + "/image/" + enc(i.imageId()));
    out.accept(q(img, TYPE, uri(Dkg.DATASET_IMAGE)));
    out.accept(q(img, uri(Dkg.IN_DATASET), datasetNode(dataset)));
    out.accept(q(img, uri(Dkg.IMAGE_ID), lit(i.imageId())));
    out.accept(q(img, uri(Dkg.FILENAME), lit(i.file())));
    out.accept(q(img, uri(Dkg.ORIGINAL_LABEL), lit(i.label())));
    if (r != null && r.classIri().isPresent()) {
      Node cls = uri(r.classIri().get());
      out.accept(q(img, uri(Dkg.DIAGNOSIS), cls));
      closure.ancestorsOrSelf(cls).forEach(a -> out.accept(q(img, uri(Dkg.DIAGNOSIS_UNDER), a)));
    } else {
      out.accept(q(img, uri(Dkg.UNRESOLVED_DIAGNOSIS), lit(i.label())));
    }
    i.fitzpatrick().ifPresent(f -> out.accept(q(img, uri(Dkg.FITZPATRICK), integer(f))));
    i.skinTone().ifPresent(t -> out.accept(q(img, uri(Dkg.SKIN_TONE), lit(t))));
    i.site().ifPresent(s -> site(img, s, out));
    i.age().ifPresent(a -> out.accept(q(img, uri(Dkg.AGE_YEARS), integer(a))));
    i.sex().ifPresent(s -> out.accept(q(img, uri(Dkg.GENDER), lit(s))));
    i.confirmation().ifPresent(c -> out.accept(q(img, uri(Dkg.CONFIRMATION), lit(c))));
    i.patient().ifPresent(p -> out.accept(q(img, uri(Dkg.PATIENT_ID), lit(p))));
    i.lesion().ifPresent(l -> out.accept(q(img, uri(Dkg.LESION_ID), lit(l))));
    i.attributes().forEach((k, v) -> out.accept(q(img, uri(Dkg.ATTRIBUTE_NS + enc(k)), lit(v))));
    i.concepts().forEach(c -> concept(img, c, out));
  }

  /** A concept the dataset names, resolved to the concept branch, else kept as text. */
  private void concept(Node img, String name, Consumer<Quad> out) {
    Resolution r = snapshot.resolver().resolve(name, Optional.of(Branch.CONCEPT));
    if (r.isUnique()) {
      out.accept(q(img, uri(Dkg.CONCEPT), uri(r.candidates().get(0).term().iri())));
    } else {
      out.accept(q(img, uri(Dkg.CONCEPT_TEXT), lit(name)));
    }
  }

  /** A body site resolved to the body-site branch, else kept as text. */
  private void site(Node img, String text, Consumer<Quad> out) {
    Resolution r =
        snapshot
            .resolver()
            .resolve(
                text.replace('_', ' ').toLowerCase(Locale.ROOT), Optional.of(Branch.BODY_SITE));
    if (r.isUnique()) {
      out.accept(q(img, uri(Dkg.BODY_SITE), uri(r.candidates().get(0).term().iri())));
    } else {
      out.accept(q(img, uri(Dkg.BODY_SITE_TEXT), lit(text)));
    }
  }

  private static Quad q(Node s, Node p, Node o) {
    return Quad.create(Quad.defaultGraphIRI, s, p, o);
  }
}
