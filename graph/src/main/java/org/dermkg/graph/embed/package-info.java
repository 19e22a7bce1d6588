/** The store side of image embeddings: image files to embed and the links to their vectors. */
package org.dermkg.graph.embed;
