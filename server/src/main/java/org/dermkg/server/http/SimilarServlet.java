package org.dermkg.server.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.jena.sparql.core.DatasetGraph;
import org.dermkg.embeddings.EmbeddingsException;
import org.dermkg.graph.load.ImageIri;
import org.dermkg.sparql.pfunction.SimilarTo;
import org.dermkg.sparql.pfunction.SimilaritySource;
import org.dermkg.sparql.terms.TermService;

/**
 * {@code GET /api/similar?image=IRI|FILE&text=TEXT&k=10&under=ID}: the images nearest to a stored
 * image or to a text, optionally only those diagnosed under a class. 404 when the store has no
 * embeddings or the image has no vector, 503 for a text when the server has no model, 400 for bad
 * parameters.
 */
final class SimilarServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  private final transient DatasetGraph dataset;
  private final transient TermService terms;
  private transient RequestTimer timer;

  SimilarServlet(DatasetGraph dataset, TermService terms) {
    this.dataset = dataset;
    this.terms = terms;
  }

  @Override
  public void init() {
    timer = RequestTimer.of(getServletContext());
  }

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
    long t0 = System.nanoTime();
    try {
      if (!req.getMethod().equals("GET") && !req.getMethod().equals("HEAD")) {
        res.setHeader("Allow", "GET, HEAD");
        HttpErrors.send(res, HttpCode.METHOD, "use GET");
        return;
      }
      SimilaritySource source = dataset.getContext().get(SimilaritySource.SYMBOL);
      if (source == null) {
        HttpErrors.send(
            res, HttpCode.NOT_FOUND, "this store has no image embeddings (run derm embed)");
        return;
      }
      String image = req.getParameter("image");
      String text = req.getParameter("text");
      if ((image == null) == (text == null)) {
        HttpErrors.send(
            res,
            HttpCode.BAD_REQUEST,
            "give exactly one of image (an image IRI or file name) and text");
        return;
      }
      int k = k(req.getParameter("k"));
      if (k < 0) {
        HttpErrors.send(
            res, HttpCode.BAD_REQUEST, "k must be a whole number from 1 to " + SimilarTo.MAX_K);
        return;
      }
      Optional<String> under =
          Optional.ofNullable(req.getParameter("under"))
              .filter(s -> !s.isBlank())
              .map(terms::resolve);
      float[] q;
      if (image != null) {
        String iri = image.startsWith("http") ? image : ImageIri.of(image);
        Optional<float[]> v = source.imageVector(iri);
        if (v.isEmpty()) {
          HttpErrors.send(res, HttpCode.NOT_FOUND, "no embedding for image " + iri);
          return;
        }
        q = v.get();
      } else {
        if (text.length() > 10_000) {
          HttpErrors.send(res, HttpCode.BAD_REQUEST, "text longer than 10,000 characters");
          return;
        }
        try {
          q = source.textVector(text);
        } catch (UnsupportedOperationException e) {
          // the server has no model for text: unavailable, not a missing resource
          throw new EmbeddingsException(EmbeddingsException.Code.MODEL_MISSING, e.getMessage());
        }
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
      res.setStatus(200);
      res.setContentType("application/json");
      res.setCharacterEncoding("UTF-8");
      res.getOutputStream()
          .write(TermJson.MAPPER.writeValueAsString(body).getBytes(StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      HttpErrors.fail(res, e, "similar request " + req.getQueryString());
    } finally {
      timer.record("/api/similar", res.getStatus(), t0);
    }
  }

  private static int k(String v) {
    if (v == null || v.isBlank()) {
      return 10;
    }
    try {
      int k = Integer.parseInt(v.strip());
      return k >= 1 && k <= SimilarTo.MAX_K ? k : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
