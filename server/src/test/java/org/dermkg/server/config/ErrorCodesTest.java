package org.dermkg.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.dermkg.embeddings.EmbeddingsException;
import org.dermkg.errors.ErrorCode;
import org.dermkg.graph.GraphException;
import org.dermkg.ontology.OntologyException;
import org.dermkg.server.http.HttpCode;
import org.dermkg.sparql.SparqlException;
import org.dermkg.zeroshot.ZeroShotException;
import org.junit.jupiter.api.Test;

/** Every code of every module: a unique id, an HTTP error status and a usable exit code. */
class ErrorCodesTest {
  /** Every error code the project raises, module by module. */
  static List<ErrorCode> all() {
    return Stream.<ErrorCode[]>of(
            OntologyException.Code.values(),
            GraphException.Code.values(),
            SparqlException.Code.values(),
            EmbeddingsException.Code.values(),
            ZeroShotException.Code.values(),
            HttpCode.values())
        .flatMap(Stream::of)
        .toList();
  }

  @Test
  void idsAreUniqueAndStatusesAndExitCodesInRange() {
    Set<String> ids = new HashSet<>();
    List<String> bad = new ArrayList<>();
    for (ErrorCode c : all()) {
      if (!ids.add(c.id())) {
        bad.add(c.id() + " (repeated)");
      }
      if (c.httpStatus() < 400 || c.httpStatus() > 599) {
        bad.add(c.id() + " (HTTP " + c.httpStatus() + ")");
      }
      if (c.exitCode() < 1 || c.exitCode() > 125) {
        bad.add(c.id() + " (exit " + c.exitCode() + ")");
      }
      if (!c.id().matches("[A-Z]+(-[A-Z]+)+")) {
        bad.add(c.id() + " (not PREFIX-WORDS)");
      }
    }
    assertTrue(bad.isEmpty(), "bad error codes: " + bad);
  }

  @Test
  void aMissingModelIsUnavailableAndACorruptOneAServerFault() {
    assertEquals(503, EmbeddingsException.Code.MODEL_MISSING.httpStatus());
    assertEquals(500, EmbeddingsException.Code.MODEL_CORRUPT.httpStatus());
  }
}
