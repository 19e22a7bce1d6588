package org.dermkg.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.dermkg.embeddings.vectors.VectorFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * derm embed --captions and derm evaluate --retrieval on the fixture store, with the tiny model.
 */
class RetrievalCliTest {
  @TempDir Path tmp;

  @Test
  void captionsAreEmbeddedResumablyAndRetrievalIsMeasuredBothWays() throws Exception {
    Path store = CliTest.demoStore(tmp);
    String[] model = ConceptsCliTest.tinyModel(store, tmp.resolve("emb"));
    CliTest.Run noImages = CliTest.derm(ConceptsCliTest.concat(new String[] {"evaluate"}, model));
    assertEquals(2, noImages.exit(), noImages.out() + noImages.err());
    CliTest.Run noVectors =
        CliTest.derm(ConceptsCliTest.concat(new String[] {"evaluate", "--retrieval"}, model));
    assertEquals(2, noVectors.exit(), noVectors.err());
    assertTrue(noVectors.err().contains("derm embed"), noVectors.err());
    assertEquals(
        0,
        CliTest.derm(
                ConceptsCliTest.concat(
                    new String[] {"embed", "--data", tmp.resolve("demo").toString()}, model))
            .exit());
    CliTest.Run caps =
        CliTest.derm(
            ConceptsCliTest.concat(new String[] {"embed", "--captions", "--batch", "16"}, model));
    assertEquals(0, caps.exit(), caps.out() + caps.err());
    int n = VectorFile.read(tmp.resolve("emb/tiny-clip/captions")).size();
    assertTrue(
        n > VectorFile.read(tmp.resolve("emb/tiny-clip/images")).size(), "several per image");
    assertTrue(caps.out().contains(n + " embedded, 0 already there"), caps.out());
    CliTest.Run again =
        CliTest.derm(ConceptsCliTest.concat(new String[] {"embed", "--captions"}, model));
    assertTrue(again.out().contains("0 embedded, " + n + " already there"), again.out());

    Path report = tmp.resolve("report");
    CliTest.Run r =
        CliTest.derm(
            ConceptsCliTest.concat(
                new String[] {"evaluate", "--retrieval", "--report", report.toString()}, model));
    assertEquals(0, r.exit(), r.out() + r.err());
    JsonNode json = new ObjectMapper().readTree(report.resolve("retrieval.json").toFile());
    int used = json.get("captions").asInt();
    assertTrue(
        used > n / 2 && used <= n, "split all: the captions of images with vectors: " + used);
    for (String way : new String[] {"image_to_text", "text_to_image"}) {
      JsonNode w = json.get(way);
      double r1 = w.get("R@1").asDouble();
      double r10 = w.get("R@10").asDouble();
      assertTrue(
          r1 >= 0 && r1 <= w.get("R@5").asDouble() && w.get("R@5").asDouble() <= r10 && r10 <= 1,
          w.toString());
    }
    assertTrue(r.out().contains("| image → text |"), r.out());
  }
}
