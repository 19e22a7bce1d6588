package org.dermkg.ontology.owl;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.dermkg.ontology.table.Branch;
import org.dermkg.ontology.vocab.Derm;
import org.semanticweb.owlapi.model.IRI;
import org.semanticweb.owlapi.model.OWLAnnotationAssertionAxiom;
import org.semanticweb.owlapi.model.OWLClass;
import org.semanticweb.owlapi.model.OWLLiteral;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLSubClassOfAxiom;
import org.semanticweb.owlapi.model.parameters.Imports;
import org.semanticweb.owlapi.vocab.OWLRDFVocabulary;

/**
 * A read-only snapshot of an ontology's named classes: asserted named superclasses, annotation
 * values and the branch each class hangs under. Cycle-safe; built once per ontology (imports
 * included) and shared by the resolver and the validation checks.
 */
public final class ClassGraph {
  private final Set<IRI> classes = new java.util.LinkedHashSet<>();
  private final Set<IRI> declared = new HashSet<>();
  private final Map<IRI, List<IRI>> parents = new HashMap<>();
  private final Map<IRI, List<IRI>> children = new HashMap<>();
  private final Map<IRI, Map<String, List<String>>> annotations = new HashMap<>();
  private final Map<IRI, Optional<Branch>> branchCache = new HashMap<>();

  /** Subclass links and annotations in the order they were added, for {@link ClassGraphFile}. */
  private final List<String[]> log = new ArrayList<>();

  private ClassGraph() {}

  /** Snapshots the ontology (with its imports closure). */
  public static ClassGraph of(OWLOntology ontology) {
    ClassGraph g = new ClassGraph();
    ontology
        .classesInSignature(Imports.INCLUDED)
        .filter(c -> !c.isOWLThing() && !c.isOWLNothing())
        .forEach(c -> g.addClass(c.getIRI()));
    ontology
        .importsClosure()
        .flatMap(o -> o.axioms(org.semanticweb.owlapi.model.AxiomType.DECLARATION))
        .filter(d -> d.getEntity().isOWLClass())
        .forEach(d -> g.declare(d.getEntity().getIRI()));
    ontology
        .importsClosure()
        .flatMap(o -> o.axioms(org.semanticweb.owlapi.model.AxiomType.SUBCLASS_OF))
        .sorted() // axiom sets iterate in a different order in each JVM; the graph must not
        .forEach(g::addSubClass);
    ontology
        .importsClosure()
        .flatMap(o -> o.axioms(org.semanticweb.owlapi.model.AxiomType.ANNOTATION_ASSERTION))
        .sorted() // likewise: synonyms keep one order in every process
        .forEach(g::addAnnotation);
    return g;
  }

  private void addSubClass(OWLSubClassOfAxiom ax) {
    if (ax.getSubClass().isNamed() && ax.getSuperClass().isNamed()) {
      OWLClass sub = ax.getSubClass().asOWLClass();
      OWLClass sup = ax.getSuperClass().asOWLClass();
      if (sup.isOWLThing()) {
        return;
      }
      link(sub.getIRI(), sup.getIRI());
    }
  }

  void link(IRI sub, IRI sup) {
    parents.computeIfAbsent(sub, k -> new ArrayList<>()).add(sup);
    children.computeIfAbsent(sup, k -> new ArrayList<>()).add(sub);
    log.add(new String[] {sub.toString(), sup.toString()});
  }

  void annotate(IRI subject, String property, String value) {
    annotations
        .computeIfAbsent(subject, k -> new HashMap<>())
        .computeIfAbsent(property, k -> new ArrayList<>())
        .add(value);
    log.add(new String[] {subject.toString(), property, value});
  }

  void addClass(IRI iri) {
    classes.add(iri);
  }

  void declare(IRI iri) {
    declared.add(iri);
  }

  static ClassGraph empty() {
    return new ClassGraph();
  }

  Set<IRI> declaredClasses() {
    return Collections.unmodifiableSet(declared);
  }

  /** Subclass links ({sub, super}) and annotations ({subject, property, value}) in added order. */
  List<String[]> log() {
    return Collections.unmodifiableList(log);
  }

  private void addAnnotation(OWLAnnotationAssertionAxiom ax) {
    if (!ax.getSubject().isIRI()) {
      return;
    }
    IRI subject = (IRI) ax.getSubject();
    String value =
        ax.getValue()
            .asLiteral()
            .map(OWLLiteral::getLiteral)
            .orElseGet(() -> ax.getValue().asIRI().map(IRI::toString).orElse(""));
    annotate(subject, ax.getProperty().getIRI().toString(), value);
  }

  /** Named classes in the signature (owl:Thing and owl:Nothing excluded), in signature order. */
  public Set<IRI> classes() {
    return Collections.unmodifiableSet(classes);
  }

  /** True when the class has a declaration axiom. */
  public boolean isDeclared(IRI iri) {
    return declared.contains(iri);
  }

  public List<IRI> parents(IRI iri) {
    return parents.getOrDefault(iri, List.of());
  }

  public List<IRI> children(IRI iri) {
    return children.getOrDefault(iri, List.of());
  }

  /** All values of an annotation property on a subject, in axiom order. */
  public List<String> values(IRI subject, String property) {
    return annotations.getOrDefault(subject, Map.of()).getOrDefault(property, List.of());
  }

  /** All annotation values of a subject keyed by property IRI. */
  public Map<String, List<String>> annotations(IRI subject) {
    return annotations.getOrDefault(subject, Map.of());
  }

  /** The first rdfs:label, or empty string. */
  public String label(IRI iri) {
    List<String> l = values(iri, OWLRDFVocabulary.RDFS_LABEL.getIRI().toString());
    return l.isEmpty() ? "" : l.get(0);
  }

  public boolean isDeprecated(IRI iri) {
    return values(iri, OWLRDFVocabulary.OWL_DEPRECATED.getIRI().toString()).contains("true");
  }

  /** "'label' (DERM:0001234)" for messages; the IRI when there is no label. */
  public String display(IRI iri) {
    String id = Derm.iriToCurie(iri.toString()).orElse(iri.toString());
    String label = label(iri);
    return label.isEmpty() ? id : "'" + label + "' (" + id + ")";
  }

  /** The branch whose root the class reaches through asserted parents (a root is in its own). */
  public Optional<Branch> branch(IRI iri) {
    Optional<Branch> cached = branchCache.get(iri);
    if (cached != null) {
      return cached;
    }
    Optional<Branch> found = Optional.empty();
    Set<IRI> ancestors = ancestorsOrSelf(iri);
    for (Branch b : Branch.values()) {
      if (ancestors.contains(IRI.create(b.rootIri()))) {
        found = Optional.of(b);
        break;
      }
    }
    branchCache.put(iri, found);
    return found;
  }

  /** The class and all its asserted named ancestors (cycle-safe). */
  public Set<IRI> ancestorsOrSelf(IRI iri) {
    Set<IRI> seen = new java.util.LinkedHashSet<>();
    Deque<IRI> todo = new ArrayDeque<>(List.of(iri));
    while (!todo.isEmpty()) {
      IRI cur = todo.pop();
      if (seen.add(cur)) {
        todo.addAll(parents(cur));
      }
    }
    return seen;
  }

  /** Shortest number of parent steps from {@code iri} up to {@code root}, empty if unreachable. */
  public OptionalInt depth(IRI iri, IRI root) {
    Map<IRI, Integer> dist = new LinkedHashMap<>();
    Deque<IRI> todo = new ArrayDeque<>(List.of(iri));
    dist.put(iri, 0);
    while (!todo.isEmpty()) {
      IRI cur = todo.removeFirst();
      if (cur.equals(root)) {
        return OptionalInt.of(dist.get(cur));
      }
      for (IRI p : parents(cur)) {
        if (!dist.containsKey(p)) {
          dist.put(p, dist.get(cur) + 1);
          todo.addLast(p);
        }
      }
    }
    return OptionalInt.empty();
  }
}
