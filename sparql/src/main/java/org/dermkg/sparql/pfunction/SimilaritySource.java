package org.dermkg.sparql.pfunction;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.apache.jena.sparql.util.Symbol;

/**
 * What {@link SimilarTo} searches: image vectors, a text encoder and a nearest-neighbour index. The
 * server puts one into the dataset's context under {@link #SYMBOL} when embeddings exist (it is
 * built from the embeddings module; this module only sees this interface).
 */
public interface SimilaritySource {
  /** The context key of the default model's source. */
  Symbol SYMBOL = Symbol.create("https://w3id.org/dermkg/vocab#similaritySource");

  /**
   * The context key of every served model's source by model slug ({@code Map<String,
   * SimilaritySource>}), the default's included; absent when the server serves one model.
   */
  Symbol BY_MODEL = Symbol.create("https://w3id.org/dermkg/vocab#similarityByModel");

  /**
   * The source of the model named (its slug), or the default one when none is named.
   *
   * @return empty when the dataset has no embeddings at all (or none for a model named)
   * @throws IllegalArgumentException naming the models there are, when the name is unknown
   */
  static Optional<SimilaritySource> of(
      org.apache.jena.sparql.util.Context ctx, Optional<String> model) {
    SimilaritySource fallback = ctx.get(SYMBOL);
    if (model.isEmpty()) {
      return Optional.ofNullable(fallback);
    }
    java.util.Map<String, SimilaritySource> all = ctx.get(BY_MODEL);
    if (all == null || !all.containsKey(model.get())) {
      throw new IllegalArgumentException(
          "no image embeddings of model '"
              + model.get()
              + "' here"
              + (all == null
                  ? ""
                  : "; the models with embeddings: " + new java.util.TreeSet<>(all.keySet())));
    }
    return Optional.of(all.get(model.get()));
  }

  /** An image and its cosine similarity to the query. */
  record Scored(String imageIri, double score) {}

  /** The stored vector of an image, if it has one. */
  Optional<float[]> imageVector(String imageIri);

  /**
   * The text tower's embedding of a text.
   *
   * @throws org.dermkg.errors.DermException when no model is loaded for text (EMB-MODEL-MISSING)
   */
  float[] textVector(String text);

  /** The {@code k} nearest images, best first; only images under {@code underClass} when given. */
  List<Scored> nearest(float[] query, int k, Optional<String> underClass);

  /** The cosine similarity of one image to the query (empty when it has no vector). */
  OptionalDouble score(float[] query, String imageIri);

  /** Whether captions have vectors too (derm embed --captions), for {@link #nearestCaptions}. */
  default boolean hasCaptions() {
    return false;
  }

  /**
   * The {@code k} captions nearest to the query, best first (the caption IRI in {@link
   * Scored#imageIri()}); empty when captions have no vectors.
   */
  default List<Scored> nearestCaptions(float[] query, int k) {
    return List.of();
  }
}
