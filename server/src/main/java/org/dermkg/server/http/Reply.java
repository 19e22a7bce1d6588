package org.dermkg.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a route answers with status 200: a content type, extra headers and a body that {@link
 * RouteServlet} writes once. Text types are sent as UTF-8. {@link #SENT} says the route wrote the
 * response itself (a refusal from {@link WriteAuth}). Immutable.
 */
record Reply(String contentType, Map<String, String> headers, long length, Body body) {
  /** The route has answered already; nothing more is written. */
  static final Reply SENT = new Reply("", Map.of(), -1, out -> {});

  /** Writes the body. */
  @FunctionalInterface
  interface Body {
    void writeTo(OutputStream out) throws IOException;
  }

  Reply {
    headers = Map.copyOf(headers);
  }

  /** A JSON document written by the API's one mapper. */
  static Reply json(JsonNode node) {
    try {
      return text("application/json", TermJson.MAPPER.writeValueAsString(node));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A text body of the type. */
  static Reply text(String type, String body) {
    return bytes(type, body.getBytes(StandardCharsets.UTF_8));
  }

  /** A body of the type, bytes ready. */
  static Reply bytes(String type, byte[] body) {
    return new Reply(type, Map.of(), -1, out -> out.write(body));
  }

  /** This reply with one more header. */
  Reply header(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return new Reply(contentType, h, length, body);
  }

  /** Whether the body is text (sent as UTF-8). */
  boolean isText() {
    return contentType.startsWith("text/") || contentType.startsWith("application/json");
  }
}
