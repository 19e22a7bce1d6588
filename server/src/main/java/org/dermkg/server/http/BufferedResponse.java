package org.dermkg.server.http;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Holds a write's response body until the filter has looked at its status. */
final class BufferedResponse extends jakarta.servlet.http.HttpServletResponseWrapper {
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
