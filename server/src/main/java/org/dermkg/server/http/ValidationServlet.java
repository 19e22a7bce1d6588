package org.dermkg.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.Supplier;
import org.dermkg.ontology.DermOntology;
import org.dermkg.ontology.OntologyException;
import org.dermkg.ontology.OntologySource;
import org.dermkg.ontology.report.JsonReport;
import org.dermkg.ontology.validate.ValidationReport;

/**
 * {@code GET /api/validation}: the validation build of the ontology this server ships (the same
 * checks as {@code derm validate}, reasoners included) as the JSON report. It runs once, on the
 * first request (a few seconds), and the report is kept; a failure to run is a 500 that is retried
 * on the next request.
 */
final class ValidationServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  private final transient Supplier<ValidationReport> run;
  private transient byte[] cached;

  ValidationServlet() {
    this(() -> DermOntology.validate(OntologySource.shipped(), DermOntology.Options.defaults()));
  }

  ValidationServlet(Supplier<ValidationReport> run) {
    this.run = run;
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
    if (req.getPathInfo() != null && !req.getPathInfo().equals("/")) {
      HttpErrors.send(res, HttpCode.NOT_FOUND, "no API route " + req.getRequestURI());
      return;
    }
    byte[] body;
    try {
      body = report();
    } catch (OntologyException e) {
      HttpErrors.send(res, e.code(), "the validation build could not run: " + e.getMessage());
      return;
    } catch (RuntimeException e) {
      HttpErrors.fail(res, e, "the validation build");
      return;
    }
    res.setStatus(200);
    res.setContentType("application/json");
    res.setCharacterEncoding("UTF-8");
    res.setHeader("Cache-Control", "no-cache");
    res.getOutputStream().write(body);
  }

  private synchronized byte[] report() {
    if (cached == null) {
      long t0 = System.nanoTime();
      ValidationReport r = run.get();
      ObjectNode tree = JsonReport.tree(r);
      tree.put("generatedAt", Instant.now().toString());
      tree.put("millis", (System.nanoTime() - t0) / 1_000_000);
      cached = (tree.toPrettyString() + "\n").getBytes(StandardCharsets.UTF_8);
    }
    return cached;
  }
}
