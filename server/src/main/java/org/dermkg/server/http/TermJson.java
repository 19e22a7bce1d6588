package org.dermkg.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.dermkg.sparql.search.SearchHit;
import org.dermkg.sparql.terms.Child;
import org.dermkg.sparql.terms.Counted;
import org.dermkg.sparql.terms.Finding;
import org.dermkg.sparql.terms.ImagePage;
import org.dermkg.sparql.terms.PathStep;
import org.dermkg.sparql.terms.Synonym;
import org.dermkg.sparql.terms.TermDetail;
import org.dermkg.sparql.terms.TermRef;

/**
 * The JSON shapes of the API (OLS-like: iri, id, label, synonyms, definition, parents, links), one
 * method per record. Presentation only: every value comes from the sparql module's records.
 */
final class TermJson {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private TermJson() {}

  static ObjectNode ref(TermRef t) {
    return MAPPER.createObjectNode().put("iri", t.iri()).put("id", t.id()).put("label", t.label());
  }

  static ArrayNode refs(List<TermRef> refs) {
    ArrayNode a = MAPPER.createArrayNode();
    refs.forEach(r -> a.add(ref(r)));
    return a;
  }

  static ArrayNode children(List<Child> children) {
    ArrayNode a = MAPPER.createArrayNode();
    children.forEach(c -> a.add(ref(c.term()).put("hasChildren", c.hasChildren())));
    return a;
  }

  static ArrayNode counted(List<Counted> items, String countName) {
    ArrayNode a = MAPPER.createArrayNode();
    items.forEach(c -> a.add(ref(c.term()).put(countName, c.count())));
    return a;
  }

  static ArrayNode path(List<PathStep> steps) {
    ArrayNode a = MAPPER.createArrayNode();
    steps.forEach(s -> a.add(ref(s.term()).put("depth", s.depth())));
    return a;
  }

  static ArrayNode findings(List<Finding> findings) {
    ArrayNode a = MAPPER.createArrayNode();
    for (Finding f : findings) {
      ObjectNode o = ref(f.finding());
      o.set("concepts", refs(f.concepts()));
      o.set("sites", refs(f.sites()));
      a.add(o);
    }
    return a;
  }

  static ObjectNode detail(TermDetail d, String apiBase) {
    ObjectNode o = ref(d.term());
    ArrayNode syn = o.putArray("synonyms");
    for (Synonym s : d.synonyms()) {
      syn.addObject().put("kind", s.kind()).put("text", s.text());
    }
    d.definition().ifPresentOrElse(v -> o.put("definition", v), () -> o.putNull("definition"));
    if (d.level().isPresent()) {
      o.put("level", d.level().getAsInt());
    } else {
      o.putNull("level");
    }
    d.derm1mNames().forEach(o.putArray("derm1mNames")::add);
    ArrayNode xrefs = o.putArray("xrefs");
    d.xrefs().forEach(xrefs::add);
    ArrayNode mappings = o.putArray("mappings");
    for (TermDetail.Mapping m : d.mappings()) {
      mappings
          .addObject()
          .put("predicate", m.predicate())
          .put("target", m.target())
          .put("iri", m.iri())
          .put("exact", m.exact())
          .put("source", m.source().isEmpty() ? "curated" : "via " + m.source());
    }
    o.put("deprecated", d.deprecated());
    d.replacedBy().ifPresentOrElse(v -> o.put("replacedBy", v), () -> o.putNull("replacedBy"));
    o.set("parents", refs(d.parents()));
    o.put("hasChildren", d.hasChildren());
    o.set("findings", findings(d.findings()));
    o.put("imageCount", d.imageCount());
    ObjectNode links = o.putObject("_links");
    String self = apiBase + "/terms/" + d.term().id();
    links.put("self", self);
    for (String rel : List.of("parents", "children", "ancestors", "descendants", "images")) {
      links.put(rel, self + "/" + rel);
    }
    return o;
  }

  static ObjectNode images(ImagePage page) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("total", page.total()).put("offset", page.offset()).put("limit", page.limit());
    ArrayNode a = o.putArray("images");
    for (ImagePage.ImageRef i : page.images()) {
      ObjectNode img = a.addObject().put("iri", i.iri()).put("filename", i.filename());
      if (!i.label().isEmpty()) {
        img.put("label", i.label());
      }
      if (!i.diagnosis().isEmpty()) {
        img.put("diagnosis", org.dermkg.sparql.terms.TermIds.toId(i.diagnosis()));
      }
      if (!i.fitzpatrick().isEmpty()) {
        img.put("fitzpatrick", i.fitzpatrick());
      }
    }
    return o;
  }

  static ArrayNode hits(List<SearchHit> hits) {
    ArrayNode a = MAPPER.createArrayNode();
    for (SearchHit h : hits) {
      a.add(
          ref(h.term())
              .put("matched", h.matched())
              .put("match", h.match())
              .put("score", h.score()));
    }
    return a;
  }
}
