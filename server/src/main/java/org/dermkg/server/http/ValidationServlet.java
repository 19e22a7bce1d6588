package org.dermkg.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.dermkg.ontology.DermOntology;
import org.dermkg.ontology.OntologyException;
import org.dermkg.ontology.OntologySource;
import org.dermkg.ontology.report.JsonReport;
import org.dermkg.ontology.validate.ValidationReport;

/**
 * {@code GET /api/validation}: the validation build of the ontology this server ships (the same
 * checks as {@code derm validate}, reasoners included) as the JSON report. It runs once, on the
 * first request (a few seconds), and the report is kept; a failure to run is answered with its
 * code's status (500 for a broken source) and retried on the next request.
 */
final class ValidationServlet extends RouteServlet {
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
  String wrongMethod() {
    return "the validation report is read with GET";
  }

  @Override
  List<Route> routes() {
    return List.of(Route.get("/api/validation", c -> validation()));
  }

  private Reply validation() {
    byte[] body;
    try {
      body = report();
    } catch (OntologyException e) {
      throw new OntologyException(
          e.code(), "the validation build could not run: " + e.getMessage(), e);
    }
    return Reply.bytes("application/json", body).header("Cache-Control", "no-cache");
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
