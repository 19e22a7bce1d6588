package org.dermkg.sparql.prompts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dermkg.sparql.terms.TermRef;

/**
 * Writes prompt sets. The JSON's {@code classnames} and {@code templates} go straight into
 * open_clip's {@code build_zero_shot_classifier(model, tokenizer, classnames, templates)} (the
 * paper's protocol); {@code prompts} maps each class name to its full prompt list (CuPL-style, for
 * every strategy); {@code chils} lists subclass names with the index of the class each maps back
 * to. Same set, same bytes.
 */
public final class PromptWriter {
  private PromptWriter() {}

  /** The JSON document. */
  public static String json(PromptSet set) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("classnames", set.classes().stream().map(PromptClass::name).toList());
    doc.put("templates", set.templates());
    Map<String, Object> prompts = new LinkedHashMap<>();
    set.classes()
        .forEach(c -> prompts.put(c.name(), c.prompts().stream().map(Prompt::text).toList()));
    doc.put("prompts", prompts);
    List<Object> classes = new ArrayList<>();
    for (PromptClass c : set.classes()) {
      classes.add(classJson(c));
    }
    doc.put("classes", classes);
    if (set.classes().stream().anyMatch(c -> !c.subclasses().isEmpty())) {
      doc.put("chils", chils(set));
    }
    List<Object> overlaps = new ArrayList<>();
    for (Overlap o : set.overlaps()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("broader", o.broader());
      m.put("broader_id", o.broaderId());
      m.put("narrower", o.narrower());
      m.put("narrower_id", o.narrowerId());
      m.put("same_class", o.same());
      overlaps.add(m);
    }
    doc.put("overlaps", overlaps);
    doc.put("notes", set.notes());
    doc.put("provenance", provenance(set));
    return JsonText.write(doc);
  }

  private static Map<String, Object> classJson(PromptClass c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", c.name());
    m.put("ids", c.members().stream().map(TermRef::id).toList());
    m.put("labels", c.members().stream().map(TermRef::label).toList());
    c.mapping().ifPresent(x -> m.put("mapping", x));
    if (c.level().isPresent()) {
      m.put("level", c.level().getAsInt());
    }
    if (!c.subclasses().isEmpty()) {
      m.put("subclasses", c.subclasses().stream().map(t -> List.of(t.id(), t.label())).toList());
    }
    List<Object> prompts = new ArrayList<>();
    for (Prompt p : c.prompts()) {
      Map<String, Object> pm = new LinkedHashMap<>();
      pm.put("text", p.text());
      pm.put("strategy", p.strategy().id());
      pm.put("template", p.template());
      pm.put("phrase", p.phrase());
      p.via().ifPresent(v -> pm.put("via", v));
      prompts.add(pm);
    }
    m.put("prompts", prompts);
    return m;
  }

  /** Subclass names (each class's own name first) and the class index each maps back to. */
  private static Map<String, Object> chils(PromptSet set) {
    List<String> names = new ArrayList<>();
    List<Integer> mapsTo = new ArrayList<>();
    for (int i = 0; i < set.classes().size(); i++) {
      PromptClass c = set.classes().get(i);
      List<String> mine = new ArrayList<>(List.of(c.name()));
      c.subclasses().forEach(s -> mine.add(s.label()));
      for (String n : mine) {
        if (!names.contains(n)) {
          names.add(n);
          mapsTo.add(i);
        }
      }
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("classnames", names);
    m.put("maps_to", mapsTo);
    return m;
  }

  private static Map<String, Object> provenance(PromptSet set) {
    Provenance p = set.provenance();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("generator", p.generator());
    m.put("ontology_version", p.ontologyVersion());
    Map<String, Object> sel = new LinkedHashMap<>();
    sel.put("kind", p.selectionKind());
    sel.put("value", p.selection());
    if (!p.resolved().isEmpty()) {
      sel.put("resolved", p.resolved());
    }
    m.put("selection", sel);
    m.put("strategies", p.strategies());
    m.put("template_set", p.templateSet());
    m.put("classes", set.classes().size());
    m.put("prompts", set.promptCount());
    m.put("content_hash", p.contentHash());
    return m;
  }

  /**
   * The CSV (RFC 4180, header row, CRLF): class_index, class_name, class_ids, strategy, template,
   * via, phrase, prompt. Its provenance is the JSON's (same content hash).
   */
  public static String csv(PromptSet set) {
    StringBuilder out = new StringBuilder(1 << 16);
    out.append("class_index,class_name,class_ids,strategy,template,via,phrase,prompt\r\n");
    for (int i = 0; i < set.classes().size(); i++) {
      PromptClass c = set.classes().get(i);
      String ids = String.join(" ", c.members().stream().map(TermRef::id).toList());
      for (Prompt p : c.prompts()) {
        out.append(i).append(',');
        cell(out, c.name()).append(',');
        cell(out, ids).append(',');
        out.append(p.strategy().id()).append(',').append(p.template()).append(',');
        cell(out, p.via().orElse("")).append(',');
        cell(out, p.phrase()).append(',');
        cell(out, p.text()).append("\r\n");
      }
    }
    return out.toString();
  }

  private static StringBuilder cell(StringBuilder out, String v) {
    if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
      return out.append('"').append(v.replace("\"", "\"\"")).append('"');
    }
    return out.append(v);
  }
}
