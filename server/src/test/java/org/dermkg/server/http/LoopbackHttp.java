package org.dermkg.server.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A minimal HTTP/1.1 client over a plain socket bound to a chosen loopback source address
 * (127.0.0.2, 127.0.0.3, ...: Linux routes all of 127/8 to the loopback interface), so one test can
 * be several clients to the server's per-address limits. One request per connection.
 */
final class LoopbackHttp {
  private LoopbackHttp() {}

  /** A response: status, headers (lower-case names), body as text, and its time in ms. */
  record Response(int status, Map<String, String> headers, String body, double millis) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  static Response get(String source, int port, String target) throws IOException {
    return send(source, port, "GET", target, Map.of(), null);
  }

  /** A SPARQL query sent as a form POST. */
  static Response query(String source, int port, String sparql) throws IOException {
    return send(
        source,
        port,
        "POST",
        DermServer.DATASET + "/sparql",
        Map.of(
            "Content-Type",
            "application/x-www-form-urlencoded",
            "Accept",
            "application/sparql-results+json"),
        "query=" + ServedStore.enc(sparql));
  }

  static Response send(
      String source,
      int port,
      String method,
      String target,
      Map<String, String> headers,
      String body)
      throws IOException {
    long t0 = System.nanoTime();
    try (Socket s = new Socket()) {
      s.bind(new InetSocketAddress(source, 0));
      s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      s.setSoTimeout(60_000);
      byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
      StringBuilder head = new StringBuilder();
      head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
      head.append("Host: 127.0.0.1:").append(port).append("\r\n");
      head.append("Connection: close\r\n");
      headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
      if (body != null) {
        head.append("Content-Length: ").append(payload.length).append("\r\n");
      }
      head.append("\r\n");
      OutputStream out = s.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(payload);
      out.flush();
      return read(s.getInputStream(), t0);
    }
  }

  private static Response read(InputStream in, long t0) throws IOException {
    String status = line(in);
    if (status == null || !status.startsWith("HTTP/1.")) {
      throw new IOException("no HTTP response: " + status);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (String l = line(in); l != null && !l.isEmpty(); l = line(in)) {
      int colon = l.indexOf(':');
      headers.merge(
          l.substring(0, colon).strip().toLowerCase(Locale.ROOT),
          l.substring(colon + 1).strip(),
          (a, b) -> a + ", " + b);
    }
    byte[] body;
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      for (int n = Integer.parseInt(line(in).split(";")[0].strip(), 16);
          n > 0;
          n = Integer.parseInt(line(in).split(";")[0].strip(), 16)) {
        b.write(in.readNBytes(n));
        line(in);
      }
      body = b.toByteArray();
    } else if (headers.containsKey("content-length")) {
      body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
    } else {
      body = in.readAllBytes();
    }
    return new Response(
        Integer.parseInt(status.split(" ")[1]),
        headers,
        new String(body, StandardCharsets.UTF_8),
        (System.nanoTime() - t0) / 1e6);
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) >= 0) {
      if (c == '\n') {
        String s = b.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
      }
      b.write(c);
    }
    return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
  }
}
