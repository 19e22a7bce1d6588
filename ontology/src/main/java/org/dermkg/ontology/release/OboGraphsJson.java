package org.dermkg.ontology.release;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.dermkg.ontology.vocab.Obo;
import org.semanticweb.owlapi.model.IRI;
import org.semanticweb.owlapi.model.OWLAnnotationAssertionAxiom;
import org.semanticweb.owlapi.model.OWLAnnotationValue;
import org.semanticweb.owlapi.model.OWLClass;
import org.semanticweb.owlapi.model.OWLClassExpression;
import org.semanticweb.owlapi.model.OWLEntity;
import org.semanticweb.owlapi.model.OWLObjectSomeValuesFrom;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLSubClassOfAxiom;
import org.semanticweb.owlapi.vocab.OWLRDFVocabulary;

/**
 * An ontology as an OBO Graphs JSON document (the format of the OBO Foundry's {@code .json}
 * releases): one graph whose nodes are the classes and properties with their label, definition,
 * synonyms, xrefs, deprecation, comments and other annotations, and whose edges are the asserted
 * is_a links and the existential restrictions of subclass axioms.
 */
final class OboGraphsJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final Map<String, String> SYNONYMS =
      Map.of(
          Obo.EXACT_SYNONYM, "hasExactSynonym",
          Obo.RELATED_SYNONYM, "hasRelatedSynonym",
          Obo.BROAD_SYNONYM, "hasBroadSynonym",
          Obo.NARROW_SYNONYM, "hasNarrowSynonym");

  private OboGraphsJson() {}

  static String write(OWLOntology o) {
    ObjectNode doc = MAPPER.createObjectNode();
    ObjectNode g = doc.putArray("graphs").addObject();
    g.put("id", o.getOntologyID().getOntologyIRI().map(IRI::toString).orElse(""));
    ObjectNode meta = g.putObject("meta");
    o.getOntologyID().getVersionIRI().ifPresent(v -> meta.put("version", v.toString()));
    ArrayNode props = meta.putArray("basicPropertyValues");
    o.annotations()
        .sorted()
        .forEach(
            a ->
                props
                    .addObject()
                    .put("pred", a.getProperty().getIRI().toString())
                    .put("val", text(a.getValue())));
    ArrayNode nodes = g.putArray("nodes");
    o.classesInSignature().sorted().forEach(c -> node(o, c, "CLASS", nodes));
    o.objectPropertiesInSignature().sorted().forEach(p -> node(o, p, "PROPERTY", nodes));
    o.annotationPropertiesInSignature().sorted().forEach(p -> node(o, p, "PROPERTY", nodes));
    o.dataPropertiesInSignature().sorted().forEach(p -> node(o, p, "PROPERTY", nodes));
    ArrayNode edges = g.putArray("edges");
    o.axioms(org.semanticweb.owlapi.model.AxiomType.SUBCLASS_OF)
        .sorted()
        .forEach(ax -> edge(ax, edges));
    g.putArray("equivalentNodesSets");
    g.putArray("logicalDefinitionAxioms");
    g.putArray("domainRangeAxioms");
    g.putArray("propertyChainAxioms");
    try {
      return MAPPER.writeValueAsString(doc);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void node(OWLOntology o, OWLEntity e, String type, ArrayNode nodes) {
    ObjectNode n = nodes.addObject().put("id", e.getIRI().toString());
    ObjectNode meta = MAPPER.createObjectNode();
    List<OWLAnnotationAssertionAxiom> as =
        o.annotationAssertionAxioms(e.getIRI())
            .sorted(Comparator.comparing(Object::toString))
            .toList();
    for (OWLAnnotationAssertionAxiom a : as) {
      String p = a.getProperty().getIRI().toString();
      String v = text(a.getValue());
      if (p.equals(OWLRDFVocabulary.RDFS_LABEL.getIRI().toString())) {
        n.put("lbl", v);
      } else if (p.equals(Obo.DEFINITION)) {
        meta.putObject("definition").put("val", v).putArray("xrefs");
      } else if (SYNONYMS.containsKey(p)) {
        ObjectNode s =
            array(meta, "synonyms").addObject().put("pred", SYNONYMS.get(p)).put("val", v);
        s.putArray("xrefs");
      } else if (p.equals(Obo.DB_XREF)) {
        array(meta, "xrefs").addObject().put("val", v);
      } else if (p.equals(OWLRDFVocabulary.RDFS_COMMENT.getIRI().toString())) {
        array(meta, "comments").add(v);
      } else if (p.equals(OWLRDFVocabulary.OWL_DEPRECATED.getIRI().toString())) {
        meta.put("deprecated", "true".equals(v));
      } else {
        array(meta, "basicPropertyValues").addObject().put("pred", p).put("val", v);
      }
    }
    n.put("type", type);
    if (!meta.isEmpty()) {
      n.set("meta", meta);
    }
  }

  private static void edge(OWLSubClassOfAxiom ax, ArrayNode edges) {
    if (ax.getSubClass().isAnonymous()) {
      return;
    }
    String sub = ax.getSubClass().asOWLClass().getIRI().toString();
    OWLClassExpression sup = ax.getSuperClass();
    if (!sup.isAnonymous()) {
      edges.addObject().put("sub", sub).put("pred", "is_a").put("obj", iri(sup.asOWLClass()));
    } else if (sup instanceof OWLObjectSomeValuesFrom some
        && !some.getProperty().isAnonymous()
        && !some.getFiller().isAnonymous()) {
      edges
          .addObject()
          .put("sub", sub)
          .put("pred", some.getProperty().asOWLObjectProperty().getIRI().toString())
          .put("obj", iri(some.getFiller().asOWLClass()));
    }
  }

  private static String iri(OWLClass c) {
    return c.getIRI().toString();
  }

  private static ArrayNode array(ObjectNode meta, String name) {
    return meta.has(name) ? (ArrayNode) meta.get(name) : meta.putArray(name);
  }

  private static String text(OWLAnnotationValue v) {
    if (v.asLiteral().isPresent()) {
      return v.asLiteral().get().getLiteral();
    }
    return v.asIRI().map(IRI::toString).orElse(v.toString());
  }
}
