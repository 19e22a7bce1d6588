package org.dermkg.ontology.build;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.dermkg.ontology.OntologyException;
import org.dermkg.ontology.OntologyException.Code;
import org.dermkg.ontology.OntologySource;
import org.dermkg.ontology.mapping.DerivedXrefs;
import org.dermkg.ontology.mapping.XrefSets;
import org.dermkg.ontology.mapping.XrefTargets;
import org.dermkg.ontology.table.Branch;
import org.dermkg.ontology.table.FindingRow;
import org.dermkg.ontology.table.Ref;
import org.dermkg.ontology.table.RegistryRow;
import org.dermkg.ontology.table.SourceTables;
import org.dermkg.ontology.table.TermRow;
import org.dermkg.ontology.vocab.Derm;
import org.dermkg.ontology.vocab.Obo;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.model.IRI;
import org.semanticweb.owlapi.model.OWLAnnotation;
import org.semanticweb.owlapi.model.OWLAnnotationProperty;
import org.semanticweb.owlapi.model.OWLAnnotationValue;
import org.semanticweb.owlapi.model.OWLAxiom;
import org.semanticweb.owlapi.model.OWLClass;
import org.semanticweb.owlapi.model.OWLDataFactory;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyCreationException;
import org.semanticweb.owlapi.model.OWLOntologyManager;

/**
 * Compiles an {@link OntologySource} (core.ttl plus the term, finding and registry tables) into an
 * OWL 2 ontology. Lenient about meaning, strict about syntax: malformed rows throw an {@link
 * OntologyException} naming file, row and column; everything else is compiled as written so that
 * the validation build can report all problems at once.
 */
public final class OntologyCompiler {
  private final OWLDataFactory df;
  private final List<OWLAxiom> axioms = new ArrayList<>();
  private final List<CompileNote> notes = new ArrayList<>();
  private final Map<String, TermRow> byId = new HashMap<>();

  private OntologyCompiler(OWLDataFactory df) {
    this.df = df;
  }

  /** Compiles the source tree into a fresh ontology in a fresh manager. */
  public static CompiledOntology compile(OntologySource source) {
    return compile(source, OWLManager.createOWLOntologyManager());
  }

  /**
   * Compiles the source tree into a new ontology of {@code manager}, so that ontologies loaded into
   * the same manager later can import it by its IRI.
   */
  public static CompiledOntology compile(OntologySource source, OWLOntologyManager manager) {
    SourceTables tables = SourceTables.read(source.tables());
    OWLOntology ontology;
    try (InputStream in = Files.newInputStream(source.core())) {
      ontology = manager.loadOntologyFromOntologyDocument(in);
    } catch (IOException e) {
      throw new OntologyException(
          Code.SOURCE_MISSING, "cannot read " + source.core() + ": " + e.getMessage(), e);
    } catch (OWLOntologyCreationException e) {
      throw new OntologyException(
          Code.ONTOLOGY_PARSE, "cannot parse " + source.core() + ": " + e.getMessage(), e);
    }
    OntologyCompiler c = new OntologyCompiler(manager.getOWLDataFactory());
    c.run(tables);
    List<XrefSets.XrefSet> xrefSets = XrefSets.readAll(source);
    xrefSets.forEach(c::xrefs);
    XrefTargets.of(source)
        .ifPresent(
            t ->
                DerivedXrefs.derive(
                        xrefSets, t, tables.terms().getOrDefault(Branch.DISEASE, List.of()))
                    .forEach(c::derived));
    manager.addAxioms(ontology, new LinkedHashSet<>(c.axioms));
    return new CompiledOntology(ontology, tables, c.notes);
  }

  private void run(SourceTables tables) {
    tables.allTerms().forEach(t -> byId.put(t.id(), t));
    TreeIndex diseaseTree = new TreeIndex(tables.terms().get(Branch.DISEASE));
    String diseaseRoot = Derm.iriToCurie(Derm.DISEASE_ROOT).orElseThrow();
    Map<String, Set<String>> derm1mNames = derm1mNames(tables.registry());
    for (TermRow t : tables.allTerms()) {
      term(t);
      if (t.branch() == Branch.DISEASE && !t.deprecated()) {
        OptionalInt level = diseaseTree.depth(t.id(), diseaseRoot);
        if (level.isPresent()) {
          annotate(t.id(), Derm.LEVEL, df.getOWLLiteral(level.getAsInt()));
        }
        for (String name : derm1mNames.getOrDefault(t.id(), Set.of())) {
          annotate(t.id(), Derm.DERM1M_NAME, df.getOWLLiteral(name));
        }
      }
    }
    tables.findings().forEach(this::finding);
  }

  private Map<String, Set<String>> derm1mNames(List<RegistryRow> registry) {
    Map<String, Set<String>> names = new HashMap<>();
    for (RegistryRow r : registry) {
      check(r.term(), "registry");
      names.computeIfAbsent(r.term().id(), k -> new LinkedHashSet<>()).add(r.name());
    }
    return names;
  }

  /**
   * A curated mapping set: each row's SKOS mapping on its class (the target's IRI), and for an
   * exact match the target's CURIE as oboInOwl:hasDbXref (what OBO tools show as xrefs).
   */
  private void xrefs(XrefSets.XrefSet set) {
    for (XrefSets.Row r : set.rows()) {
      TermRow t = byId.get(r.subjectId());
      if (t == null || t.deprecated()) {
        throw new OntologyException(
            Code.MAPPING_FORMAT,
            r.where()
                + ": "
                + r.subjectId()
                + (t == null
                    ? " is not a class of the ontology"
                    : " is obsolete: map its replacement"));
      }
      String predicate = set.expand(r.predicateId());
      axioms.add(df.getOWLDeclarationAxiom(prop(predicate))); // OWL 2 DL: declared where used
      annotate(r.subjectId(), predicate, IRI.create(set.expand(r.objectId())));
      if (r.exact()) {
        axioms.add(df.getOWLDeclarationAxiom(prop(Obo.DB_XREF)));
        annotate(r.subjectId(), Obo.DB_XREF, df.getOWLLiteral(r.objectId()));
      }
    }
  }

  /**
   * A derived cross-reference: its SKOS mapping, and for an exact chain the CURIE as
   * oboInOwl:hasDbXref, each annotated with the class it came through (oboInOwl:source, as OBO xref
   * provenance is written).
   */
  private void derived(DerivedXrefs.Derived d) {
    String predicate = Obo.SKOS + d.predicate().substring("skos:".length());
    axioms.add(df.getOWLDeclarationAxiom(prop(predicate)));
    axioms.add(df.getOWLDeclarationAxiom(prop(Obo.SOURCE_XREF)));
    Set<OWLAnnotation> via =
        Set.of(df.getOWLAnnotation(prop(Obo.SOURCE_XREF), df.getOWLLiteral(d.via())));
    axioms.add(
        df.getOWLAnnotationAssertionAxiom(
            prop(predicate), iri(d.subject()), IRI.create(Obo.iri(d.object())), via));
    TermRow t = byId.get(d.subject());
    if (d.exact() && (t == null || !t.xrefs().contains(d.object()))) {
      // (an xref the table already gives stays as it is: one axiom, not two)
      axioms.add(df.getOWLDeclarationAxiom(prop(Obo.DB_XREF)));
      axioms.add(
          df.getOWLAnnotationAssertionAxiom(
              prop(Obo.DB_XREF), iri(d.subject()), df.getOWLLiteral(d.object()), via));
    }
  }

  private void term(TermRow t) {
    OWLClass cls = cls(t.id());
    axioms.add(df.getOWLDeclarationAxiom(cls));
    annotate(t.id(), df.getRDFSLabel(), literal(t.label()));
    annotate(t.id(), Obo.ID, df.getOWLLiteral(t.id()));
    t.parent()
        .ifPresent(p -> axioms.add(df.getOWLSubClassOfAxiom(cls, cls(check(p, "parent").id()))));
    t.exactSynonyms().forEach(s -> synonym(t.id(), Obo.EXACT_SYNONYM, s, null));
    t.relatedSynonyms().forEach(s -> synonym(t.id(), Obo.RELATED_SYNONYM, s, null));
    t.abbreviations().forEach(s -> synonym(t.id(), Obo.RELATED_SYNONYM, s, Obo.ABBREVIATION));
    t.misspellings().forEach(s -> synonym(t.id(), Obo.RELATED_SYNONYM, s, Obo.MISSPELLING));
    if (!t.definition().isEmpty()) {
      annotate(t.id(), Obo.DEFINITION, literal(t.definition()));
    }
    t.xrefs().forEach(x -> annotate(t.id(), Obo.DB_XREF, df.getOWLLiteral(x)));
    t.derm1mPhrases().forEach(x -> annotate(t.id(), Derm.DERM1M_PHRASE, literal(x)));
    if (!t.source().isEmpty()) {
      annotate(t.id(), Obo.SOURCE, df.getOWLLiteral(t.source()));
    }
    if (!t.comment().isEmpty()) {
      annotate(t.id(), df.getRDFSComment(), literal(t.comment()));
    }
    if (t.deprecated()) {
      annotate(t.id(), df.getOWLDeprecated(), df.getOWLLiteral(true));
      t.replacedBy()
          .ifPresent(
              r -> annotate(t.id(), Obo.TERM_REPLACED_BY, iri(check(r, "replaced_by").id())));
    }
  }

  private void finding(FindingRow f) {
    OWLClass cls = cls(f.id());
    axioms.add(df.getOWLDeclarationAxiom(cls));
    axioms.add(df.getOWLSubClassOfAxiom(cls, df.getOWLClass(IRI.create(Derm.FINDING_ROOT))));
    annotate(f.id(), df.getRDFSLabel(), literal(f.label()));
    annotate(f.id(), Obo.ID, df.getOWLLiteral(f.id()));
    if (!f.definition().isEmpty()) {
      annotate(f.id(), Obo.DEFINITION, literal(f.definition()));
    }
    if (!f.comment().isEmpty()) {
      annotate(f.id(), df.getRDFSComment(), literal(f.comment()));
    }
    for (Ref c : f.concepts()) {
      axioms.add(df.getOWLSubClassOfAxiom(cls, some(Derm.HAS_CONCEPT, check(c, "concepts").id())));
    }
    for (Ref s : f.sites()) {
      axioms.add(df.getOWLSubClassOfAxiom(cls, some(Derm.AT_SITE, check(s, "sites").id())));
    }
    Ref d = check(f.disease(), "disease");
    axioms.add(df.getOWLSubClassOfAxiom(cls(d.id()), some(Derm.HAS_TYPICAL_FINDING, f.id())));
  }

  /** Records a note when a reference's label hint disagrees with the referenced term's label. */
  private Ref check(Ref ref, String what) {
    TermRow target = byId.get(ref.id());
    if (target != null
        && !ref.labelHint().isEmpty()
        && !ref.labelHint().equals(target.label().strip())) {
      notes.add(
          new CompileNote(
              ref.row().where(),
              ref.id(),
              what
                  + " reference "
                  + ref.id()
                  + " says '"
                  + ref.labelHint()
                  + "' but the term's label is '"
                  + target.label().strip()
                  + "'"));
    }
    return ref;
  }

  private org.semanticweb.owlapi.model.OWLClassExpression some(String property, String id) {
    return df.getOWLObjectSomeValuesFrom(df.getOWLObjectProperty(IRI.create(property)), cls(id));
  }

  private void synonym(String id, String property, String value, String type) {
    Set<OWLAnnotation> anns =
        type == null
            ? Set.of()
            : Set.of(df.getOWLAnnotation(prop(Obo.SYNONYM_TYPE), IRI.create(type)));
    axioms.add(df.getOWLAnnotationAssertionAxiom(prop(property), iri(id), literal(value), anns));
  }

  private void annotate(String id, String property, OWLAnnotationValue value) {
    annotate(id, prop(property), value);
  }

  private void annotate(String id, OWLAnnotationProperty property, OWLAnnotationValue value) {
    axioms.add(df.getOWLAnnotationAssertionAxiom(property, iri(id), value));
  }

  private OWLAnnotationValue literal(String s) {
    return df.getOWLLiteral(s);
  }

  private OWLAnnotationProperty prop(String iri) {
    return df.getOWLAnnotationProperty(IRI.create(iri));
  }

  private OWLClass cls(String id) {
    return df.getOWLClass(iri(id));
  }

  private static IRI iri(String curie) {
    return IRI.create(Derm.curieToIri(curie));
  }
}
