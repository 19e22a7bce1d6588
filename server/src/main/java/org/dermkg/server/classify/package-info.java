/**
 * Zero-shot classification composed from the prompt generator, the model and the class weights
 * cache.
 */
package org.dermkg.server.classify;
