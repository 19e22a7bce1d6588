package org.dermkg.server.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.system.Txn;
import org.dermkg.embeddings.EmbeddingsException;
import org.dermkg.embeddings.index.ExactIndex;
import org.dermkg.embeddings.index.Hit;
import org.dermkg.embeddings.index.HnswIndex;
import org.dermkg.embeddings.index.VectorIndex;
import org.dermkg.embeddings.model.ClipModel;
import org.dermkg.embeddings.vectors.VectorFile;
import org.dermkg.graph.store.DermStore;
import org.dermkg.ontology.vocab.Dkg;
import org.dermkg.server.config.DermConfig;
import org.dermkg.server.config.DermConfig.Key;
import org.dermkg.sparql.terms.TermService;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code derm similar}: the images nearest to an image, an image file or a text. */
@Command(
    name = "similar",
    description = {
      "The k images most similar to a stored image (--id), an image file (--image) or a text (--text, embedded by",
      "the text tower and searched in image space), by cosine over the vectors derm embed wrote. HNSW (Lucene) by",
      "default, kept next to the vectors and brought up to date first; --exact scores every vector. --under TERM",
      "keeps images whose diagnosis is under a class. Prints rank, score, image and diagnosis."
    },
    mixinStandardHelpOptions = true)
final class SimilarCommand implements Callable<Integer> {
  static final class Query {
    @Option(
        names = "--id",
        paramLabel = "IMAGE",
        description = "A stored image: its IRI or file name.")
    String id;

    @Option(names = "--image", paramLabel = "FILE", description = "An image file.")
    Path image;

    @Option(
        names = "--text",
        paramLabel = "TEXT",
        description = "A text, e.g. \"scaly plaques on the elbow\".")
    String text;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Query query;

  @Option(
      names = {"-k", "--k"},
      defaultValue = "10",
      description = "How many (default ${DEFAULT-VALUE}).")
  int k;

  @Option(
      names = "--under",
      paramLabel = "TERM",
      description = "Only images diagnosed under this class (id).")
  String under;

  @Option(names = "--exact", description = "Exact search instead of HNSW.")
  boolean exact;

  @Option(names = "--store", paramLabel = "DIR", description = "Store directory (DERM_STORE).")
  String store;

  @Option(
      names = "--model",
      paramLabel = "DIR",
      description = "Exported model directory (DERM_MODEL).")
  String model;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Vector files folder (DERM_EMBEDDINGS).")
  String out;

  @Option(
      names = "--slug",
      paramLabel = "NAME",
      description = "Model name (default: the model directory's name).")
  String slug;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (k < 1 || k > 1000) {
      throw new IllegalArgumentException("--k must be from 1 to 1000");
    }
    DermConfig config = DermConfig.load();
    Path modelDir = config.path(Key.MODEL, model);
    String name = slug != null ? slug : EmbedCommand.slugOf(modelDir);
    Path base = config.path(Key.EMBEDDINGS, out).resolve(name).resolve("images");
    VectorFile.Loaded vectors = VectorFile.read(base);
    Map<String, Integer> rowOf = new HashMap<>();
    for (int i = 0; i < vectors.size(); i++) {
      rowOf.put(vectors.ids().get(i), i);
    }
    PrintWriter o = spec.commandLine().getOut();
    try (DermStore s = DermStore.open(config.path(Key.STORE, store))) {
      float[] q = queryVector(modelDir, vectors, rowOf);
      Set<Integer> allowed =
          under == null
              ? null
              : rowsUnder(s, new TermService(s.dataset(), 0).resolve(under), rowOf);
      try (VectorIndex index =
          exact
              ? new ExactIndex(vectors.dim(), vectors.data())
              : HnswIndex.update(
                  base.resolveSibling("images.hnsw"),
                  vectors.dim(),
                  vectors.data(),
                  HnswIndex.Params.defaults(),
                  (d, t) -> {})) {
        long t0 = System.nanoTime();
        List<Hit> hits = index.search(q, k, allowed == null ? null : allowed::contains);
        double ms = (System.nanoTime() - t0) / 1e6;
        int rank = 1;
        for (Hit h : hits) {
          String iri = vectors.ids().get(h.row());
          o.printf(Locale.ROOT, "%d\t%.4f\t%s\t%s%n", rank++, h.score(), iri, diagnosis(s, iri));
        }
        o.printf(
            Locale.ROOT,
            "# %d of %d images, %s search in %.2f ms%n",
            hits.size(),
            vectors.size(),
            exact ? "exact" : "HNSW",
            ms);
        o.flush();
      }
    }
    return 0;
  }

  private float[] queryVector(
      Path modelDir, VectorFile.Loaded vectors, Map<String, Integer> rowOf) {
    if (query.id != null) {
      String iri = query.id.startsWith("http") ? query.id : Dkg.IMAGE_NS + query.id;
      Integer row = rowOf.get(iri);
      if (row == null) {
        throw new EmbeddingsException(
            EmbeddingsException.Code.BAD_ARGUMENT,
            "no vector for image " + iri + " (run derm embed)");
      }
      return vectors.get(row);
    }
    try (ClipModel clip = ClipModel.load(modelDir, false)) {
      if (query.text != null) {
        return clip.encodeTexts(List.of(query.text))[0];
      }
      return clip.encodeImages(new float[][] {clip.preprocessor().preprocess(query.image)})[0];
    }
  }

  private static Set<Integer> rowsUnder(DermStore s, String classIri, Map<String, Integer> rowOf) {
    Node under = NodeFactory.createURI(Dkg.DIAGNOSIS_UNDER);
    Node cls = NodeFactory.createURI(classIri);
    Set<Integer> rows = new HashSet<>();
    Txn.executeRead(
        s.dataset(),
        () ->
            s.dataset()
                .find(DermStore.IMAGES_GRAPH, Node.ANY, under, cls)
                .forEachRemaining(
                    quad -> {
                      Integer r = rowOf.get(quad.getSubject().getURI());
                      if (r != null) {
                        rows.add(r);
                      }
                    }));
    return rows;
  }

  private static String diagnosis(DermStore s, String iri) {
    Node img = NodeFactory.createURI(iri);
    Node diag = NodeFactory.createURI(Dkg.DIAGNOSIS);
    return Txn.calculateRead(
        s.dataset(),
        () -> {
          StringBuilder sb = new StringBuilder();
          s.dataset()
              .find(DermStore.IMAGES_GRAPH, img, diag, Node.ANY)
              .forEachRemaining(
                  q -> {
                    Node c = q.getObject();
                    var label =
                        s.dataset()
                            .find(
                                Node.ANY,
                                c,
                                org.apache.jena.vocabulary.RDFS.label.asNode(),
                                Node.ANY);
                    sb.append(sb.length() > 0 ? "; " : "")
                        .append(
                            label.hasNext()
                                ? label.next().getObject().getLiteralLexicalForm()
                                : c.getURI());
                  });
          return sb.toString();
        });
  }
}
