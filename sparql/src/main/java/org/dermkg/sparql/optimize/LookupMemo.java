package org.dermkg.sparql.optimize;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.atlas.lib.tuple.Tuple;
import org.apache.jena.atlas.lib.tuple.TupleFactory;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.tdb2.solver.BindingNodeId;
import org.apache.jena.tdb2.store.NodeId;
import org.apache.jena.tdb2.store.nodetable.NodeTable;
import org.apache.jena.tdb2.store.nodetupletable.NodeTupleTable;

/**
 * One quad pattern (graph, subject, predicate, object) of a basic graph pattern's run: the index
 * matches for each incoming row, remembered by the row's values for the pattern's variables while
 * that keeps paying (see {@link RepeatedLookups}). Not thread-safe: one run, one thread.
 */
final class LookupMemo {
  /** Lookups after which a pattern with fewer than a quarter repeats stops remembering. */
  static final int TRIAL = 128;

  /** Matches remembered for one key; a key with more is read from the index every time. */
  static final int MAX_PER_KEY = 64;

  /**
   * Matches one pattern remembers in all (about 3 MiB of tuples); past it, new keys are no longer
   * kept.
   */
  static final int MAX_KEPT = 20_000;

  private final NodeTupleTable table;
  private final boolean union;

  /** Per slot: the variable, or null for a constant. */
  private final Var[] vars = new Var[4];

  /** Per slot: the constant's node id (NodeIdAny for the union's graph), null for a variable. */
  private final NodeId[] constants = new NodeId[4];

  /** True when a constant of the pattern is not in the store: nothing can match. */
  private final boolean impossible;

  private Map<Key, List<Tuple<NodeId>>> memo = new HashMap<>();
  private int lookups;
  private int repeats;
  private int kept;

  LookupMemo(NodeTupleTable table, Node[] pattern, boolean union) {
    this.table = table;
    this.union = union;
    NodeTable nodes = table.getNodeTable();
    boolean missing = false;
    for (int i = 0; i < 4; i++) {
      Node n = pattern[i];
      if (Var.isVar(n)) {
        vars[i] = Var.alloc(n);
      } else if (Node.ANY.equals(n)) {
        constants[i] = NodeId.NodeIdAny;
      } else {
        constants[i] = nodes.getNodeIdForNode(n);
        missing |= NodeId.isDoesNotExist(constants[i]);
      }
    }
    this.impossible = missing;
  }

  /** The rows {@code in} extended by each match of this pattern. */
  Iterator<BindingNodeId> matches(BindingNodeId in) {
    if (impossible) {
      return Iter.nullIterator();
    }
    NodeId[] ids = constants.clone();
    Var[] unbound = new Var[4];
    for (int i = 0; i < 4; i++) {
      if (vars[i] == null) {
        continue;
      }
      NodeId id = in.get(vars[i]);
      if (id == null) {
        unbound[i] = vars[i];
      } else if (NodeId.isDoesNotExist(id)) {
        return Iter.nullIterator();
      } else {
        ids[i] = id;
      }
    }
    return bind(in, lookup(ids), unbound);
  }

  private Iterator<Tuple<NodeId>> lookup(NodeId[] ids) {
    if (memo == null) {
      return find(ids);
    }
    Key key = new Key(ids);
    List<Tuple<NodeId>> known = memo.get(key);
    lookups++;
    if (known != null) {
      repeats++;
    }
    if (lookups == TRIAL && repeats * 4 < TRIAL) {
      memo = null;
    }
    if (known != null) {
      RepeatedLookups.countRemembered();
      return known.iterator();
    }
    Iterator<Tuple<NodeId>> found = find(ids);
    if (memo == null || kept >= MAX_KEPT) {
      return found;
    }
    List<Tuple<NodeId>> first = new ArrayList<>();
    while (first.size() <= MAX_PER_KEY && found.hasNext()) {
      first.add(found.next());
    }
    if (first.size() > MAX_PER_KEY) {
      return Iter.concat(first.iterator(), found);
    }
    memo.put(key, first);
    kept += Math.max(1, first.size());
    return first.iterator();
  }

  /** The index matches of {@code ids} (null: any); over the union, each triple once. */
  private Iterator<Tuple<NodeId>> find(NodeId[] ids) {
    Iterator<Tuple<NodeId>> found = table.find(TupleFactory.create(ids));
    if (!union) {
      return found;
    }
    // Over the union the graph slot is any; an index ending in G keeps one triple's quads
    // adjacent, so dropping the graph and adjacent repeats gives each triple once (as TDB2 does).
    return Iter.distinctAdjacent(
        Iter.map(found, q -> TupleFactory.create4(NodeId.NodeIdAny, q.get(1), q.get(2), q.get(3))));
  }

  /** {@code in} extended by each match; a match disagreeing on a repeated variable is dropped. */
  private static Iterator<BindingNodeId> bind(
      BindingNodeId in, Iterator<Tuple<NodeId>> matches, Var[] unbound) {
    return Iter.iter(matches)
        .map(
            t -> {
              BindingNodeId out = new BindingNodeId(in);
              for (int i = 0; i < 4; i++) {
                Var v = unbound[i];
                if (v == null) {
                  continue;
                }
                NodeId already = out.get(v);
                if (already != null && !already.equals(t.get(i))) {
                  return null;
                }
                out.put(v, t.get(i));
              }
              return out;
            })
        .removeNulls();
  }

  /** The node ids of one lookup, compared by value. */
  private record Key(NodeId[] ids) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && Arrays.equals(ids, k.ids);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(ids);
    }

    @Override
    public String toString() {
      return Arrays.toString(ids);
    }
  }
}
