package org.dermkg.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.jena.sparql.core.DatasetGraph;
import org.dermkg.graph.GraphException;
import org.dermkg.graph.store.StoreBackup;

/**
 * {@code POST /admin/backup}: a backup of the served store while it serves, the same file and
 * manifest as {@code derm backup} (which needs the store to itself), written in one read
 * transaction so queries and updates go on. Guarded like writes: 403 when no credentials are
 * configured, 401 without them. The file goes to {@code
 * <store>/../backups/store-<date-time>.nq.gz}; the client cannot choose the path. One backup at a
 * time (409 while one runs).
 */
final class BackupServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private final transient DatasetGraph dataset;
  private final transient Path storeDir;
  private final transient Credentials writers;
  private final AtomicBoolean running = new AtomicBoolean();

  BackupServlet(DatasetGraph dataset, Path storeDir, Credentials writers) {
    this.dataset = dataset;
    this.storeDir = storeDir;
    this.writers = writers;
  }

  /** Where the served store's backups go: {@code backups/} beside the store directory. */
  static Path backupsDir(Path storeDir) {
    return storeDir.toAbsolutePath().getParent().resolve("backups");
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
    if (!writers.writesEnabled()) {
      HttpErrors.send(
          res,
          HttpServletResponse.SC_FORBIDDEN,
          HttpErrors.WRITE_DISABLED,
          "backups over HTTP are disabled: configure update.token or update.user/update.password");
      return;
    }
    if (!writers.accepts(req.getHeader("Authorization"))) {
      res.setHeader("WWW-Authenticate", writers.challenge());
      HttpErrors.send(
          res,
          HttpServletResponse.SC_UNAUTHORIZED,
          HttpErrors.UNAUTHORIZED,
          "a backup needs the write credentials");
      return;
    }
    if (!running.compareAndSet(false, true)) {
      HttpErrors.send(
          res, HttpServletResponse.SC_CONFLICT, HttpErrors.BUSY, "a backup is already running");
      return;
    }
    try {
      Path file =
          backupsDir(storeDir).resolve("store-" + LocalDateTime.now().format(STAMP) + ".nq.gz");
      for (int i = 2; Files.exists(file); i++) {
        file =
            file.resolveSibling("store-" + LocalDateTime.now().format(STAMP) + "-" + i + ".nq.gz");
      }
      StoreBackup.Result r = StoreBackup.backup(dataset, generation(), file, n -> {});
      ObjectNode o =
          TermJson.MAPPER
              .createObjectNode()
              .put("file", r.file().toString())
              .put("manifest", StoreBackup.manifestOf(r.file()).toString())
              .put("quads", r.quads())
              .put("bytes", r.bytes())
              .put("sha256", r.sha256())
              .put("seconds", r.seconds());
      ObjectNode graphs = o.putObject("graphs");
      r.graphs().forEach(graphs::put);
      res.setStatus(HttpServletResponse.SC_OK);
      res.setContentType("application/json");
      res.getOutputStream()
          .write(TermJson.MAPPER.writeValueAsString(o).getBytes(StandardCharsets.UTF_8));
    } catch (GraphException e) {
      HttpErrors.send(res, 500, e.code().id(), e.getMessage());
    } finally {
      running.set(false);
    }
  }

  private String generation() {
    try {
      return Files.readString(storeDir.resolve("current"), StandardCharsets.US_ASCII).strip();
    } catch (IOException e) {
      return "unknown";
    }
  }
}
