package org.dermkg.sparql.guard;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP listener on loopback that counts the connections it accepts and answers each with a fixed
 * HTTP response: the witness that a refused request really made no connection.
 */
public final class Listener implements AutoCloseable {
  private final ServerSocket socket;
  private final AtomicInteger connections = new AtomicInteger();
  private final String response;
  private final Thread thread;

  public Listener(String response) throws IOException {
    this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.response = response;
    this.thread = new Thread(this::serve, "listener-" + socket.getLocalPort());
    thread.setDaemon(true);
    thread.start();
  }

  /** Answers every request with an empty SPARQL JSON result. */
  public static Listener sparqlEndpoint() throws IOException {
    String body = "{\"head\":{\"vars\":[\"x\"]},\"results\":{\"bindings\":[]}}";
    return new Listener(
        "HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\nContent-Length: "
            + body.length()
            + "\r\nConnection: close\r\n\r\n"
            + body);
  }

  /** Answers every request with a redirect to {@code location}. */
  public static Listener redirectingTo(String location) throws IOException {
    return new Listener(
        "HTTP/1.1 302 Found\r\nLocation: "
            + location
            + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
  }

  public String url(String path) {
    return "http://127.0.0.1:" + socket.getLocalPort() + path;
  }

  public int connections() {
    return connections.get();
  }

  private void serve() {
    while (!socket.isClosed()) {
      try (Socket s = socket.accept()) {
        connections.incrementAndGet();
        s.setSoTimeout(2000);
        readHead(s.getInputStream());
        OutputStream out = s.getOutputStream();
        out.write(response.getBytes(StandardCharsets.UTF_8));
        out.flush();
      } catch (IOException e) {
        // closed, or the client went away
      }
    }
  }

  private static void readHead(InputStream in) throws IOException {
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    int b;
    while (matched < 4 && (b = in.read()) >= 0) {
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
