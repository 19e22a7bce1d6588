package org.dermkg.server.http;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * The browser's static files ({@code derm-ui/} on the class path) under {@code /ui/}, and the
 * SPARQL editor YASGUI under {@code /ui/vendor/} (npm's {@code @zazuko/yasgui} from its WebJar,
 * bundled at build time): a fixed set of names, so no path from the request ever reaches the class
 * loader.
 */
final class UiServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final String HTML = "text/html; charset=utf-8";
  private static final String JS = "text/javascript; charset=utf-8";
  private static final String CSS = "text/css; charset=utf-8";
  private static final String YASGUI =
      "/META-INF/resources/webjars/zazuko__yasgui/" + yasguiVersion() + "/build/";

  /** Served name to class-path resource and content type. */
  private static final Map<String, String[]> FILES =
      Map.of(
          "index.html", new String[] {"/derm-ui/index.html", HTML},
          "app.js", new String[] {"/derm-ui/app.js", JS},
          "style.css", new String[] {"/derm-ui/style.css", CSS},
          "sparql.html", new String[] {"/derm-ui/sparql.html", HTML},
          "sparql.js", new String[] {"/derm-ui/sparql.js", JS},
          "favicon.svg", new String[] {"/derm-ui/favicon.svg", "image/svg+xml"},
          "vendor/yasgui.min.js", new String[] {YASGUI + "yasgui.min.js", JS},
          "vendor/yasgui.min.css", new String[] {YASGUI + "yasgui.min.css", CSS});

  /** The version of the YASGUI WebJar on the class path (its Maven properties say). */
  static String yasguiVersion() {
    try (InputStream in =
        UiServlet.class.getResourceAsStream(
            "/META-INF/maven/org.webjars.npm/zazuko__yasgui/pom.properties")) {
      if (in == null) {
        return "missing";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "missing");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
    String path = req.getPathInfo() == null ? "" : req.getPathInfo();
    if (path.isEmpty()) {
      res.sendRedirect(req.getContextPath() + "/ui/");
      return;
    }
    String name = path.equals("/") ? "index.html" : path.substring(1);
    String[] file = FILES.get(name);
    if (file == null) {
      HttpErrors.send(res, HttpCode.NOT_FOUND, "no page " + path);
      return;
    }
    String type = file[1];
    try (InputStream in = UiServlet.class.getResourceAsStream(file[0])) {
      if (in == null) {
        HttpErrors.send(res, HttpCode.NOT_FOUND, "no page " + path);
        return;
      }
      res.setStatus(200);
      res.setContentType(type);
      // the editor's bundle is versioned by the build; our own pages may change with any build
      res.setHeader(
          "Cache-Control", name.startsWith("vendor/") ? "public, max-age=86400" : "no-cache");
      res.setHeader("X-Content-Type-Options", "nosniff");
      // scripts only from this server; the SPARQL editor (CodeMirror, DataTables) sets inline
      // styles, so its page alone allows them
      String styles = name.equals("sparql.html") ? "'self' 'unsafe-inline'" : "'self'";
      res.setHeader(
          "Content-Security-Policy",
          "default-src 'self'; img-src 'self' data:; script-src 'self'; style-src "
              + styles
              + "; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
      in.transferTo(res.getOutputStream());
    }
  }
}
