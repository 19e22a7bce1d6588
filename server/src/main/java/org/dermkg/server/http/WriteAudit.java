package org.dermkg.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write audit log: one JSON line per accepted write ({@code time, client, route, method, bytes,
 * graphs, status}), appended to a file (flushed per line) or, without one, logged at INFO by the
 * logger {@code org.dermkg.server.audit}. Never holds a credential: only what the write did and who
 * sent it. Thread-safe.
 */
final class WriteAudit implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("org.dermkg.server.audit");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Optional<Writer> file;

  private WriteAudit(Optional<Writer> file) {
    this.file = file;
  }

  /** Appends to {@code file} when given (created with its folder), else logs. */
  static WriteAudit open(Optional<Path> file) {
    if (file.isEmpty()) {
      return new WriteAudit(Optional.empty());
    }
    try {
      Path p = file.get().toAbsolutePath();
      Files.createDirectories(p.getParent());
      return new WriteAudit(
          Optional.of(
              Files.newBufferedWriter(
                  p,
                  StandardCharsets.UTF_8,
                  StandardOpenOption.CREATE,
                  StandardOpenOption.APPEND)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the audit log (audit.log) " + file.get(), e);
    }
  }

  /** Records one accepted write. */
  void record(
      String client,
      String route,
      String method,
      long bytes,
      Collection<String> graphs,
      int status) {
    ObjectNode o =
        JSON.createObjectNode()
            .put("time", Instant.now().toString())
            .put("client", client)
            .put("route", route)
            .put("method", method)
            .put("bytes", bytes)
            .put("status", status);
    ArrayNode g = o.putArray("graphs");
    graphs.forEach(g::add);
    String line = o.toString();
    if (file.isEmpty()) {
      LOG.info("write {}", line);
      return;
    }
    synchronized (this) {
      try {
        Writer w = file.get();
        w.write(line);
        w.write('\n');
        w.flush();
      } catch (IOException e) {
        LOG.warn("cannot append to the audit log: {} ({})", e.getMessage(), line);
      }
    }
  }

  @Override
  public synchronized void close() {
    file.ifPresent(
        w -> {
          try {
            w.close();
          } catch (IOException e) {
            LOG.warn("cannot close the audit log: {}", e.getMessage());
          }
        });
  }
}
