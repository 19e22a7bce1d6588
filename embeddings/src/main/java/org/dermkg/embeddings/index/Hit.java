package org.dermkg.embeddings.index;

/**
 * A search result.
 *
 * @param row the vector's row in its vector file
 * @param score cosine similarity to the query (vectors are unit length)
 */
public record Hit(int row, float score) {}
