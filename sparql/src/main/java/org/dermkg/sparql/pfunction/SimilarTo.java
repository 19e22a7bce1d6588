package org.dermkg.sparql.pfunction;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.QueryExecException;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.ExecutionContext;
import org.apache.jena.sparql.engine.QueryIterator;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingBuilder;
import org.apache.jena.sparql.engine.iterator.QueryIterPlainWrapper;
import org.apache.jena.sparql.pfunction.PFuncListAndList;
import org.apache.jena.sparql.pfunction.PropFuncArg;
import org.apache.jena.sparql.pfunction.PropertyFunctionRegistry;
import org.dermkg.errors.DermException;
import org.dermkg.ontology.vocab.Dkg;

/**
 * {@code (?image ?score) dkg:similarTo (QUERY K [UNDER] [MODEL])}: kNN by cosine over image
 * embeddings. QUERY is an image IRI (its stored vector) or a string (embedded by the text tower:
 * text-to-image search); K how many; UNDER an optional class, keeping only images whose diagnosis
 * is under it (a pre-filter inside the index, so K images come back when K exist); MODEL an
 * optional string naming a served model by its slug (default: the server's default model).
 *
 * <p>When {@code ?image} is already bound (a pattern before this one chose the candidates, e.g.
 * {@code ?image dkg:diagnosisUnder DERM:0001308}), the function scores that image exactly and K is
 * left to {@code ORDER BY DESC(?score) LIMIT K}: filtered kNN by exact search over the candidates.
 */
public final class SimilarTo extends PFuncListAndList {
  /** The property IRI. */
  public static final String IRI = Dkg.NS + "similarTo";

  /** The most neighbours one call returns. */
  public static final int MAX_K = 10_000;

  /** Registers the function globally (idempotent). */
  public static void register() {
    PropertyFunctionRegistry.get().put(IRI, SimilarTo.class);
  }

  @Override
  public QueryIterator execEvaluated(
      Binding binding,
      PropFuncArg subject,
      Node predicate,
      PropFuncArg object,
      ExecutionContext ctx) {
    List<Node> subj = subject.isList() ? subject.getArgList() : List.of(subject.getArg());
    List<Node> args = object.isList() ? object.getArgList() : List.of(object.getArg());
    if (subj.isEmpty() || subj.size() > 2 || args.size() < 2 || args.size() > 4) {
      throw new QueryExecException(
          "dkg:similarTo takes (?image [?score]) and (query k [class] [model])");
    }
    SimilaritySource source = source(ctx, args);
    float[] query = query(source, args.get(0));
    int k = k(args.get(1));
    Optional<String> under = under(args);
    Node image = subj.get(0);
    Node scoreNode = subj.size() == 2 ? subj.get(1) : null;
    List<Binding> out = new ArrayList<>();
    if (image.isURI()) {
      OptionalDouble s = source.score(query, image.getURI());
      if (s.isPresent()) {
        add(out, binding, null, image, scoreNode, s.getAsDouble());
      }
    } else if (image.isVariable()) {
      addNearest(out, binding, source.nearest(query, k, under), (Var) image, scoreNode);
    }
    return QueryIterPlainWrapper.create(out.iterator(), ctx);
  }

  /** The optional arguments after k: a class IRI (the candidates) and a model slug (a string). */
  private static Optional<String> under(List<Node> args) {
    Optional<String> under = Optional.empty();
    for (Node n : args.subList(2, args.size())) {
      if (n.isURI() && under.isEmpty()) {
        under = Optional.of(n.getURI());
      } else if (!(n.isLiteral() && n.getLiteralDatatypeURI().endsWith("#string"))) {
        throw new QueryExecException(
            "dkg:similarTo: after k come a class IRI and a model name (a string), at most one each");
      }
    }
    return under;
  }

  /** The source of the model a string argument names, else the default one. */
  private static SimilaritySource source(ExecutionContext ctx, List<Node> args) {
    List<String> named =
        args.subList(2, args.size()).stream()
            .filter(Node::isLiteral)
            .map(Node::getLiteralLexicalForm)
            .toList();
    if (named.size() > 1) {
      throw new QueryExecException("dkg:similarTo: one model name at most, had " + named);
    }
    try {
      return SimilaritySource.of(ctx.getContext(), named.stream().findFirst())
          .orElseThrow(
              () ->
                  new QueryExecException(
                      "dkg:similarTo: this dataset has no image embeddings (run derm embed)"));
    } catch (IllegalArgumentException e) {
      throw new QueryExecException("dkg:similarTo: " + e.getMessage());
    }
  }

  private static void addNearest(
      List<Binding> out,
      Binding parent,
      List<SimilaritySource.Scored> hits,
      Var imageVar,
      Node scoreNode) {
    for (SimilaritySource.Scored hit : hits) {
      add(out, parent, imageVar, NodeFactory.createURI(hit.imageIri()), scoreNode, hit.score());
    }
  }

  private static void add(
      List<Binding> out, Binding parent, Var imageVar, Node image, Node scoreNode, double score) {
    BindingBuilder b = BindingBuilder.create(parent);
    if (imageVar != null) {
      b.add(imageVar, image);
    }
    Node s = NodeFactory.createLiteralDT(Double.toString(score), XSDDatatype.XSDdouble);
    if (scoreNode != null) {
      if (scoreNode.isVariable()) {
        b.add((Var) scoreNode, s);
      } else if (!scoreNode.sameValueAs(s)) {
        return;
      }
    }
    out.add(b.build());
  }

  private static float[] query(SimilaritySource source, Node q) {
    if (q.isURI()) {
      return source
          .imageVector(q.getURI())
          .orElseThrow(
              () -> new QueryExecException("dkg:similarTo: no embedding for " + q.getURI()));
    }
    if (q.isLiteral()) {
      try {
        return source.textVector(q.getLiteralLexicalForm());
      } catch (DermException e) {
        throw new QueryExecException("dkg:similarTo: " + e.getMessage());
      }
    }
    throw new QueryExecException(
        "dkg:similarTo: the query must be an image IRI or a text, was " + q);
  }

  private static int k(Node n) {
    if (n.isLiteral() && n.getLiteralValue() instanceof Number num) {
      long k = num.longValue();
      if (k >= 1 && k <= MAX_K) {
        return (int) k;
      }
    }
    throw new QueryExecException(
        "dkg:similarTo: k must be a whole number from 1 to " + MAX_K + ", was " + n);
  }
}
