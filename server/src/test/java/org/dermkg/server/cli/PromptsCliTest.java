package org.dermkg.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** derm prompts on the shipped ontology: output, determinism and bad input. */
class PromptsCliTest {
  @TempDir Path tmp;

  @Test
  void writesTheSetAndTheSameInputsGiveTheSameBytes() throws Exception {
    Path a = tmp.resolve("a.json");
    Path b = tmp.resolve("b.json");
    String[] args = {"prompts", "--set", "Daffodil", "--strategies", "all", "--out"};
    CliTest.Run r = CliTest.derm(concat(args, a.toString()));
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.err().contains("5 classes"), r.err());
    assertEquals(0, CliTest.derm(concat(args, b.toString())).exit());
    assertEquals(Files.readString(a), Files.readString(b));
    JsonNode set = new ObjectMapper().readTree(a.toFile());
    assertEquals("vitiligo", set.at("/classnames/0").asText());
    assertTrue(set.at("/prompts/vitiligo").size() > 8, "every strategy adds prompts");
    assertEquals(
        "name,synonyms,ancestors,descendants,findings,concepts",
        String.join(
            ",",
            new ObjectMapper().convertValue(set.at("/provenance/strategies"), String[].class)));
  }

  @Test
  void csvAndSparqlFromAFile() throws Exception {
    Path q = tmp.resolve("q.rq");
    Files.writeString(
        q, "SELECT ?class WHERE { ?class rdfs:subClassOf DERM:0001001 } ORDER BY ?class");
    CliTest.Run r =
        CliTest.derm("prompts", "--sparql", "@" + q, "--format", "csv", "--templates", "bare");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith("class_index,class_name,class_ids,strategy,"), r.out());
    assertTrue(r.out().contains(",Alopecia areata,"), r.out());
  }

  @Test
  void badInputExitsTwoNamingIt() {
    CliTest.Run set = CliTest.derm("prompts", "--set", "HAM9");
    assertEquals(2, set.exit());
    assertTrue(set.err().contains("unknown label set 'HAM9'"), set.err());
    CliTest.Run template = CliTest.derm("prompts", "--set", "HAM10000", "--template", "a photo");
    assertEquals(2, template.exit());
    assertTrue(template.err().contains("has no {} slot"), template.err());
    CliTest.Run none = CliTest.derm("prompts", "--strategies", "name");
    assertEquals(2, none.exit());
    assertTrue(none.err().contains("no classes chosen"), none.err());
    CliTest.Run id = CliTest.derm("prompts", "--class", "DERM:0009999");
    assertEquals(2, id.exit());
    assertTrue(id.err().contains("SPARQL-UNKNOWN-TERM"), id.err());
    CliTest.Run ask = CliTest.derm("prompts", "--sparql", "ASK {}");
    assertEquals(2, ask.exit());
    assertTrue(ask.err().contains("ASK"), ask.err());
    assertFalse(Files.exists(tmp.resolve("never.json")));
  }

  private static String[] concat(String[] a, String... more) {
    String[] out = java.util.Arrays.copyOf(a, a.length + more.length);
    System.arraycopy(more, 0, out, a.length, more.length);
    return out;
  }

  @Test
  void aModelsTokenizerNamesThePromptsItWouldCut() throws Exception {
    // the tiny test model with a 10-token context: the longer Daffodil prompts no longer fit
    Path model = Files.createDirectories(tmp.resolve("short-model"));
    Path tiny = Path.of("../embeddings/src/test/resources/fixtures/tiny-clip");
    try (var files = Files.list(tiny)) {
      for (Path f : files.toList()) {
        Files.copy(f, model.resolve(f.getFileName()));
      }
    }
    Path config = model.resolve("config.json");
    Files.writeString(
        config,
        Files.readString(config).replace("\"context_length\": 77", "\"context_length\": 10"));
    Path plain = tmp.resolve("plain.json");
    Path checked = tmp.resolve("checked.json");
    String[] args = {"prompts", "--set", "Daffodil", "--strategies", "all", "--out"};
    assertEquals(0, CliTest.derm(concat(args, plain.toString())).exit());
    CliTest.Run r = CliTest.derm(concat(args, checked.toString(), "--model", model.toString()));
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.err().contains("10-token context and would be cut (clip-bpe tokenizer)"), r.err());
    JsonNode a = new ObjectMapper().readTree(plain.toFile());
    JsonNode b = new ObjectMapper().readTree(checked.toFile());
    assertEquals(a.get("prompts"), b.get("prompts"), "the prompts themselves are the same");
    assertTrue(b.get("notes").size() > a.get("notes").size());
    assertTrue(
        b.get("notes").toString().contains("cut at 10 tokens (needs "), b.get("notes").toString());
    assertTrue(
        !a.at("/provenance/content_hash").equals(b.at("/provenance/content_hash")),
        "the hash covers the notes");
    // the real context: nothing is cut
    CliTest.Run fits =
        CliTest.derm(concat(args, tmp.resolve("fits.json").toString(), "--model", tiny.toString()));
    assertTrue(!fits.err().contains("would be cut"), fits.err());
  }

  @Test
  void classesCanBeChosenByTheirMondoOrDoidIds() throws Exception {
    CliTest.Run r =
        CliTest.derm("prompts", "--classes", "MONDO:0005012,DOID:8893", "--templates", "bare");
    assertEquals(0, r.exit(), r.err());
    JsonNode set = new ObjectMapper().readTree(r.out());
    assertEquals("Malignant melanoma", set.at("/classnames/0").asText(), r.out());
    assertEquals("Psoriasis", set.at("/classnames/1").asText(), r.out());
  }
}
