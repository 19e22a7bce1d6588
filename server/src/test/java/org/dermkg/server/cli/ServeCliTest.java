package org.dermkg.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** derm serve: start and stop on an empty store, and its configuration errors. */
class ServeCliTest {
  @TempDir Path tmp;

  @Test
  void servesAnEmptyStoreWithTheOntologyInstalled() {
    CliTest.Run r =
        CliTest.derm(
            "serve",
            "--store",
            tmp.resolve("store").toString(),
            "--no-load",
            "--port",
            "0",
            "--exit-after-start");
    assertEquals(0, r.exit(), r.out() + r.err());
    assertTrue(r.out().contains("installed the ontology"), r.out());
    assertTrue(r.out().contains("/derm/sparql"), r.out());
    assertTrue(r.out().contains("(disabled: no credentials configured)"), r.out());
    assertTrue(r.out().contains("/ui/"), r.out());
    assertTrue(r.out().contains("outbound SERVICE/LOAD: none"), r.out());
  }

  @Test
  void aBusyPortIsAClearError() throws Exception {
    try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CliTest.Run r =
          CliTest.derm(
              "serve",
              "--store",
              tmp.resolve("store").toString(),
              "--no-load",
              "--port",
              Integer.toString(busy.getLocalPort()),
              "--exit-after-start");
      assertEquals(2, r.exit(), r.out() + r.err());
      assertTrue(r.err().contains("cannot listen on port " + busy.getLocalPort()), r.err());
    }
  }

  @Test
  void badConfigurationExitsTwoNamingTheKey() {
    System.setProperty("derm.query.timeout.ms", "soon");
    try {
      CliTest.Run r =
          CliTest.derm("serve", "--store", tmp.resolve("s").toString(), "--exit-after-start");
      assertEquals(2, r.exit(), r.out() + r.err());
      assertTrue(r.err().contains("query.timeout.ms"), r.err());
    } finally {
      System.clearProperty("derm.query.timeout.ms");
    }
  }

  @Test
  void aFileUrlInTheOutboundAllowListIsAConfigurationError() {
    System.setProperty("derm.sparql.service.allow", "https://query.wikidata.org/, file:///data/");
    try {
      CliTest.Run r =
          CliTest.derm("serve", "--store", tmp.resolve("s2").toString(), "--exit-after-start");
      assertEquals(2, r.exit(), r.out() + r.err());
      assertTrue(r.err().contains("sparql.service.allow"), r.err());
      assertTrue(r.err().contains("file:///data/"), r.err());
    } finally {
      System.clearProperty("derm.sparql.service.allow");
    }
  }

  @Test
  void servesMoreModelsEachWithItsOwnVectors() throws Exception {
    Path store = CliTest.demoStore(tmp);
    Path bert = Path.of("../embeddings/src/test/resources/fixtures/tiny-bert-clip");
    Path emb = tmp.resolve("emb");
    CliTest.Run embed =
        CliTest.derm(
            "embed",
            "--store",
            store.toString(),
            "--data",
            tmp.resolve("demo").toString(),
            "--model",
            bert.toString(),
            "--out",
            emb.toString());
    assertEquals(0, embed.exit(), embed.out() + embed.err());
    System.setProperty("derm.embeddings", emb.toString());
    try {
      String[] args = {
        "serve", "--store", store.toString(), "--port", "0", "--exit-after-start", "--models"
      };
      CliTest.Run r = CliTest.derm(concat(args, bert.toString()));
      assertEquals(0, r.exit(), r.out() + r.err());
      assertTrue(r.out().contains("loading image embeddings of tiny-bert-clip"), r.out());
      CliTest.Run twice = CliTest.derm(concat(args, bert + "," + bert));
      assertEquals(2, twice.exit(), twice.out() + twice.err());
      assertTrue(twice.err().contains("two models named 'tiny-bert-clip'"), twice.err());
    } finally {
      System.clearProperty("derm.embeddings");
    }
  }

  private static String[] concat(String[] a, String last) {
    String[] out = java.util.Arrays.copyOf(a, a.length + 1);
    out[a.length] = last;
    return out;
  }
}
