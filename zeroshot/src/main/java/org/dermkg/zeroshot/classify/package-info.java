/**
 * Zero-shot classification composed from the prompt generator, the model and the class weights
 * cache, and its evaluation on labelled images.
 */
package org.dermkg.zeroshot.classify;
