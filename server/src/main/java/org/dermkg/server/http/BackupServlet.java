package org.dermkg.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.jena.sparql.core.DatasetGraph;
import org.dermkg.graph.store.DermStore;
import org.dermkg.graph.store.StoreBackup;

/**
 * {@code POST /admin/backup}: a backup of the served store while it serves, the same file and
 * manifest as {@code derm backup} (which needs the store to itself), written in one read
 * transaction so queries and updates go on. Guarded like writes: 403 when no credentials are
 * configured, 401 without them. The file goes to {@code
 * <store>/../backups/store-<date-time>.nq.gz}; the client cannot choose the path. One backup at a
 * time (409 while one runs).
 */
final class BackupServlet extends RouteServlet {
  private static final long serialVersionUID = 1L;

  private final transient DatasetGraph dataset;
  private final transient Path storeDir;
  private final transient WriteAuth auth;
  private final AtomicBoolean running = new AtomicBoolean();

  BackupServlet(DatasetGraph dataset, Path storeDir, WriteAuth auth) {
    this.dataset = dataset;
    this.storeDir = storeDir;
    this.auth = auth;
  }

  @Override
  String wrongMethod() {
    return "a backup is asked for with POST";
  }

  @Override
  List<Route> routes() {
    return List.of(Route.post("/admin/backup", this::backup));
  }

  private Reply backup(Call c) throws java.io.IOException {
    if (!auth.authorized(c.request(), c.response(), "backups over HTTP")) {
      return Reply.SENT;
    }
    if (!running.compareAndSet(false, true)) {
      throw new HttpException(HttpCode.BUSY, "a backup is already running");
    }
    try {
      Path file = StoreBackup.defaultFile(storeDir);
      StoreBackup.Result r =
          StoreBackup.backup(
              dataset, DermStore.currentGeneration(storeDir).orElse("unknown"), file, n -> {});
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
      return Reply.json(o);
    } finally {
      running.set(false);
    }
  }
}
