package org.dermkg.ontology.validate;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dermkg.ontology.owl.ClassGraph;
import org.semanticweb.owlapi.model.IRI;

/**
 * Tarjan's strongly connected components over a class graph's parent links, iterative to stay safe
 * on deep hierarchies.
 */
final class StrongComponents {
  /** One frame of the explicit depth-first stack: a class and the next parent link to follow. */
  private static final class Frame {
    final IRI node;
    int next;

    Frame(IRI node) {
      this.node = node;
    }
  }

  private final ClassGraph g;
  private final Map<IRI, Integer> index = new HashMap<>();
  private final Map<IRI, Integer> low = new HashMap<>();
  private final Deque<IRI> stack = new ArrayDeque<>();
  private final Set<IRI> onStack = new HashSet<>();
  private final List<List<IRI>> components = new ArrayList<>();
  private int counter;

  private StrongComponents(ClassGraph g) {
    this.g = g;
  }

  /** Every component, each in stack order, in the order Tarjan's algorithm closes them. */
  static List<List<IRI>> of(ClassGraph g) {
    StrongComponents t = new StrongComponents(g);
    for (IRI start : g.classes()) {
      if (!t.index.containsKey(start)) {
        t.strongConnect(start);
      }
    }
    return t.components;
  }

  private void strongConnect(IRI root) {
    Deque<Frame> work = new ArrayDeque<>();
    work.push(new Frame(root));
    while (!work.isEmpty()) {
      Frame frame = work.peek();
      IRI v = frame.node;
      if (frame.next == 0) {
        enter(v);
      }
      List<IRI> next = g.parents(v);
      if (frame.next < next.size()) {
        IRI w = next.get(frame.next++);
        if (!index.containsKey(w)) {
          work.push(new Frame(w));
        } else if (onStack.contains(w)) {
          low.put(v, Math.min(low.get(v), index.get(w)));
        }
        continue;
      }
      work.pop();
      if (!work.isEmpty()) {
        IRI parent = work.peek().node;
        low.put(parent, Math.min(low.get(parent), low.get(v)));
      }
      if (low.get(v).equals(index.get(v))) {
        components.add(popComponent(v));
      }
    }
  }

  private void enter(IRI v) {
    index.put(v, counter);
    low.put(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
  }

  /** Pops the component rooted at {@code v} off the stack, in push order. */
  private List<IRI> popComponent(IRI v) {
    List<IRI> comp = new ArrayList<>();
    IRI w;
    do {
      w = stack.pop();
      onStack.remove(w);
      comp.add(w);
    } while (!w.equals(v));
    Collections.reverse(comp);
    return comp;
  }
}
