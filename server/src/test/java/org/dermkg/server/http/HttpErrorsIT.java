package org.dermkg.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.dermkg.ontology.OntologyException;
import org.junit.jupiter.api.Test;

/**
 * Failures through a real server: an unexpected exception answers only an incident id (the detail
 * goes to the log), a module error answers its code with the code's own status.
 */
class HttpErrorsIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static HttpResponse<String> serve(ValidationServlet servlet) throws Exception {
    FusekiServer server =
        FusekiServer.create()
            .port(0)
            .loopback(true)
            .add("/ds", DatasetGraphFactory.createTxnMem())
            .addServlet("/api/validation", servlet)
            .build()
            .start();
    try {
      return ServedStore.get("http://127.0.0.1:" + server.getHttpPort() + "/api/validation", null);
    } finally {
      server.stop();
    }
  }

  @Test
  void anUnexpectedFailureAnswersAnIncidentIdAndNoDetail() throws Exception {
    HttpResponse<String> r =
        serve(
            new ValidationServlet(
                () -> {
                  throw new IllegalStateException("secret /var/lib/derm/store detail");
                }));
    assertEquals(500, r.statusCode(), r.body());
    JsonNode body = JSON.readTree(r.body());
    assertEquals("HTTP-INTERNAL", body.get("code").asText());
    assertTrue(
        body.get("message").asText().matches("internal error \\(incident [0-9a-f]{8}\\)"),
        r.body());
    assertFalse(r.body().contains("secret"), r.body());
    assertFalse(r.body().contains("IllegalStateException"), r.body());
    assertFalse(r.body().contains("\tat "), r.body());
  }

  @Test
  void aModuleErrorAnswersItsCodeWithItsOwnStatus() throws Exception {
    HttpResponse<String> r =
        serve(
            new ValidationServlet(
                () -> {
                  throw new OntologyException(
                      OntologyException.Code.BAD_ARGUMENT, "unknown severity 'loud'");
                }));
    assertEquals(400, r.statusCode(), r.body());
    JsonNode body = JSON.readTree(r.body());
    assertEquals("ONT-BAD-ARGUMENT", body.get("code").asText());
    assertEquals(
        "the validation build could not run: unknown severity 'loud'",
        body.get("message").asText());
  }
}
