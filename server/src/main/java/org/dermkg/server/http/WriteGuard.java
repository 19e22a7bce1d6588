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

/**
 * Guards the dataset's write operations: SPARQL update ({@code /derm/update}, any method) and Graph
 * Store Protocol writes ({@code /derm/data} with PUT, POST, DELETE or PATCH). Without configured
 * credentials they answer 403 (disabled, not open); with credentials, a request without a matching
 * Authorization header gets 401 and a challenge. Reads pass untouched. After a write that
 * succeeded, {@code afterWrite} runs (the server drops its caches).
 *
 * <p>A full disk answers 507 with {@code HTTP-STORAGE-FULL}: before a write when the store's disk
 * has no more than the reserve free, and after one that failed on it. TDB2 writes its indexes
 * through memory-mapped files, where a full disk surfaces as an InternalError that Fuseki's
 * streaming update parser reports as a 400 "parse error"; the write's response is therefore
 * buffered (write responses are short) and such a failure rewritten. Either way the transaction was
 * aborted and nothing of the write is stored.
 */
final class WriteGuard implements Filter {
  private static final Set<String> WRITE_METHODS = Set.of("PUT", "POST", "DELETE", "PATCH");

  private final String datasetPath;
  private final Credentials writers;
  private final java.util.Optional<java.nio.file.Path> storeDir;
  private final long minFree;
  private final Runnable afterWrite;

  WriteGuard(String datasetPath, ServeSettings settings, Runnable afterWrite) {
    this.datasetPath = datasetPath;
    this.writers = settings.writers();
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
    if (!authorized(writers, req, res, "SPARQL update and Graph Store writes")) {
      return;
    }
    if (isDefaultGraphWrite(req)) {
      HttpErrors.send(
          res,
          HttpServletResponse.SC_BAD_REQUEST,
          HttpErrors.BAD_REQUEST,
          "the default graph is the read-only union of the named graphs: write into a named graph"
              + " (?graph=IRI)");
      return;
    }
    if (diskFull()) {
      storageFull(res, "nothing was written");
      return;
    }
    BufferedResponse buffered = new BufferedResponse(res);
    chain.doFilter(request, buffered);
    if (buffered.getStatus() >= 400 && !res.isCommitted() && writeFault(buffered)) {
      res.reset();
      storageFull(res, "the write failed on it and was rolled back, nothing of it is stored");
      return;
    }
    buffered.flushTo(res);
    if (res.getStatus() < 300) {
      afterWrite.run();
    }
  }

  /**
   * Lets a request through only with the write credentials: 403 when none are configured (writes
   * off), 401 with a challenge without a matching Authorization header. Also used by the backup
   * route.
   */
  static boolean authorized(
      Credentials writers, HttpServletRequest req, HttpServletResponse res, String what)
      throws IOException {
    if (!writers.writesEnabled()) {
      HttpErrors.send(
          res,
          HttpServletResponse.SC_FORBIDDEN,
          HttpErrors.WRITE_DISABLED,
          what
              + " are disabled: configure update.token (bearer) or update.user and"
              + " update.password (basic auth) to allow them");
      return false;
    }
    if (!writers.accepts(req.getHeader("Authorization"))) {
      res.setHeader("WWW-Authenticate", writers.challenge());
      HttpErrors.send(
          res,
          HttpServletResponse.SC_UNAUTHORIZED,
          HttpErrors.UNAUTHORIZED,
          what + " need credentials: Authorization: Bearer <update.token> or basic auth");
      return false;
    }
    return true;
  }

  private boolean diskFull() {
    return storeDir.isPresent() && DiskGuard.usable(storeDir.get()) <= minFree;
  }

  private boolean writeFault(BufferedResponse r) {
    return DiskGuard.isWriteFaultMessage(r.text()) || diskFull();
  }

  private void storageFull(HttpServletResponse res, String what) throws IOException {
    HttpErrors.send(
        res,
        507,
        HttpErrors.STORAGE_FULL,
        (storeDir.isPresent()
                ? DiskGuard.describe(storeDir.get(), minFree)
                : "the disk holding the store is full")
            + "; "
            + what);
  }

  /** Holds a write's response body until the filter has looked at its status. */
  private static final class BufferedResponse
      extends jakarta.servlet.http.HttpServletResponseWrapper {
    private final java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    private jakarta.servlet.ServletOutputStream stream;
    private java.io.PrintWriter writer;

    BufferedResponse(HttpServletResponse res) {
      super(res);
    }

    @Override
    public jakarta.servlet.ServletOutputStream getOutputStream() {
      if (stream == null) {
        stream =
            new jakarta.servlet.ServletOutputStream() {
              @Override
              public void write(int b) {
                body.write(b);
              }

              @Override
              public void write(byte[] b, int off, int len) {
                body.write(b, off, len);
              }

              @Override
              public boolean isReady() {
                return true;
              }

              @Override
              public void setWriteListener(jakarta.servlet.WriteListener l) {
                throw new UnsupportedOperationException("blocking writes only");
              }
            };
      }
      return stream;
    }

    @Override
    public java.io.PrintWriter getWriter() {
      if (writer == null) {
        writer =
            new java.io.PrintWriter(
                new java.io.OutputStreamWriter(
                    getOutputStream(), java.nio.charset.Charset.forName(getCharacterEncoding())));
      }
      return writer;
    }

    @Override
    public void flushBuffer() {
      // held until flushTo
    }

    @Override
    public void resetBuffer() {
      if (writer != null) {
        writer.flush();
      }
      body.reset();
    }

    @Override
    public void reset() {
      super.reset();
      resetBuffer();
    }

    String text() {
      if (writer != null) {
        writer.flush();
      }
      return body.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    void flushTo(HttpServletResponse res) throws IOException {
      if (writer != null) {
        writer.flush();
      }
      if (body.size() > 0) {
        res.getOutputStream().write(body.toByteArray());
      }
      res.flushBuffer();
    }
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
