/** Batch jobs: embedding the images of a dataset, resumably. */
package org.dermkg.embeddings.embed;
