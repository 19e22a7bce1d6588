package org.dermkg.server.http;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/** A request that counts the body bytes read from it (for the audit log). */
final class CountingRequest extends HttpServletRequestWrapper {
  private final AtomicLong count = new AtomicLong();

  CountingRequest(HttpServletRequest req) {
    super(req);
  }

  long count() {
    return count.get();
  }

  @Override
  public ServletInputStream getInputStream() throws IOException {
    ServletInputStream in = super.getInputStream();
    return new ServletInputStream() {
      @Override
      public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
          count.incrementAndGet();
        }
        return b;
      }

      @Override
      public int read(byte[] buf, int off, int len) throws IOException {
        int n = in.read(buf, off, len);
        if (n > 0) {
          count.addAndGet(n);
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
