package org.dermkg.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
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
final class PromptsServlet extends RouteServlet {
  private static final long serialVersionUID = 1L;

  private final transient PromptGenerator prompts;

  PromptsServlet(PromptGenerator prompts) {
    this.prompts = prompts;
  }

  @Override
  String wrongMethod() {
    return "prompt sets are read with GET";
  }

  @Override
  List<Route> routes() {
    return List.of(Route.get("/api/prompts", this::prompts));
  }

  private Reply prompts(Call c) {
    Map<String, List<String>> params = c.params();
    if (params.isEmpty()) {
      return Reply.json(about());
    }
    String format = PromptParams.format(params);
    PromptSet set = prompts.generate(PromptParams.parse(params));
    String hash = set.provenance().contentHash();
    Reply reply =
        format.equals("csv")
            ? Reply.text("text/csv", PromptWriter.csv(set))
            : Reply.text("application/json", PromptWriter.json(set));
    return reply.header("ETag", "\"" + hash + "\"").header("X-Derm-Content-Hash", hash);
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
}
