package org.dermkg.server.http;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;

/**
 * Holds a response's body in memory up to {@code cap} bytes, so the result cache can keep it and
 * send it with a Content-Length (which also keeps HTTP/1.0 keep-alive connections open), and a
 * write's response can be looked at before the client gets it (no cap there); a body that grows
 * past the cap is passed on from then on, streamed as it is written. Status and headers go straight
 * to the wrapped response.
 */
final class CapturingResponse extends HttpServletResponseWrapper {
  private final HttpServletResponse res;
  private final long cap;
  private final ByteArrayOutputStream held = new ByteArrayOutputStream();
  private ServletOutputStream out;
  private ServletOutputStream stream;
  private PrintWriter writer;

  CapturingResponse(HttpServletResponse res, long cap) {
    super(res);
    this.res = res;
    this.cap = cap;
  }

  /** Whether the body outgrew the cap and is being streamed. */
  boolean overflowed() {
    return out != null;
  }

  @Override
  public ServletOutputStream getOutputStream() {
    if (stream == null) {
      stream = new HeldStream();
    }
    return stream;
  }

  /** Writes into the held body until it would pass the cap, then to the response. */
  private final class HeldStream extends ServletOutputStream {
    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (out == null && held.size() + (long) len > cap) {
        out = res.getOutputStream();
        held.writeTo(out);
        held.reset();
      }
      if (out != null) {
        out.write(b, off, len);
      } else {
        held.write(b, off, len);
      }
    }

    @Override
    public void flush() throws IOException {
      if (out != null) {
        out.flush();
      }
    }

    @Override
    public boolean isReady() {
      return true;
    }

    @Override
    public void setWriteListener(WriteListener l) {
      throw new UnsupportedOperationException("blocking writes only");
    }
  }

  @Override
  public PrintWriter getWriter() {
    if (writer == null) {
      writer =
          new PrintWriter(
              new OutputStreamWriter(getOutputStream(), Charset.forName(getCharacterEncoding())));
    }
    return writer;
  }

  @Override
  public void flushBuffer() throws IOException {
    if (writer != null) {
      writer.flush();
    }
    if (out != null) {
      res.flushBuffer();
    }
  }

  @Override
  public void resetBuffer() {
    if (out == null) {
      held.reset();
    } else {
      res.resetBuffer();
    }
  }

  @Override
  public void reset() {
    super.reset();
    resetBuffer();
  }

  @Override
  public void setContentLength(int len) {
    // the length is set when the held body is sent
  }

  @Override
  public void setContentLengthLong(long len) {
    // the length is set when the held body is sent
  }

  /** The held body (empty once streaming), after the writer is flushed. */
  byte[] body() {
    if (writer != null) {
      writer.flush();
    }
    return held.toByteArray();
  }

  /** The held body as UTF-8 text. */
  String text() {
    return new String(body(), java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Sends what is held, with its length; a streaming response is finished. */
  void finish(byte[] body) throws IOException {
    if (out != null) {
      flushBuffer();
      return;
    }
    if (body.length > 0) {
      res.setContentLength(body.length);
      res.getOutputStream().write(body);
    }
  }
}
