package org.dermkg.server.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.apache.jena.sparql.core.DatasetGraph;
import org.dermkg.graph.load.ImageIri;
import org.dermkg.sparql.pfunction.SimilarTo;
import org.dermkg.sparql.pfunction.SimilaritySource;
import org.dermkg.sparql.terms.TermService;

/**
 * {@code GET /api/similar?image=IRI|FILE&text=TEXT&k=10&under=ID&model=SLUG}: the images nearest to
 * a stored image or to a text, optionally only those diagnosed under a class, by the vectors of the
 * model named (default: the server's default model; an unknown one is a 400 naming those there
 * are). 404 when the store has no embeddings or the image has no vector, 503 for a text when the
 * server has no model, 400 for bad parameters. With {@code target=captions} the nearest captions
 * instead (derm embed --captions), each with its text and image: image-to-text and text-to-text
 * search.
 */
final class SimilarServlet extends RouteServlet {
  private static final long serialVersionUID = 1L;

  private final transient DatasetGraph dataset;
  private final transient TermService terms;

  SimilarServlet(DatasetGraph dataset, TermService terms) {
    this.dataset = dataset;
    this.terms = terms;
  }

  @Override
  String wrongMethod() {
    return "use GET";
  }

  @Override
  List<Route> routes() {
    return List.of(Route.get("/api/similar", this::similar));
  }

  /** The similarity source of the model asked for (or the default). */
  private SimilaritySource source(Call c) {
    try {
      return SimilaritySource.of(dataset.getContext(), c.param("model"))
          .orElseThrow(
              () ->
                  new HttpException(
                      HttpCode.NOT_FOUND, "this store has no image embeddings (run derm embed)"));
    } catch (IllegalArgumentException e) {
      throw Call.bad(e.getMessage());
    }
  }

  private Reply similar(Call c) {
    SimilaritySource source = source(c);
    Optional<String> image = c.param("image");
    Optional<String> text = c.param("text");
    if (image.isPresent() == text.isPresent()) {
      throw Call.bad("give exactly one of image (an image IRI or file name) and text");
    }
    int k = c.k(10, SimilarTo.MAX_K);
    String target = c.param("target").orElse("images");
    if (!target.equals("images") && !target.equals("captions")) {
      throw Call.bad("target is images or captions, was '" + target + "'");
    }
    Optional<String> under = c.param("under").filter(s -> !s.isBlank()).map(terms::resolve);
    float[] q =
        image.isPresent() ? imageVector(source, image.get()) : textVector(source, text.get());
    if (target.equals("captions")) {
      if (under.isPresent()) {
        throw Call.bad("under filters images: it does not go with target=captions");
      }
      return Reply.json(captions(source, q, k));
    }
    List<SimilaritySource.Scored> hits = source.nearest(q, k, under);
    ObjectNode body = TermJson.MAPPER.createObjectNode();
    body.put("k", k);
    under.ifPresent(u -> body.put("under", u));
    ArrayNode results = body.putArray("results");
    for (SimilaritySource.Scored h : hits) {
      ObjectNode n = results.addObject();
      n.put("image", h.imageIri());
      n.put("file", ImageIri.filename(h.imageIri()));
      n.put("score", h.score());
    }
    return Reply.json(body);
  }

  /** The nearest captions, each with its text and image (image-to-text, text-to-text search). */
  private ObjectNode captions(SimilaritySource source, float[] q, int k) {
    if (!source.hasCaptions()) {
      throw new HttpException(
          HttpCode.NOT_FOUND, "this store has no caption embeddings (run derm embed --captions)");
    }
    List<SimilaritySource.Scored> hits = source.nearestCaptions(q, k);
    ObjectNode body = TermJson.MAPPER.createObjectNode().put("k", k).put("target", "captions");
    ArrayNode results = body.putArray("results");
    org.apache.jena.graph.Node text =
        org.apache.jena.graph.NodeFactory.createURI(org.dermkg.ontology.vocab.Dkg.TEXT);
    org.apache.jena.graph.Node of =
        org.apache.jena.graph.NodeFactory.createURI(org.dermkg.ontology.vocab.Dkg.CAPTION_PROP);
    org.apache.jena.system.Txn.executeRead(
        dataset,
        () -> {
          for (SimilaritySource.Scored h : hits) {
            org.apache.jena.graph.Node cap =
                org.apache.jena.graph.NodeFactory.createURI(h.imageIri());
            ObjectNode n = results.addObject().put("caption", h.imageIri()).put("score", h.score());
            dataset
                .find(org.apache.jena.graph.Node.ANY, cap, text, org.apache.jena.graph.Node.ANY)
                .forEachRemaining(x -> n.put("text", x.getObject().getLiteralLexicalForm()));
            dataset
                .find(org.apache.jena.graph.Node.ANY, org.apache.jena.graph.Node.ANY, of, cap)
                .forEachRemaining(
                    x -> {
                      n.put("image", x.getSubject().getURI());
                      n.put("file", ImageIri.filename(x.getSubject().getURI()));
                    });
          }
        });
    return body;
  }

  private static float[] imageVector(SimilaritySource source, String image) {
    String iri = image.startsWith("http") ? image : ImageIri.of(image);
    return source
        .imageVector(iri)
        .orElseThrow(() -> new HttpException(HttpCode.NOT_FOUND, "no embedding for image " + iri));
  }

  private static float[] textVector(SimilaritySource source, String text) {
    if (text.length() > 10_000) {
      throw Call.bad("text longer than 10,000 characters");
    }
    return source.textVector(text); // no model: EMB-MODEL-MISSING, 503
  }
}
