package org.dermkg.server.http;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.jena.graph.Node;
import org.apache.jena.query.QueryException;
import org.apache.jena.query.Syntax;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.modify.request.UpdateBinaryOp;
import org.apache.jena.sparql.modify.request.UpdateCreate;
import org.apache.jena.sparql.modify.request.UpdateData;
import org.apache.jena.sparql.modify.request.UpdateDeleteWhere;
import org.apache.jena.sparql.modify.request.UpdateDropClear;
import org.apache.jena.sparql.modify.request.UpdateLoad;
import org.apache.jena.sparql.modify.request.UpdateModify;
import org.apache.jena.update.Update;
import org.apache.jena.update.UpdateFactory;
import org.apache.jena.update.UpdateRequest;

/**
 * The text of a SPARQL update request (form parameter {@code update}, or an {@code
 * application/sparql-update} body, read once and replayed to Fuseki), parsed the way Fuseki parses
 * it, so that the server can check it before it runs and say which graphs it touches. A text that
 * does not parse is left to Fuseki's own 400.
 */
final class UpdateBody {
  /** The base Fuseki parses updates against (relative IRIs resolve to it). */
  static final String FUSEKI_BASE = "http://server/unset-base/";

  private final HttpServletRequest request;
  private final Optional<UpdateRequest> parsed;
  private final long bytes;

  private UpdateBody(HttpServletRequest request, Optional<UpdateRequest> parsed, long bytes) {
    this.request = request;
    this.parsed = parsed;
    this.bytes = bytes;
  }

  /** Reads the update of {@code req}; {@link #request()} is the request to pass on. */
  static UpdateBody read(HttpServletRequest req) throws IOException {
    String type = req.getContentType() == null ? "" : req.getContentType().toLowerCase(Locale.ROOT);
    if (type.startsWith("application/x-www-form-urlencoded")) {
      String text = req.getParameter("update"); // Jetty keeps the parsed form for Fuseki
      return new UpdateBody(
          req, parse(text), text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length);
    }
    byte[] body = req.getInputStream().readAllBytes();
    String text = new String(body, StandardCharsets.UTF_8);
    return new UpdateBody(new Replay(req, body), parse(text), body.length);
  }

  private static Optional<UpdateRequest> parse(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(UpdateFactory.create(text, FUSEKI_BASE, Syntax.syntaxARQ));
    } catch (QueryException e) {
      return Optional.empty();
    }
  }

  HttpServletRequest request() {
    return request;
  }

  Optional<UpdateRequest> parsed() {
    return parsed;
  }

  long bytes() {
    return bytes;
  }

  /** The graphs the update names (IRIs, {@code ?var} for a variable, DEFAULT, ALL, NAMED). */
  Set<String> graphs() {
    Set<String> out = new TreeSet<>();
    parsed.ifPresent(r -> r.getOperations().forEach(u -> graphs(u, out)));
    return out;
  }

  private static void graphs(Update u, Set<String> out) {
    if (u instanceof UpdateData d) {
      d.getQuads().forEach(q -> out.add(name(q.getGraph())));
    } else if (u instanceof UpdateDeleteWhere d) {
      d.getQuads().forEach(q -> out.add(name(q.getGraph())));
    } else if (u instanceof UpdateModify m) {
      if (m.getWithIRI() != null) {
        out.add(name(m.getWithIRI()));
      }
      m.getDeleteQuads().forEach(q -> out.add(name(q.getGraph())));
      m.getInsertQuads().forEach(q -> out.add(name(q.getGraph())));
    } else if (u instanceof UpdateLoad l) {
      out.add(l.getDest() == null ? "DEFAULT" : name(l.getDest()));
    } else if (u instanceof UpdateDropClear d) {
      out.add(
          d.isAll()
              ? "ALL"
              : d.isAllNamed() ? "NAMED" : d.isDefault() ? "DEFAULT" : name(d.getGraph()));
    } else if (u instanceof UpdateCreate c) {
      out.add(name(c.getGraph()));
    } else if (u instanceof UpdateBinaryOp b) {
      out.add(b.getDest().isDefault() ? "DEFAULT" : name(b.getDest().getGraph()));
    }
  }

  private static String name(Node g) {
    if (g == null || Quad.isDefaultGraph(g)) {
      return "DEFAULT";
    }
    return g.isURI() ? g.getURI() : g.toString();
  }

  /** The request with its body replayed from memory. */
  private static final class Replay extends HttpServletRequestWrapper {
    private final byte[] body;

    Replay(HttpServletRequest req, byte[] body) {
      super(req);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("blocking reads only");
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }
  }
}
