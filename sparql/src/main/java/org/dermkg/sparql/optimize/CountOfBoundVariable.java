package org.dermkg.sparql.optimize;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.ARQConstants;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.TransformCopy;
import org.apache.jena.sparql.algebra.Transformer;
import org.apache.jena.sparql.algebra.op.OpBGP;
import org.apache.jena.sparql.algebra.op.OpFilter;
import org.apache.jena.sparql.algebra.op.OpGraph;
import org.apache.jena.sparql.algebra.op.OpGroup;
import org.apache.jena.sparql.algebra.op.OpJoin;
import org.apache.jena.sparql.algebra.op.OpQuadPattern;
import org.apache.jena.sparql.algebra.op.OpSequence;
import org.apache.jena.sparql.algebra.optimize.Optimize;
import org.apache.jena.sparql.algebra.optimize.RewriteFactory;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.expr.ExprAggregator;
import org.apache.jena.sparql.expr.aggregate.AggCount;
import org.apache.jena.sparql.expr.aggregate.AggCountVar;
import org.apache.jena.sparql.util.Context;

/**
 * {@code COUNT(?v)} becomes {@code COUNT(*)} where every row of the grouped pattern binds {@code
 * ?v}: the two count the same rows, but Jena evaluates {@code ?v} for each row to see that it is
 * bound, which on TDB2 turns the row's node id into a node (a node-table lookup per row). For
 * "images per label under a class" at 20,000 images that lookup was 30% of the query's time
 * (README, issue #22). A variable counts as bound only when a basic graph pattern, quad pattern or
 * GRAPH names it in a pattern built of those, joins and filters; anything else (OPTIONAL, UNION,
 * MINUS, VALUES, BIND, sub-queries) leaves the aggregate as it was. {@code COUNT(DISTINCT ?v)} is
 * never changed.
 */
public final class CountOfBoundVariable extends TransformCopy {
  private CountOfBoundVariable() {}

  /**
   * Adds the rewrite after the optimizer queries over {@code context}'s dataset would otherwise use
   * (the context's own, else ARQ's global one); idempotent. Nothing outside that dataset's queries
   * changes.
   */
  public static void install(Context context) {
    Object current = context.get(ARQConstants.sysOptimizerFactory);
    if (current instanceof Factory) {
      return;
    }
    RewriteFactory inner = current instanceof RewriteFactory f ? f : Optimize.getFactory();
    context.set(ARQConstants.sysOptimizerFactory, new Factory(inner));
  }

  /** The rewrite of {@code op}. */
  public static Op rewrite(Op op) {
    return Transformer.transform(new CountOfBoundVariable(), op);
  }

  private record Factory(RewriteFactory inner) implements RewriteFactory {
    @Override
    public org.apache.jena.sparql.algebra.optimize.Rewrite create(Context context) {
      org.apache.jena.sparql.algebra.optimize.Rewrite standard = inner.create(context);
      return op -> rewrite(standard.rewrite(op));
    }
  }

  @Override
  public Op transform(OpGroup group, Op sub) {
    Set<Var> bound = boundInEveryRow(sub);
    List<ExprAggregator> aggregators = new ArrayList<>();
    boolean changed = false;
    for (ExprAggregator a : group.getAggregators()) {
      if (a.getAggregator() instanceof AggCountVar count
          && count.getExprList().size() == 1
          && count.getExprList().get(0).isVariable()
          && bound.contains(count.getExprList().get(0).asVar())) {
        aggregators.add(new ExprAggregator(a.getVar(), new AggCount()));
        changed = true;
      } else {
        aggregators.add(a);
      }
    }
    return changed
        ? OpGroup.create(sub, group.getGroupVars(), aggregators)
        : super.transform(group, sub);
  }

  /** Variables every row of {@code op} binds; empty for anything not known to bind them. */
  static Set<Var> boundInEveryRow(Op op) {
    Set<Var> vars = new HashSet<>();
    switch (op) {
      case OpBGP bgp ->
          bgp.getPattern()
              .forEach(t -> addVars(vars, t.getSubject(), t.getPredicate(), t.getObject()));
      case OpQuadPattern q ->
          q.getPattern()
              .forEach(
                  quad ->
                      addVars(
                          vars,
                          quad.getGraph(),
                          quad.getSubject(),
                          quad.getPredicate(),
                          quad.getObject()));
      case OpJoin j -> {
        vars.addAll(boundInEveryRow(j.getLeft()));
        vars.addAll(boundInEveryRow(j.getRight()));
      }
      case OpSequence s -> s.getElements().forEach(e -> vars.addAll(boundInEveryRow(e)));
      case OpFilter f -> vars.addAll(boundInEveryRow(f.getSubOp()));
      case OpGraph g -> {
        vars.addAll(boundInEveryRow(g.getSubOp()));
        addVars(vars, g.getNode());
      }
      default -> {
        // not known to bind anything in every row
      }
    }
    return vars;
  }

  private static void addVars(Set<Var> vars, Node... nodes) {
    for (Node n : nodes) {
      if (Var.isVar(n) && !Var.isBlankNodeVar(n)) {
        vars.add(Var.alloc(n));
      }
    }
  }
}
