package org.dermkg.server.http;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A request that counts the body bytes read from it (for the audit log) and fails the read with an
 * IOException once more than {@code max} have come (a chunked body past the size limit).
 */
final class CountingRequest extends HttpServletRequestWrapper {
  private final AtomicLong count = new AtomicLong();
  private final long max;

  CountingRequest(HttpServletRequest req, long max) {
    super(req);
    this.max = max;
  }

  long count() {
    return count.get();
  }

  private void counted(int n) throws IOException {
    if (count.addAndGet(n) > max) {
      throw new IOException("request body larger than query.max.bytes = " + max);
    }
  }

  @Override
  public ServletInputStream getInputStream() throws IOException {
    ServletInputStream in = super.getInputStream();
    return new ServletInputStream() {
      @Override
      public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
          counted(1);
        }
        return b;
      }

      @Override
      public int read(byte[] buf, int off, int len) throws IOException {
        int n = in.read(buf, off, len);
        if (n > 0) {
          counted(n);
        }
        return n;
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
