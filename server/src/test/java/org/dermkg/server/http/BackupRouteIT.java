package org.dermkg.server.http;

import static org.dermkg.server.http.ServedStore.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dermkg.graph.store.DermStore;
import org.dermkg.graph.store.DiskGuard;
import org.dermkg.graph.store.StoreBackup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * POST /admin/backup on a real server over a real store: a backup while serving, guarded like
 * writes, that restores into another store with every quad.
 */
class BackupRouteIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static ServedStore store;
  private static DermServer guarded;
  private static DermServer readOnly;
  @TempDir Path tmp;

  @BeforeAll
  static void start() throws Exception {
    store = ServedStore.create();
    Path dir = store.store.dir();
    guarded =
        store.serve(
            ServeSettings.defaults()
                .withWriters(Credentials.of("backup-token", null, null))
                .withStore(dir, DiskGuard.DEFAULT_MIN_FREE));
    readOnly = store.serve(ServeSettings.defaults().withStore(dir, DiskGuard.DEFAULT_MIN_FREE));
  }

  @AfterAll
  static void stop() throws Exception {
    guarded.close();
    readOnly.close();
    store.close();
  }

  private static HttpResponse<String> backup(DermServer s, String... headers) throws Exception {
    return post(s.url() + "/admin/backup", "application/json", "", headers);
  }

  @Test
  void aBackupWhileServingRestoresEveryQuad() throws Exception {
    HttpResponse<String> r = backup(guarded, "Authorization", "Bearer backup-token");
    assertEquals(200, r.statusCode(), r.body());
    JsonNode body = JSON.readTree(r.body());
    Path file = Path.of(body.path("file").asText());
    assertEquals(store.store.dir().getParent().resolve("backups"), file.getParent());
    assertTrue(Files.isRegularFile(file), file.toString());
    assertTrue(Files.isRegularFile(StoreBackup.manifestOf(file)));
    long quads = store.store.quadCount();
    assertEquals(quads, body.path("quads").asLong());
    assertEquals(64, body.path("sha256").asText().length());

    HttpResponse<String> again = backup(guarded, "Authorization", "Bearer backup-token");
    assertEquals(200, again.statusCode(), again.body());
    assertNotEquals(file.toString(), JSON.readTree(again.body()).path("file").asText());

    try (DermStore other = DermStore.open(tmp.resolve("restored"))) {
      StoreBackup.Result restored = StoreBackup.restore(other, file, n -> {});
      assertEquals(quads, restored.quads());
      assertEquals(quads, other.quadCount());
      assertEquals(store.store.imageCount(), other.imageCount());
    }
  }

  @Test
  void backupsAreGuardedLikeWrites() throws Exception {
    HttpResponse<String> disabled = backup(readOnly, "Authorization", "Bearer backup-token");
    assertEquals(403, disabled.statusCode(), disabled.body());
    assertTrue(disabled.body().contains("HTTP-WRITE-DISABLED"), disabled.body());
    HttpResponse<String> none = backup(guarded);
    assertEquals(401, none.statusCode());
    assertTrue(none.headers().firstValue("WWW-Authenticate").isPresent());
    assertEquals(401, backup(guarded, "Authorization", "Bearer wrong").statusCode());
    assertEquals(
        405, ServedStore.get(guarded.url() + "/admin/backup", null).statusCode(), "POST only");
  }
}
