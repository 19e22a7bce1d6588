package org.dermkg.server.http;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one way to serve a JSON route: a servlet lists its {@link Route}s; this base refuses other
 * methods (405 with {@code Allow}), answers unknown paths (404), calls the handler, writes its
 * {@link Reply}, sends every failure through {@link HttpErrors} and times every request into the
 * metrics as {@code derm_api_requests_seconds{route,status}} (route: the pattern, or {@code
 * unknown}). Threads: one instance serves concurrent requests; routes must be thread-safe.
 */
abstract class RouteServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  private transient List<Route> routes;
  private transient Set<String> methods;
  private transient RequestTimer timer;

  /** The routes this servlet answers (called once, from {@code init()}). */
  abstract List<Route> routes();

  /** The message of a 405, naming the method to use. */
  abstract String wrongMethod();

  @Override
  public void init() {
    routes = List.copyOf(routes());
    methods = new TreeSet<>();
    routes.forEach(r -> methods.addAll(r.methods()));
    timer = RequestTimer.of(getServletContext());
  }

  @Override
  protected final void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
    long t0 = System.nanoTime();
    String path = req.getServletPath() + (req.getPathInfo() == null ? "" : req.getPathInfo());
    Optional<Matched> m = match(path);
    try {
      if (!methods.contains(req.getMethod())) {
        res.setHeader("Allow", String.join(", ", methods));
        HttpErrors.send(res, HttpCode.METHOD, wrongMethod());
      } else if (m.isEmpty()) {
        HttpErrors.send(res, HttpCode.NOT_FOUND, "no API route " + req.getRequestURI());
      } else {
        write(res, m.get().route().handler().handle(new Call(req, res, m.get().values())));
      }
    } catch (RuntimeException | OutOfMemoryError e) {
      HttpErrors.fail(res, e, req.getMethod() + " " + req.getRequestURI());
    } finally {
      timer.record(m.map(x -> x.route().pattern()).orElse("unknown"), res.getStatus(), t0);
    }
  }

  private Optional<Matched> match(String path) {
    for (Route r : routes) {
      Optional<Map<String, String>> values = r.match(path);
      if (values.isPresent()) {
        return Optional.of(new Matched(r, values.get()));
      }
    }
    return Optional.empty();
  }

  private static void write(HttpServletResponse res, Reply reply) throws IOException {
    if (reply == Reply.SENT) {
      return;
    }
    res.setStatus(HttpServletResponse.SC_OK);
    res.setContentType(reply.contentType());
    if (reply.isText()) {
      res.setCharacterEncoding("UTF-8");
    }
    reply.headers().forEach(res::setHeader);
    if (reply.length() >= 0) {
      res.setContentLengthLong(reply.length());
    }
    reply.body().writeTo(res.getOutputStream());
  }

  private record Matched(Route route, Map<String, String> values) {}
}
