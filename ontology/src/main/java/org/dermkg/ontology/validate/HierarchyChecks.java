package org.dermkg.ontology.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.dermkg.ontology.owl.ClassGraph;
import org.dermkg.ontology.table.Branch;
import org.dermkg.ontology.vocab.Derm;
import org.semanticweb.owlapi.model.IRI;

/** Tree-shape checks on asserted named superclasses: one parent, no cycles, rooted, shallow. */
final class HierarchyChecks {
  /** Deepest allowed disease level (the seven Derm1M categories are level 1). */
  static final int MAX_DEPTH = 5;

  private static final IRI DISEASE_ROOT = IRI.create(Derm.DISEASE_ROOT);

  private HierarchyChecks() {}

  static List<Check> all() {
    return List.of(
        SimpleCheck.of(
            "multiple_parents",
            "Single parent",
            Severity.ERROR,
            "structure",
            "Every class has at most one asserted named superclass: each branch is a strict tree.",
            HierarchyChecks::multipleParents),
        SimpleCheck.of(
            "hierarchy_cycle",
            "No subclass cycles",
            Severity.ERROR,
            "structure",
            "No class is its own ancestor through asserted subClassOf links.",
            HierarchyChecks::cycles),
        SimpleCheck.of(
            "orphan_class",
            "Every class reaches a branch root",
            Severity.ERROR,
            "structure",
            "Every live class hangs under 'Skin condition', 'Clinical concept', 'Body site' or 'Typical finding'; a disease therefore reaches one of the level-1 categories.",
            HierarchyChecks::orphans),
        SimpleCheck.of(
            "max_depth",
            "Disease depth at most " + MAX_DEPTH,
            Severity.ERROR,
            "structure",
            "No disease class lies deeper than level " + MAX_DEPTH + " below 'Skin condition'.",
            HierarchyChecks::depth),
        SimpleCheck.of(
            "level_mismatch",
            "Level annotation matches the tree",
            Severity.ERROR,
            "structure",
            "Every disease carries a 'hierarchy level' annotation equal to its depth below 'Skin condition'.",
            HierarchyChecks::levels));
  }

  private static List<IRI> live(ClassGraph g) {
    return g.classes().stream().filter(c -> !g.isDeprecated(c)).toList();
  }

  private static List<Violation> multipleParents(ValidationContext ctx) {
    ClassGraph g = ctx.graph();
    List<Violation> out = new ArrayList<>();
    for (IRI c : live(g)) {
      List<IRI> p = g.parents(c);
      if (p.size() > 1) {
        out.add(
            new Violation(
                c.toString(),
                g.label(c),
                g.display(c)
                    + " has "
                    + p.size()
                    + " parents: "
                    + String.join(", ", p.stream().map(g::display).toList())));
      }
    }
    return out;
  }

  /** Tarjan's strongly connected components over parent links; any component of 2+ is a cycle. */
  private static List<Violation> cycles(ValidationContext ctx) {
    ClassGraph g = ctx.graph();
    List<List<IRI>> components = StrongComponents.of(g);
    List<Violation> out = new ArrayList<>();
    for (List<IRI> comp : components) {
      boolean selfLoop = comp.size() == 1 && g.parents(comp.get(0)).contains(comp.get(0));
      if (comp.size() > 1 || selfLoop) {
        IRI first = comp.get(0);
        out.add(
            new Violation(
                first.toString(),
                g.label(first),
                "subclass cycle: "
                    + String.join(" → ", comp.stream().map(g::display).toList())
                    + " → "
                    + g.display(first)));
      }
    }
    return out;
  }

  private static List<Violation> orphans(ValidationContext ctx) {
    ClassGraph g = ctx.graph();
    List<Violation> out = new ArrayList<>();
    for (IRI c : live(g)) {
      if (g.branch(c).isPresent() || !g.isDeclared(c)) {
        continue;
      }
      List<IRI> tops = g.ancestorsOrSelf(c).stream().filter(a -> g.parents(a).isEmpty()).toList();
      out.add(
          new Violation(
              c.toString(),
              g.label(c),
              g.display(c)
                  + " does not reach any branch root; its ancestry ends at "
                  + String.join(
                      ", ",
                      tops.stream()
                          .map(t -> g.display(t) + (g.isDeclared(t) ? "" : " (undeclared)"))
                          .toList())));
    }
    return out;
  }

  private static List<Violation> depth(ValidationContext ctx) {
    ClassGraph g = ctx.graph();
    List<Violation> out = new ArrayList<>();
    for (IRI c : live(g)) {
      if (g.branch(c).equals(Optional.of(Branch.DISEASE))) {
        OptionalInt d = g.depth(c, DISEASE_ROOT);
        if (d.isPresent() && d.getAsInt() > MAX_DEPTH) {
          out.add(
              new Violation(
                  c.toString(),
                  g.label(c),
                  g.display(c)
                      + " is at level "
                      + d.getAsInt()
                      + " (at most "
                      + MAX_DEPTH
                      + " allowed)"));
        }
      }
    }
    return out;
  }

  private static List<Violation> levels(ValidationContext ctx) {
    ClassGraph g = ctx.graph();
    List<Violation> out = new ArrayList<>();
    for (IRI c : live(g)) {
      if (!g.branch(c).equals(Optional.of(Branch.DISEASE)) || !g.isDeclared(c)) {
        continue;
      }
      OptionalInt d = g.depth(c, DISEASE_ROOT);
      List<String> levels = g.values(c, Derm.LEVEL);
      String expected = d.isPresent() ? Integer.toString(d.getAsInt()) : "?";
      if (levels.size() != 1 || !levels.get(0).equals(expected)) {
        out.add(
            new Violation(
                c.toString(),
                g.label(c),
                g.display(c)
                    + " has level "
                    + (levels.isEmpty() ? "(none)" : String.join(",", levels))
                    + " but sits at depth "
                    + expected));
      }
    }
    return out;
  }
}
