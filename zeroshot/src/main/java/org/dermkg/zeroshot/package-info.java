/**
 * Zero-shot work over the store and the model (issue 7): classification of image embeddings against
 * prompt sets from the hierarchy ({@code classify}), evaluation on labelled images, similarity
 * search over the store's image vectors ({@code similar}) and the lazily loaded model they share
 * ({@code model}). A library: it takes plain parameters and records, never the server's
 * configuration; the server composes it into the CLI and the HTTP API.
 */
package org.dermkg.zeroshot;
