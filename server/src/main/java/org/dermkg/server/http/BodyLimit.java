package org.dermkg.server.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Refuses query and update requests whose body is larger than the limit: 413 up front when the
 * Content-Length says so, and an I/O error (the request fails, nothing is stored) when a chunked
 * body runs past it. Graph Store uploads are not limited here (they need credentials).
 */
final class BodyLimit implements Filter {
  /** Oversized bodies up to this size are read and dropped before the 413 is sent. */
  static final long DRAIN_LIMIT = 16L << 20;

  private final long maxBytes;

  BodyLimit(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest req = (HttpServletRequest) request;
    String path = req.getRequestURI();
    boolean limited = path.endsWith("/sparql") || path.endsWith("/update");
    if (limited && req.getContentLengthLong() > maxBytes) {
      // read (and drop) a moderately oversized body first, so the client finishes sending and
      // reads the 413 instead of a reset connection; a huge one is refused at once
      if (req.getContentLengthLong() <= DRAIN_LIMIT) {
        req.getInputStream().skip(req.getContentLengthLong());
      }
      ((HttpServletResponse) response).setHeader("Connection", "close");
      HttpErrors.send(
          (HttpServletResponse) response,
          HttpCode.TOO_LARGE,
          "the request body is larger than query.max.bytes = " + maxBytes);
      return;
    }
    chain.doFilter(limited ? new CountingRequest(req, maxBytes) : request, response);
  }
}
