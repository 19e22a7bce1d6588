package org.dermkg.server.http;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * The browser's static files ({@code derm-ui/} on the class path) under {@code /ui/}: a fixed set
 * of names, so no path from the request ever reaches the class loader.
 */
final class UiServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final Map<String, String> FILES =
      Map.of(
          "index.html", "text/html; charset=utf-8",
          "app.js", "text/javascript; charset=utf-8",
          "style.css", "text/css; charset=utf-8");

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
    String path = req.getPathInfo() == null ? "" : req.getPathInfo();
    if (path.isEmpty()) {
      res.sendRedirect(req.getContextPath() + "/ui/");
      return;
    }
    String name = path.equals("/") ? "index.html" : path.substring(1);
    String type = FILES.get(name);
    if (type == null) {
      HttpErrors.send(res, 404, HttpErrors.NOT_FOUND, "no page " + path);
      return;
    }
    try (InputStream in = UiServlet.class.getResourceAsStream("/derm-ui/" + name)) {
      if (in == null) {
        HttpErrors.send(res, 404, HttpErrors.NOT_FOUND, "no page " + path);
        return;
      }
      res.setStatus(200);
      res.setContentType(type);
      res.setHeader("Cache-Control", "no-cache");
      res.setHeader("X-Content-Type-Options", "nosniff");
      res.setHeader(
          "Content-Security-Policy",
          "default-src 'self'; img-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'");
      in.transferTo(res.getOutputStream());
    }
  }
}
