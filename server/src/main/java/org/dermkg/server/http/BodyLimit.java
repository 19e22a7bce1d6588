package org.dermkg.server.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
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
          HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
          HttpErrors.TOO_LARGE,
          "the request body is larger than query.max.bytes = " + maxBytes);
      return;
    }
    chain.doFilter(limited ? new Limited(req, maxBytes) : request, response);
  }

  private static final class Limited extends HttpServletRequestWrapper {
    private final long max;

    Limited(HttpServletRequest req, long max) {
      super(req);
      this.max = max;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      ServletInputStream in = super.getInputStream();
      return new ServletInputStream() {
        private long read;

        @Override
        public int read() throws IOException {
          int b = in.read();
          if (b >= 0) {
            count(1);
          }
          return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
          int n = in.read(buf, off, len);
          if (n > 0) {
            count(n);
          }
          return n;
        }

        private void count(int n) throws IOException {
          read += n;
          if (read > max) {
            throw new IOException("request body larger than query.max.bytes = " + max);
          }
        }

        @Override
        public boolean isFinished() {
          return in.isFinished();
        }

        @Override
        public boolean isReady() {
          return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
          in.setReadListener(listener);
        }
      };
    }
  }
}
