package org.dermkg.ontology.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.dermkg.ontology.OntologyException;
import org.dermkg.ontology.OntologyException.Code;
import org.dermkg.ontology.validate.CheckResult;
import org.dermkg.ontology.validate.Severity;
import org.dermkg.ontology.validate.ValidationReport;
import org.dermkg.ontology.validate.Violation;

/** Renders a validation report as JSON for programs; every violation is included. */
public final class JsonReport {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonReport() {}

  public static ObjectNode tree(ValidationReport r) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("passed", !r.failed());
    root.put("failOn", r.failOn().name());
    root.put("source", r.source());
    root.put("ontology", r.ontologyIri());
    root.put("version", r.versionIri());
    ObjectNode counts = root.putObject("counts");
    for (Severity s : new Severity[] {Severity.ERROR, Severity.WARN, Severity.INFO}) {
      counts.put(s.name(), r.count(s));
    }
    ObjectNode facts = root.putObject("facts");
    r.facts().forEach(facts::put);
    ObjectNode stages = root.putObject("stageMillis");
    r.stageMillis().forEach(stages::put);
    ArrayNode checks = root.putArray("checks");
    for (CheckResult c : r.results()) {
      ObjectNode n = checks.addObject();
      n.put("id", c.check().id());
      n.put("title", c.check().title());
      n.put("severity", c.check().severity().name());
      n.put("stage", c.check().stage());
      n.put("description", c.check().description());
      n.put("passed", c.passed());
      n.put("millis", c.millis());
      ArrayNode vs = n.putArray("violations");
      for (Violation v : c.violations()) {
        ObjectNode vn = vs.addObject();
        vn.put("subject", v.subject());
        vn.put("label", v.subjectLabel());
        vn.put("message", v.message());
        ArrayNode ex = vn.putArray("explanation");
        v.explanation().forEach(ex::add);
      }
    }
    return root;
  }

  public static String render(ValidationReport r) {
    try {
      return MAPPER.writeValueAsString(tree(r)) + "\n";
    } catch (JsonProcessingException e) {
      throw new OntologyException(
          Code.WRITE_FAILED, "cannot render the JSON report: " + e.getMessage(), e);
    }
  }
}
