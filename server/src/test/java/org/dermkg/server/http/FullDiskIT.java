package org.dermkg.server.http;

import static org.dermkg.server.http.ServedStore.enc;
import static org.dermkg.server.http.ServedStore.get;
import static org.dermkg.server.http.ServedStore.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.dermkg.graph.FixtureDataset;
import org.dermkg.graph.load.Derm1mLoader;
import org.dermkg.graph.load.LoadListener;
import org.dermkg.graph.load.LoadRequest;
import org.dermkg.graph.store.DermStore;
import org.dermkg.graph.store.DiskGuard;
import org.dermkg.graph.store.Tmpfs;
import org.dermkg.ontology.OntologySnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPARQL update and Graph Store writes against a store on a real full disk (a 40 MiB tmpfs; skipped
 * where mounting is not permitted): an update that fills the disk answers 507 with
 * HTTP-STORAGE-FULL naming the disk and its free space (Fuseki alone answers 400 "parse error"
 * here), later writes are refused up front, reads go on, and the store reopens with exactly what it
 * held.
 */
class FullDiskIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "disk-token";
  private static final String COUNT = "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }";
  @TempDir Path tmp;

  @Test
  void anUpdateThatFillsTheDiskAnswers507AndStoresNothing() throws Exception {
    OntologySnapshot snapshot = OntologySnapshot.shipped();
    Path demo = FixtureDataset.copyTo(tmp.resolve("demo"));
    try (Tmpfs disk = Tmpfs.mount(tmp.resolve("disk"), 40)) {
      Path dir = disk.dir().resolve("store");
      long quads;
      try (DermStore store = DermStore.open(dir)) {
        Derm1mLoader.load(
            store,
            snapshot,
            LoadRequest.of(demo, tmp.resolve("r")).withValidation(false).withImageProbing(false),
            LoadListener.NONE);
        quads = store.quadCount();
        try (DermServer s = serve(store)) {
          assertEquals(quads, count(s));
          // a cross product of the ontology's classes: far more than the disk holds
          HttpResponse<String> big =
              update(
                  s,
                  "INSERT { GRAPH <urn:big> { ?a <urn:x> ?b } } WHERE { ?a a"
                      + " <http://www.w3.org/2002/07/owl#Class> . ?b a"
                      + " <http://www.w3.org/2002/07/owl#Class> FILTER(isIRI(?a) && isIRI(?b)) }");
          assertFull(big, dir, "rolled back");
          assertEquals(quads, count(s), "reads go on and see nothing of the failed update");
          assertFull(
              update(s, "INSERT DATA { GRAPH <urn:small> { <urn:a> <urn:b> 1 } }"),
              dir,
              "nothing was written");
          HttpResponse<String> put =
              ServedStore.HTTP.send(
                  HttpRequest.newBuilder(URI.create(s.url() + "/derm/data?graph=" + enc("urn:gsp")))
                      .header("Authorization", "Bearer " + TOKEN)
                      .header("Content-Type", "text/turtle")
                      .PUT(HttpRequest.BodyPublishers.ofString("<urn:a> <urn:b> 2 ."))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
          assertFull(put, dir, "nothing was written");
          assertEquals(quads, count(s));
        }
      }
      disk.remount("size=1g");
      try (DermStore store = DermStore.open(dir)) {
        assertEquals(quads, store.quadCount(), "the store reopens with exactly what it held");
        try (DermServer s = serve(store)) {
          HttpResponse<String> r =
              update(s, "INSERT DATA { GRAPH <urn:small> { <urn:a> <urn:b> 1 } }");
          assertEquals(2, r.statusCode() / 100, r.body());
          assertEquals(quads + 1, count(s), "with room, writes work again");
        }
      }
    }
  }

  private static DermServer serve(DermStore store) {
    return DermServer.start(
        store.dataset(),
        ServeSettings.defaults()
            .withWriters(Credentials.of(TOKEN, null, null))
            .withStore(store.dir(), DiskGuard.DEFAULT_MIN_FREE),
        Map.of());
  }

  private static HttpResponse<String> update(DermServer s, String update) throws Exception {
    return post(
        s.url() + "/derm/update",
        "application/sparql-update",
        update,
        "Authorization",
        "Bearer " + TOKEN);
  }

  private static long count(DermServer s) throws Exception {
    HttpResponse<String> r = get(s.url() + "/derm/sparql?query=" + enc(COUNT), "text/csv");
    assertEquals(200, r.statusCode(), r.body());
    return Long.parseLong(r.body().strip().split("\\R")[1].strip());
  }

  private static void assertFull(HttpResponse<String> r, Path dir, String what) throws Exception {
    assertEquals(507, r.statusCode(), r.body());
    JsonNode body = JSON.readTree(r.body());
    assertEquals("HTTP-STORAGE-FULL", body.path("code").asText(), r.body());
    String m = body.path("message").asText();
    assertTrue(m.contains("the disk holding " + dir + " is full"), m);
    assertTrue(m.contains(what), m);
  }
}
