package org.dermkg.ontology.validate;

import java.util.List;
import org.apache.jena.rdf.model.Model;
import org.dermkg.ontology.build.CompileNote;
import org.dermkg.ontology.mapping.LabelSet;
import org.dermkg.ontology.mapping.LabelSets;
import org.dermkg.ontology.mapping.XrefTargets;
import org.dermkg.ontology.owl.AxiomRenderer;
import org.dermkg.ontology.owl.ClassGraph;
import org.dermkg.ontology.owl.OntologyIO;
import org.dermkg.ontology.resolve.LabelResolver;
import org.dermkg.ontology.resolve.TermIndex;
import org.semanticweb.owlapi.model.OWLOntology;

/**
 * Everything a check may look at, computed lazily and at most once per build: the ontology, its
 * class graph, its RDF form (with the label-set mappings), the reasoning results and a resolver.
 * Single-threaded, owned by one {@link ValidationBuild} run.
 */
public final class ValidationContext {
  private final OWLOntology ontology;
  private final List<LabelSet> labelSets;
  private final List<CompileNote> notes;
  private final List<String> missingImports;
  private XrefTargets xrefTargets = XrefTargets.NONE;
  private ClassGraph graph;
  private Model rdf;
  private Reasoning reasoning;
  private LabelResolver resolver;
  private AxiomRenderer renderer;
  private Justifier justifier;

  ValidationContext(
      OWLOntology ontology,
      List<LabelSet> labelSets,
      List<CompileNote> notes,
      List<String> missingImports) {
    this.ontology = ontology;
    this.labelSets = List.copyOf(labelSets);
    this.notes = List.copyOf(notes);
    this.missingImports = List.copyOf(missingImports);
  }

  public OWLOntology ontology() {
    return ontology;
  }

  public List<LabelSet> labelSets() {
    return labelSets;
  }

  /** The classes curated mappings may target (none known: not checked). */
  public XrefTargets xrefTargets() {
    return xrefTargets;
  }

  ValidationContext withXrefTargets(XrefTargets targets) {
    this.xrefTargets = targets;
    return this;
  }

  public List<CompileNote> notes() {
    return notes;
  }

  public List<String> missingImports() {
    return missingImports;
  }

  public ClassGraph graph() {
    if (graph == null) {
      graph = ClassGraph.of(ontology);
    }
    return graph;
  }

  /** The ontology as RDF plus the label-set mapping triples; checks must not modify it. */
  public Model rdf() {
    if (rdf == null) {
      rdf = OntologyIO.toJena(ontology);
      LabelSets.toRdf(labelSets, rdf);
    }
    return rdf;
  }

  boolean reasoningDone() {
    return reasoning != null;
  }

  Reasoning reasoning() {
    if (reasoning == null) {
      reasoning = Reasoning.run(ontology);
    }
    return reasoning;
  }

  public LabelResolver resolver() {
    if (resolver == null) {
      resolver = new LabelResolver(TermIndex.of(graph()));
    }
    return resolver;
  }

  AxiomRenderer renderer() {
    if (renderer == null) {
      renderer = new AxiomRenderer(graph());
    }
    return renderer;
  }

  Justifier justifier() {
    if (justifier == null) {
      justifier = new Justifier(ontology);
    }
    return justifier;
  }
}
