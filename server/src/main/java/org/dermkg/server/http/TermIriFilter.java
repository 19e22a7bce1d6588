package org.dermkg.server.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.jena.atlas.web.AcceptList;
import org.apache.jena.atlas.web.MediaType;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFLanguages;
import org.apache.jena.sparql.core.DatasetGraph;
import org.dermkg.graph.store.DermStore;
import org.dermkg.ontology.vocab.Derm;
import org.dermkg.sparql.terms.TermDescription;

/**
 * Term IRIs that dereference: {@code GET /DERM_0001242} with content negotiation. A browser ({@code
 * text/html}) is sent (303) to the term's page in the browser UI; Turtle, N-Triples, JSON-LD and
 * RDF/XML clients get the term's description (its triples, the restrictions built on blank nodes,
 * and the labels of what it references); Turtle when the client takes anything. The path under
 * https://w3id.org/dermkg/ is the same, so a w3id redirect to a running server makes the published
 * IRIs resolve; an id the store does not have is a 404. A filter (Fuseki keeps the root servlet
 * mapping for itself): every other path goes on to its servlet.
 */
final class TermIriFilter extends HttpFilter {
  private static final long serialVersionUID = 1L;
  private static final Pattern TERM = Pattern.compile("/DERM_\\d{7}");
  private static final AcceptList OFFER =
      AcceptList.create(
          "text/turtle",
          "application/n-triples",
          "application/ld+json",
          "application/rdf+xml",
          "text/html");

  private final transient DatasetGraph dataset;

  TermIriFilter(DatasetGraph dataset) {
    this.dataset = dataset;
  }

  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    String path = req.getRequestURI().substring(req.getContextPath().length());
    if (!TERM.matcher(path).matches()) {
      chain.doFilter(req, res);
      return;
    }
    answer(req, res, path);
  }

  private void answer(HttpServletRequest req, HttpServletResponse res, String path)
      throws IOException {
    if (!req.getMethod().equals("GET") && !req.getMethod().equals("HEAD")) {
      HttpErrors.send(res, HttpCode.METHOD, "a term IRI is read with GET");
      return;
    }
    String accept = Optional.ofNullable(req.getHeader("Accept")).orElse("*/*");
    MediaType type = AcceptList.match(AcceptList.create(accept.split("\\s*,\\s*")), OFFER);
    if (type == null) {
      HttpErrors.send(res, HttpCode.NOT_ACCEPTABLE, "a term IRI answers " + OFFER);
      return;
    }
    String id = "DERM:" + path.substring("/DERM_".length());
    res.setHeader("Vary", "Accept");
    if (type.getContentTypeStr().equals("text/html")) {
      res.setHeader("Location", req.getContextPath() + "/ui/#/term/" + id);
      res.setStatus(HttpServletResponse.SC_SEE_OTHER);
      return;
    }
    Optional<Graph> g =
        TermDescription.describe(
            dataset, DermStore.ONTOLOGY_GRAPH, Derm.TERM_PREFIX + path.substring(6));
    if (g.isEmpty()) {
      HttpErrors.send(res, HttpCode.NOT_FOUND, "no term " + id + " in this store's ontology");
      return;
    }
    Lang lang = RDFLanguages.contentTypeToLang(type.getContentTypeStr());
    res.setContentType(lang.getHeaderString() + "; charset=utf-8");
    RDFDataMgr.write(res.getOutputStream(), g.get(), lang);
  }
}
