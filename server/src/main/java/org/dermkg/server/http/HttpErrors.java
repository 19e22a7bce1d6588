package org.dermkg.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.dermkg.errors.DermException;
import org.dermkg.errors.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place errors become HTTP: the status is the code's own {@link ErrorCode#httpStatus()},
 * and every error response is JSON {@code {"code": ..., "message": ...}}. An unexpected failure is
 * logged here with an incident id; its response names only that id, never the exception.
 */
public final class HttpErrors {
  private static final Logger LOG = LoggerFactory.getLogger(HttpErrors.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private HttpErrors() {}

  /** Sends a module's (or the server's) error with its code's status. */
  public static void send(HttpServletResponse res, DermException e) throws IOException {
    send(res, e.code(), e.getMessage());
  }

  /** Sends {@code {"code": code, "message": message}} with the code's status. */
  public static void send(HttpServletResponse res, ErrorCode code, String message)
      throws IOException {
    if (res.isCommitted()) {
      return;
    }
    res.resetBuffer();
    res.setStatus(code.httpStatus());
    res.setContentType("application/json");
    res.setCharacterEncoding("UTF-8");
    ObjectNode body = JSON.createObjectNode().put("code", code.id()).put("message", message);
    res.getOutputStream().write(JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Answers any failure: a {@link DermException} with its code, anything else as {@link
   * HttpCode#INTERNAL} after logging it (stack trace and {@code what}) under a new incident id.
   *
   * @return the incident id, or null when the failure had a code
   */
  public static String fail(HttpServletResponse res, Throwable e, String what) throws IOException {
    if (e instanceof DermException de) {
      send(res, de);
      return null;
    }
    String incident = UUID.randomUUID().toString().substring(0, 8);
    LOG.error("incident {}: {} failed", incident, what, e);
    send(res, HttpCode.INTERNAL, "internal error (incident " + incident + ")");
    return incident;
  }
}
