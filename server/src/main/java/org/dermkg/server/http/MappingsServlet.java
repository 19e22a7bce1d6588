package org.dermkg.server.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.dermkg.ontology.OntologySource;
import org.dermkg.ontology.mapping.DerivedXrefs;
import org.dermkg.ontology.mapping.XrefSets;

/**
 * {@code GET /api/mappings[?subject=DERM:…][&object=MONDO:…][&predicate=skos:exactMatch]}: the
 * mapping sets this server's ontology ships (the curated DERM to MONDO and DERM to DOID sets, and
 * the cross-references derived through them, derm-xrefs) as JSON, every row with its set; {@code
 * GET /api/mappings/NAME.sssom.tsv}: one set as SSSOM TSV (a curated set's file as it is). Read
 * from the shipped source tree on the first request (not at start-up) and kept.
 */
final class MappingsServlet extends RouteServlet {
  private static final long serialVersionUID = 1L;

  private transient List<XrefSets.XrefSet> sets;
  private transient Path dir;

  /** The sets, read the first time they are asked for. */
  private synchronized List<XrefSets.XrefSet> sets() {
    if (sets == null) {
      OntologySource source = OntologySource.shipped();
      dir = source.root().resolve("xrefs");
      List<XrefSets.XrefSet> all = new java.util.ArrayList<>(XrefSets.readAll(source));
      all.add(DerivedXrefs.set(source, List.copyOf(all)));
      sets = List.copyOf(all);
    }
    return sets;
  }

  @Override
  String wrongMethod() {
    return "use GET";
  }

  @Override
  List<Route> routes() {
    return List.of(
        Route.get("/api/mappings", this::all), Route.get("/api/mappings/{file}", this::file));
  }

  private Reply all(Call c) {
    Optional<String> subject = c.param("subject");
    Optional<String> object = c.param("object");
    Optional<String> predicate = c.param("predicate");
    ObjectNode out = TermJson.MAPPER.createObjectNode();
    ArrayNode setsJson = out.putArray("sets");
    ArrayNode rows = out.putArray("mappings");
    for (XrefSets.XrefSet s : sets()) {
      setsJson
          .addObject()
          .put("name", s.name())
          .put("mapping_set_id", s.metadata().getOrDefault("mapping_set_id", ""))
          .put("license", s.metadata().getOrDefault("license", ""))
          .put("rows", s.rows().size())
          .put("sssom", c.request().getContextPath() + "/api/mappings/" + s.name() + ".sssom.tsv");
      for (XrefSets.Row r : s.rows()) {
        if (subject.map(r.subjectId()::equals).orElse(true)
            && object.map(o -> o.equalsIgnoreCase(r.objectId())).orElse(true)
            && predicate.map(r.predicateId()::equals).orElse(true)) {
          rows.add(row(s, r));
        }
      }
    }
    return Reply.json(out);
  }

  private static ObjectNode row(XrefSets.XrefSet s, XrefSets.Row r) {
    ObjectNode o =
        TermJson.MAPPER
            .createObjectNode()
            .put("subject_id", r.subjectId())
            .put("subject_label", r.subjectLabel())
            .put("predicate_id", r.predicateId())
            .put("object_id", r.objectId())
            .put("object_label", r.objectLabel())
            .put("mapping_justification", r.justification());
    if (!Double.isNaN(r.confidence())) {
      o.put("confidence", r.confidence());
    }
    return o.put("comment", r.comment()).put("set", s.name());
  }

  private Reply file(Call c) throws IOException {
    String name = c.path("file");
    List<String> files = sets().stream().map(s -> s.name() + ".sssom.tsv").toList();
    if (!files.contains(name)) {
      throw new HttpException(
          HttpCode.NOT_FOUND, "no mapping set '" + name + "'; there are " + files);
    }
    Path file = dir.resolve(name);
    byte[] body =
        Files.isRegularFile(file)
            ? Files.readAllBytes(file)
            : XrefSets.write(
                    sets().stream()
                        .filter(s -> (s.name() + ".sssom.tsv").equals(name))
                        .findFirst()
                        .orElseThrow())
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return Reply.bytes("text/tab-separated-values; charset=utf-8", body);
  }
}
