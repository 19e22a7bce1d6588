package org.dermkg.server.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import org.dermkg.graph.store.DiskGuard;
import org.dermkg.sparql.SparqlException;
import org.dermkg.sparql.guard.OutboundPolicy;

/**
 * Guards the dataset's write operations: SPARQL update ({@code /derm/update}, any method) and Graph
 * Store Protocol writes ({@code /derm/data} with PUT, POST, DELETE or PATCH). Without configured
 * credentials they answer 403 (disabled, not open); with credentials, a request without a matching
 * Authorization header gets 401 and a challenge. Reads pass untouched. Before an admitted write
 * runs, {@code beforeWrite} runs (the result cache stops keeping answers); after one that
 * succeeded, {@code afterWrite} (the server drops its caches).
 *
 * <p>A full disk answers 507 with {@code HTTP-STORAGE-FULL}: before a write when the store's disk
 * has no more than the reserve free, and after one that failed on it. TDB2 writes its indexes
 * through memory-mapped files, where a full disk surfaces as an InternalError that Fuseki's
 * streaming update parser reports as a 400 "parse error"; the write's response is therefore
 * buffered (write responses are short) and such a failure rewritten. Either way the transaction was
 * aborted and nothing of the write is stored.
 *
 * <p>An update is read before it runs and refused (400) when it loads from or federates with a URL
 * outside the outbound policy. A write that succeeded drops the server's caches before its response
 * is sent (read-your-writes) and is logged in the audit log (client, route, bytes, graphs).
 */
final class WriteGuard implements Filter {
  private static final Set<String> WRITE_METHODS = Set.of("PUT", "POST", "DELETE", "PATCH");

  private final String datasetPath;
  private final WriteAuth auth;
  private final OutboundPolicy outbound;
  private final WriteAudit audit;
  private final java.util.Optional<java.nio.file.Path> storeDir;
  private final long minFree;
  private final Runnable beforeWrite;
  private final Runnable afterWrite;

  WriteGuard(
      String datasetPath,
      ServeSettings settings,
      WriteAuth auth,
      WriteAudit audit,
      Runnable beforeWrite,
      Runnable afterWrite) {
    this.beforeWrite = beforeWrite;
    this.datasetPath = datasetPath;
    this.auth = auth;
    this.outbound = settings.access().outbound();
    this.audit = audit;
    this.storeDir = settings.storeDir();
    this.minFree = settings.minFreeBytes();
    this.afterWrite = afterWrite;
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest req = (HttpServletRequest) request;
    HttpServletResponse res = (HttpServletResponse) response;
    if (!isWrite(req)) {
      chain.doFilter(request, response);
      return;
    }
    Write write = admit(req, res);
    if (write != null) {
      perform(req, res, chain, write);
    }
  }

  /** The checks before a write: the write to perform, or null when one refused it (answered). */
  private Write admit(HttpServletRequest req, HttpServletResponse res) throws IOException {
    if (!auth.authorized(req, res, "SPARQL update and Graph Store writes")) {
      return null;
    }
    if (isDefaultGraphWrite(req)) {
      HttpErrors.send(
          res,
          HttpCode.BAD_REQUEST,
          "the default graph is the read-only union of the named graphs: write into a named graph"
              + " (?graph=IRI)");
      return null;
    }
    Write write = inspect(req, res);
    if (write != null && diskFull()) {
      storageFull(res, "nothing was written");
      return null;
    }
    return write;
  }

  /**
   * Performs an admitted write with its response held back: a write that failed on a full disk is
   * answered as such; a write that succeeded refreshes what reads see and is audited before the
   * client hears of it.
   */
  private void perform(
      HttpServletRequest req, HttpServletResponse res, FilterChain chain, Write write)
      throws IOException, ServletException {
    CapturingResponse buffered = new CapturingResponse(res, Long.MAX_VALUE);
    beforeWrite.run();
    chain.doFilter(write.request(), buffered);
    if (buffered.getStatus() >= 400 && !res.isCommitted() && writeFault(buffered)) {
      res.reset();
      storageFull(res, "the write failed on it and was rolled back, nothing of it is stored");
      return;
    }
    if (buffered.getStatus() < 300) {
      // before the client hears of the write: a read it sends next must see it, not a cache
      afterWrite.run();
      audit.record(
          auth.client(req),
          req.getRequestURI(),
          req.getMethod(),
          write.bytes().getAsLong(),
          write.graphs(),
          buffered.getStatus());
    }
    buffered.finish(buffered.body());
  }

  /** What a write sends: the request to pass on, its size (known once read) and its graphs. */
  private record Write(
      HttpServletRequest request, java.util.function.LongSupplier bytes, Set<String> graphs) {}

  /**
   * Reads an update and checks it against the outbound policy (400 SPARQL-OUTBOUND-REFUSED, and
   * null, when it loads or federates outside it); a Graph Store write is counted as Fuseki reads
   * it.
   */
  private Write inspect(HttpServletRequest req, HttpServletResponse res) throws IOException {
    String path = req.getRequestURI().substring(req.getContextPath().length());
    if (!path.equals(datasetPath + "/update")) {
      CountingRequest counted = new CountingRequest(req, Long.MAX_VALUE);
      String graph = req.getParameter("graph");
      return new Write(
          counted, counted::count, Set.of(graph != null ? graph : "(graphs of the quads)"));
    }
    UpdateBody body;
    try {
      body = UpdateBody.read(req);
    } catch (IOException e) {
      HttpErrors.send(res, HttpCode.TOO_LARGE, e.getMessage());
      return null;
    }
    try {
      body.parsed().ifPresent(outbound::check);
    } catch (SparqlException e) {
      HttpErrors.send(res, e);
      return null;
    }
    return new Write(body.request(), body::bytes, body.graphs());
  }

  private boolean diskFull() {
    return storeDir.isPresent() && DiskGuard.usable(storeDir.get()) <= minFree;
  }

  private boolean writeFault(CapturingResponse r) {
    return DiskGuard.isWriteFaultMessage(r.text()) || diskFull();
  }

  private void storageFull(HttpServletResponse res, String what) throws IOException {
    HttpErrors.send(
        res,
        HttpCode.STORAGE_FULL,
        (storeDir.isPresent()
                ? DiskGuard.describe(storeDir.get(), minFree)
                : "the disk holding the store is full")
            + "; "
            + what);
  }

  private boolean isWrite(HttpServletRequest req) {
    String path = req.getRequestURI().substring(req.getContextPath().length());
    String method = req.getMethod().toUpperCase(Locale.ROOT);
    if (method.equals("OPTIONS")) {
      return false;
    }
    if (path.equals(datasetPath + "/update")) {
      return true;
    }
    return path.equals(datasetPath + "/data") && WRITE_METHODS.contains(method);
  }

  private boolean isDefaultGraphWrite(HttpServletRequest req) {
    String path = req.getRequestURI().substring(req.getContextPath().length());
    if (!path.equals(datasetPath + "/data")) {
      return false;
    }
    if (req.getParameter("graph") != null) {
      return false;
    }
    if (req.getParameter("default") != null) {
      return true;
    }
    // no graph named: a quads payload (TriG, N-Quads) writes named graphs; triples would go to the
    // hidden stored default graph
    String type = req.getContentType() == null ? "" : req.getContentType().toLowerCase(Locale.ROOT);
    return !(type.contains("trig") || type.contains("n-quads") || type.contains("nquads"));
  }
}
