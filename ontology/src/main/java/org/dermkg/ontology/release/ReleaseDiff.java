package org.dermkg.ontology.release;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.dermkg.ontology.owl.ClassGraph;
import org.dermkg.ontology.owl.OntologyIO;
import org.dermkg.ontology.vocab.Derm;
import org.dermkg.ontology.vocab.Obo;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.model.AxiomType;
import org.semanticweb.owlapi.model.IRI;
import org.semanticweb.owlapi.model.OWLAxiom;
import org.semanticweb.owlapi.model.OWLOntology;

/**
 * What changed between two releases, axiom by axiom and class by class, in Markdown (as ROBOT's
 * diff reports it, grouped for a curator): classes added, removed and made obsolete, relabelled
 * classes, moved parents, changed synonyms, definitions and mappings (SKOS matches and xrefs), and
 * the axiom counts by type. Either file may be any syntax the OWL API reads (OWL, Turtle, OBO).
 */
public final class ReleaseDiff {
  private static final String SKOS_PREFIX = Obo.SKOS;

  private final ClassGraph oldGraph;
  private final ClassGraph newGraph;
  private final OWLOntology oldOntology;
  private final OWLOntology newOntology;

  private ReleaseDiff(OWLOntology oldOntology, OWLOntology newOntology) {
    this.oldOntology = oldOntology;
    this.newOntology = newOntology;
    this.oldGraph = ClassGraph.of(oldOntology);
    this.newGraph = ClassGraph.of(newOntology);
  }

  /** The diff of two ontology files as Markdown. */
  public static String of(Path oldFile, Path newFile) {
    OWLOntology a = OntologyIO.load(OWLManager.createOWLOntologyManager(), oldFile).ontology();
    OWLOntology b = OntologyIO.load(OWLManager.createOWLOntologyManager(), newFile).ontology();
    return of(a, b, oldFile.getFileName().toString(), newFile.getFileName().toString());
  }

  /** The diff of two loaded ontologies as Markdown. */
  public static String of(OWLOntology a, OWLOntology b, String oldName, String newName) {
    return new ReleaseDiff(a, b).render(oldName, newName);
  }

  private static final List<String> SECTIONS =
      List.of(
          "Classes added",
          "Classes removed",
          "Classes made obsolete",
          "Relabelled",
          "Parents moved",
          "Synonyms changed",
          "Definitions changed",
          "Mappings and xrefs changed");

  private String render(String oldName, String newName) {
    StringBuilder md = new StringBuilder();
    md.append("# Release diff: ").append(oldName).append(" → ").append(newName).append("\n\n");
    axiomCounts(md);
    Map<String, List<String>> s = new java.util.LinkedHashMap<>();
    SECTIONS.forEach(t -> s.put(t, new ArrayList<>()));
    for (IRI c : sorted(newGraph.classes())) {
      if (oldGraph.classes().contains(c)) {
        classChanges(c, s);
      } else {
        s.get("Classes added").add(newGraph.display(c) + parentsText(newGraph, c));
      }
    }
    for (IRI c : sorted(oldGraph.classes())) {
      if (!newGraph.classes().contains(c)) {
        s.get("Classes removed").add(oldGraph.display(c));
      }
    }
    s.forEach((title, lines) -> section(md, title, lines));
    return md.toString();
  }

  private void classChanges(IRI c, Map<String, List<String>> s) {
    if (newGraph.isDeprecated(c) && !oldGraph.isDeprecated(c)) {
      s.get("Classes made obsolete").add(newGraph.display(c));
    }
    if (!oldGraph.label(c).equals(newGraph.label(c))) {
      s.get("Relabelled")
          .add(id(c) + ": '" + oldGraph.label(c) + "' → '" + newGraph.label(c) + "'");
    }
    changed(c, g -> names(g.parents(c), g), s.get("Parents moved"));
    changed(c, g -> synonymsOf(g, c), s.get("Synonyms changed"));
    changed(c, g -> new TreeSet<>(g.values(c, Obo.DEFINITION)), s.get("Definitions changed"));
    changed(c, g -> mappingsOf(g, c), s.get("Mappings and xrefs changed"));
  }

  private void axiomCounts(StringBuilder md) {
    Set<OWLAxiom> a = oldOntology.axioms().collect(java.util.stream.Collectors.toSet());
    Set<OWLAxiom> b = newOntology.axioms().collect(java.util.stream.Collectors.toSet());
    md.append("| axiom type | removed | added |\n|---|---|---|\n");
    long removedAll = 0;
    long addedAll = 0;
    for (AxiomType<?> t : AxiomType.AXIOM_TYPES) {
      long removed = a.stream().filter(x -> x.getAxiomType() == t && !b.contains(x)).count();
      long added = b.stream().filter(x -> x.getAxiomType() == t && !a.contains(x)).count();
      removedAll += removed;
      addedAll += added;
      if (removed + added > 0) {
        md.append("| ").append(t.getName()).append(" | ").append(removed).append(" | ");
        md.append(added).append(" |\n");
      }
    }
    md.append("| **all** | ").append(removedAll).append(" | ").append(addedAll).append(" |\n\n");
  }

  /** A bullet when a per-class set differs: what went, what came. */
  private void changed(IRI c, Function<ClassGraph, Set<String>> of, List<String> out) {
    Set<String> was = of.apply(oldGraph);
    Set<String> now = of.apply(newGraph);
    if (was.equals(now)) {
      return;
    }
    Set<String> gone = new TreeSet<>(was);
    gone.removeAll(now);
    Set<String> came = new TreeSet<>(now);
    came.removeAll(was);
    StringBuilder b = new StringBuilder(newGraph.display(c)).append(": ");
    if (!gone.isEmpty()) {
      b.append("− ").append(String.join("; ", gone));
    }
    if (!came.isEmpty()) {
      b.append(gone.isEmpty() ? "" : " ").append("+ ").append(String.join("; ", came));
    }
    out.add(b.toString());
  }

  private static Set<String> synonymsOf(ClassGraph g, IRI c) {
    Set<String> out = new TreeSet<>();
    for (String p :
        List.of(Obo.EXACT_SYNONYM, Obo.RELATED_SYNONYM, Obo.BROAD_SYNONYM, Obo.NARROW_SYNONYM)) {
      String kind = p.substring(p.indexOf("has") + 3).replace("Synonym", "").toLowerCase();
      g.values(c, p).forEach(v -> out.add("\"" + v + "\" " + kind));
    }
    return out;
  }

  private static Set<String> mappingsOf(ClassGraph g, IRI c) {
    Set<String> out = new TreeSet<>();
    for (Map.Entry<String, List<String>> e : g.annotations(c).entrySet()) {
      if (e.getKey().startsWith(SKOS_PREFIX)
          && Obo.SKOS_MATCHES.contains(e.getKey().substring(SKOS_PREFIX.length()))) {
        String p = "skos:" + e.getKey().substring(SKOS_PREFIX.length());
        e.getValue().forEach(v -> out.add(p + " " + Obo.curie(v)));
      } else if (e.getKey().equals(Obo.DB_XREF)) {
        e.getValue().forEach(v -> out.add("xref " + v));
      }
    }
    return out;
  }

  private static Set<String> names(List<IRI> iris, ClassGraph g) {
    Set<String> out = new LinkedHashSet<>();
    iris.stream().sorted().forEach(i -> out.add(g.display(i)));
    return new TreeSet<>(out);
  }

  private static String parentsText(ClassGraph g, IRI c) {
    List<IRI> ps = g.parents(c);
    return ps.isEmpty() ? "" : " under " + String.join(", ", names(ps, g));
  }

  private static String id(IRI c) {
    return Derm.iriToCurie(c.toString()).orElse(c.toString());
  }

  private static List<IRI> sorted(Set<IRI> s) {
    return s.stream().sorted().toList();
  }

  private static void section(StringBuilder md, String title, List<String> lines) {
    md.append("## ").append(title).append(" (").append(lines.size()).append(")\n\n");
    if (lines.isEmpty()) {
      md.append("None.\n\n");
      return;
    }
    lines.forEach(l -> md.append("- ").append(l).append('\n'));
    md.append('\n');
  }
}
