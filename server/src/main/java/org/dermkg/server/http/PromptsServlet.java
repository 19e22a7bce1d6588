package org.dermkg.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dermkg.sparql.prompts.PromptGenerator;
import org.dermkg.sparql.prompts.PromptSet;
import org.dermkg.sparql.prompts.PromptWriter;
import org.dermkg.sparql.prompts.Strategy;
import org.dermkg.sparql.prompts.Templates;

/**
 * {@code GET /api/prompts}: zero-shot prompt sets from the store's hierarchy (parameters in {@link
 * PromptParams}); JSON by default, CSV with {@code format=csv}; the content hash is the ETag.
 * Without parameters it lists what can be asked for. Every bad parameter or unknown label set is a
 * 400 naming it, an unknown class a 404 ({@code SPARQL-UNKNOWN-TERM}); a SPARQL selection past the
 * time limit is a 503.
 */
final class PromptsServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  private final transient PromptGenerator prompts;
  private transient RequestTimer timer;

  PromptsServlet(PromptGenerator prompts) {
    this.prompts = prompts;
  }

  @Override
  public void init() {
    timer = RequestTimer.of(getServletContext());
  }

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
    long t0 = System.nanoTime();
    try {
      if (!req.getMethod().equals("GET") && !req.getMethod().equals("HEAD")) {
        res.setHeader("Allow", "GET, HEAD");
        HttpErrors.send(res, HttpCode.METHOD, "prompt sets are read with GET");
        return;
      }
      Map<String, List<String>> params = new LinkedHashMap<>();
      req.getParameterMap().forEach((k, v) -> params.put(k, Arrays.asList(v)));
      if (params.isEmpty()) {
        write(res, "application/json", TermJson.MAPPER.writeValueAsString(about()), null);
        return;
      }
      String format = PromptParams.format(params);
      PromptSet set = prompts.generate(PromptParams.parse(params));
      String hash = set.provenance().contentHash();
      if (format.equals("csv")) {
        write(res, "text/csv", PromptWriter.csv(set), hash);
      } else {
        write(res, "application/json", PromptWriter.json(set), hash);
      }
    } catch (RuntimeException e) {
      HttpErrors.fail(res, e, "prompt request " + req.getQueryString());
    } finally {
      timer.record("/api/prompts", res.getStatus(), t0);
    }
  }

  private ObjectNode about() {
    ObjectNode o = TermJson.MAPPER.createObjectNode();
    var sets = o.putArray("label_sets");
    prompts.catalog().labelSetNames().forEach(sets::add);
    var strategies = o.putArray("strategies");
    Arrays.stream(Strategy.values()).forEach(s -> strategies.add(s.id()));
    ObjectNode templates = o.putObject("templates");
    for (String name : Templates.builtInNames()) {
      var list = templates.putArray(name);
      Templates.builtIn(name).list().forEach(list::add);
    }
    var params = o.putArray("parameters");
    PromptParams.NAMES.stream().sorted().forEach(params::add);
    o.put("ontology_version", prompts.catalog().version());
    return o;
  }

  private static void write(HttpServletResponse res, String type, String body, String hash)
      throws IOException {
    res.setStatus(200);
    res.setContentType(type);
    res.setCharacterEncoding("UTF-8");
    if (hash != null) {
      res.setHeader("ETag", "\"" + hash + "\"");
      res.setHeader("X-Derm-Content-Hash", hash);
    }
    res.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
  }
}
