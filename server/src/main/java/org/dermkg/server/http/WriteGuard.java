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

/**
 * Guards the dataset's write operations: SPARQL update ({@code /derm/update}, any method) and Graph
 * Store Protocol writes ({@code /derm/data} with PUT, POST, DELETE or PATCH). Without configured
 * credentials they answer 403 (disabled, not open); with credentials, a request without a matching
 * Authorization header gets 401 and a challenge. Reads pass untouched. After a write that
 * succeeded, {@code afterWrite} runs (the server drops its caches).
 */
final class WriteGuard implements Filter {
  private static final Set<String> WRITE_METHODS = Set.of("PUT", "POST", "DELETE", "PATCH");

  private final String datasetPath;
  private final Credentials writers;
  private final Runnable afterWrite;

  WriteGuard(String datasetPath, Credentials writers, Runnable afterWrite) {
    this.datasetPath = datasetPath;
    this.writers = writers;
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
    if (!writers.writesEnabled()) {
      HttpErrors.send(
          res,
          HttpServletResponse.SC_FORBIDDEN,
          HttpErrors.WRITE_DISABLED,
          "writes are disabled: configure update.token (bearer) or update.user and"
              + " update.password (basic auth) to allow SPARQL update and Graph Store writes");
      return;
    }
    if (!writers.accepts(req.getHeader("Authorization"))) {
      res.setHeader("WWW-Authenticate", writers.challenge());
      HttpErrors.send(
          res,
          HttpServletResponse.SC_UNAUTHORIZED,
          HttpErrors.UNAUTHORIZED,
          "this write needs credentials: Authorization: Bearer <update.token> or basic auth");
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
    chain.doFilter(request, response);
    if (res.getStatus() < 300) {
      afterWrite.run();
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
