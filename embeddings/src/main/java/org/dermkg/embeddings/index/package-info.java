/** Nearest-neighbour search over vector files: exact (brute force) and HNSW (Lucene). */
package org.dermkg.embeddings.index;
