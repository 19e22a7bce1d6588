package org.dermkg.server.http;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code /}: sends people to the browser at {@code /ui/} (302), the address the banner prints. */
final class RootServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
    if (!req.getMethod().equals("GET") && !req.getMethod().equals("HEAD")) {
      HttpErrors.send(res, HttpCode.METHOD, "only GET on /");
      return;
    }
    res.setHeader("Location", req.getContextPath() + "/ui/");
    res.setStatus(HttpServletResponse.SC_FOUND);
  }
}
