package org.dermkg.sparql.optimize;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.ARQConstants;
import org.apache.jena.sparql.algebra.op.OpQuadPattern;
import org.apache.jena.sparql.core.BasicPattern;
import org.apache.jena.sparql.core.Substitute;
import org.apache.jena.sparql.engine.ExecutionContext;
import org.apache.jena.sparql.engine.QueryIterator;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.iterator.Abortable;
import org.apache.jena.sparql.engine.iterator.QueryIterAbortable;
import org.apache.jena.sparql.engine.iterator.QueryIterFailed;
import org.apache.jena.sparql.engine.iterator.QueryIterPeek;
import org.apache.jena.sparql.engine.main.OpExecutorFactory;
import org.apache.jena.sparql.engine.main.QC;
import org.apache.jena.sparql.engine.main.solver.SolverLib;
import org.apache.jena.sparql.engine.optimizer.reorder.ReorderTransformation;
import org.apache.jena.sparql.util.Context;
import org.apache.jena.tdb2.solver.BindingNodeId;
import org.apache.jena.tdb2.solver.BindingTDB;
import org.apache.jena.tdb2.solver.OpExecutorTDB2;
import org.apache.jena.tdb2.solver.QC2;
import org.apache.jena.tdb2.store.DatasetGraphTDB;
import org.apache.jena.tdb2.store.GraphTDB;
import org.apache.jena.tdb2.store.nodetable.NodeTable;
import org.apache.jena.tdb2.store.nodetupletable.NodeTupleTable;

/**
 * TDB2's query executor with one change to the basic graph patterns over quads (the union default
 * graph and {@code GRAPH} blocks): a triple pattern that is asked again with the same bound values
 * within one pattern's run is answered from what it found the first time instead of descending the
 * B+tree again. "Images per diagnosis label under a class" looks up the label of the same few
 * diagnoses once per image; each of those lookups was a B+tree descent (issue #22, README).
 *
 * <p>Each triple pattern decides for itself, within the run: after {@value LookupMemo#TRIAL}
 * lookups it keeps remembering only if at least a quarter were repeats, so a per-image pattern (a
 * new subject each time) soon stops paying for it. What one pattern keeps is bounded ({@value
 * LookupMemo#MAX_PER_KEY} matches per key, {@value LookupMemo#MAX_KEPT} in all); a key with more
 * matches is read from the index each time. Nothing outlives the run, which is inside one read
 * transaction, so nothing can go stale. The join order, the union graph's distinct triples and
 * cancellation are TDB2's own; patterns with a tuple filter (Fuseki's access control), triple terms
 * with variables, and triples of the real default graph go to TDB2's executor unchanged.
 */
public final class RepeatedLookups extends OpExecutorTDB2 {
  private static final LongAdder REMEMBERED = new LongAdder();

  /** Creates this executor for each query; set in a context by {@link #install}. */
  public static final OpExecutorFactory FACTORY = RepeatedLookups::new;

  private RepeatedLookups(ExecutionContext context) {
    super(context);
  }

  /** Makes queries over {@code context}'s dataset run with this executor. */
  public static void install(Context context) {
    QC.setFactory(context, FACTORY);
  }

  /** Puts back the executor {@code context} had before {@link #install} (TDB2's own). */
  public static void uninstall(Context context) {
    if (QC.getFactory(context) == FACTORY) {
      context.remove(ARQConstants.sysOpExecutorFactory);
    }
  }

  /** How many lookups this JVM answered from memory so far (for tests and diagnostics). */
  public static long remembered() {
    return REMEMBERED.sum();
  }

  static void countRemembered() {
    REMEMBERED.increment();
  }

  @Override
  protected QueryIterator execute(OpQuadPattern quadPattern, QueryIterator input) {
    if (!(execCxt.getActiveGraph() instanceof GraphTDB)
        || !(execCxt.getDataset() instanceof DatasetGraphTDB dataset)
        || QC2.getFilter(execCxt.getContext()) != null) {
      return super.execute(quadPattern, input);
    }
    Node graph = decideGraphNode(quadPattern.getGraphNode(), execCxt);
    BasicPattern pattern = quadPattern.getBasicPattern();
    if (graph == null
        || pattern.size() < 2
        || pattern.getList().stream().anyMatch(SolverLib::tripleHasEmbTripleWithVars)) {
      return super.execute(quadPattern, input);
    }
    ReorderTransformation reorder = dataset.getReorderTransform();
    if (reorder != null) {
      QueryIterPeek peek = QueryIterPeek.create(input, execCxt);
      try {
        if (!peek.hasNext()) {
          return peek;
        }
        BasicPattern bound = Substitute.substitute(pattern, peek.peek());
        pattern = reorder.reorderIndexes(bound).reorder(pattern);
      } catch (RuntimeException e) {
        return new QueryIterFailed(peek, execCxt, e);
      }
      input = peek;
    }
    return match(dataset.chooseNodeTupleTable(graph), graph, pattern, input);
  }

  /** The bindings of {@code pattern} in {@code graph} (Node.ANY: the union) for each input row. */
  private QueryIterator match(
      NodeTupleTable table, Node graph, BasicPattern pattern, QueryIterator input) {
    NodeTable nodes = table.getNodeTable();
    boolean union = Node.ANY.equals(graph);
    Iterator<BindingNodeId> rows = Iter.map(input, b -> ids(b, nodes));
    List<Abortable> abortable = new ArrayList<>();
    for (Triple t : pattern) {
      LookupMemo stage =
          new LookupMemo(
              table, new Node[] {graph, t.getSubject(), t.getPredicate(), t.getObject()}, union);
      rows = Iter.flatMap(rows, stage::matches);
      rows = SolverLib.makeAbortable(rows, abortable, execCxt.getCancelSignal());
    }
    Iterator<Binding> out = Iter.map(rows, b -> new BindingTDB(b, nodes));
    return new QueryIterAbortable(out, abortable, input, execCxt);
  }

  /** A row of nodes as a row of node ids (a node not in the store gets "does not exist"). */
  private static BindingNodeId ids(Binding binding, NodeTable nodes) {
    if (binding instanceof BindingTDB tdb) {
      return tdb.getBindingId();
    }
    BindingNodeId ids = new BindingNodeId(binding);
    binding.forEach(
        (v, n) -> {
          if (n != null) {
            ids.put(v, nodes.getNodeIdForNode(n));
          }
        });
    return ids;
  }
}
