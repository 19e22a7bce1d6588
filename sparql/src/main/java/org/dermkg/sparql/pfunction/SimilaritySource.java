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
  /** The context key. */
  Symbol SYMBOL = Symbol.create("https://w3id.org/dermkg/vocab#similaritySource");

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
}
