/**
 * Cross-modal retrieval: the captions' text embeddings (the text tower over every caption of the
 * store, batched and resumable, per model) and Recall@K of image-to-text and text-to-image search
 * on a split of the images.
 */
package org.dermkg.zeroshot.retrieval;
