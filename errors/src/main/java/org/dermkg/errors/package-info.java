/**
 * The error contract shared by every module: {@link org.dermkg.errors.ErrorCode} (id, HTTP status,
 * exit code) and {@link org.dermkg.errors.DermException}, the base of each module's one unchecked
 * exception. It depends on nothing, so every module, embeddings included, can see it.
 */
package org.dermkg.errors;
