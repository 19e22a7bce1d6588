package org.dermkg.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.dermkg.sparql.SparqlException;

/**
 * The one place errors become HTTP: each module error code maps to a status, and every error
 * response is JSON {@code {"code": ..., "message": ...}}. The server's own codes (HTTP-*) are in
 * the README's Errors table beside the module codes.
 */
public final class HttpErrors {
  /** Codes of errors the server itself raises. */
  public static final String NOT_FOUND = "HTTP-NOT-FOUND";

  public static final String METHOD = "HTTP-METHOD";
  public static final String BAD_REQUEST = "HTTP-BAD-REQUEST";
  public static final String WRITE_DISABLED = "HTTP-WRITE-DISABLED";
  public static final String UNAUTHORIZED = "HTTP-UNAUTHORIZED";
  public static final String TOO_LARGE = "HTTP-TOO-LARGE";
  public static final String STORAGE_FULL = "HTTP-STORAGE-FULL";
  public static final String BUSY = "HTTP-BUSY";
  public static final String TOO_MANY_REQUESTS = "HTTP-TOO-MANY-REQUESTS";
  public static final String SATURATED = "HTTP-SATURATED";
  public static final String CROSS_ORIGIN = "HTTP-CROSS-ORIGIN";
  public static final String INTERNAL = "HTTP-INTERNAL";

  private static final ObjectMapper JSON = new ObjectMapper();

  private HttpErrors() {}

  /** The HTTP status of a sparql-module error. */
  public static int status(SparqlException.Code code) {
    return switch (code) {
      case UNKNOWN_TERM -> HttpServletResponse.SC_NOT_FOUND;
      case BAD_ARGUMENT, OUTBOUND_REFUSED -> HttpServletResponse.SC_BAD_REQUEST;
      case TIMEOUT -> HttpServletResponse.SC_SERVICE_UNAVAILABLE;
      case QUERY_MISSING, QUERY_FAILED -> HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
    };
  }

  /** Sends a sparql-module error. */
  public static void send(HttpServletResponse res, SparqlException e) throws IOException {
    send(res, status(e.code()), e.code().id(), e.getMessage());
  }

  /** Sends {@code {"code": code, "message": message}} with the status. */
  public static void send(HttpServletResponse res, int status, String code, String message)
      throws IOException {
    if (res.isCommitted()) {
      return;
    }
    res.resetBuffer();
    res.setStatus(status);
    res.setContentType("application/json");
    res.setCharacterEncoding("UTF-8");
    ObjectNode body = JSON.createObjectNode().put("code", code).put("message", message);
    res.getOutputStream().write(JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8));
  }
}
