/**
 * Zero-shot concept identification: every concept of the concept branch scored on the stored image
 * vectors against a reference of generic skin-image prompts (as MONET does), calibrated per
 * concept, the predictions above the threshold written to their own named graph per model, and
 * per-concept AUROC against annotated concepts.
 */
package org.dermkg.zeroshot.concepts;
