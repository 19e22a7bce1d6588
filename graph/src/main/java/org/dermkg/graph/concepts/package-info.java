/**
 * The concepts a model predicts for images, in one named graph per model ({@code
 * graph/predicted-concepts/<slug>}), never mixed with the annotated {@code dkg:concept}s: the run
 * node (model, prompt hash, threshold, calibration, how many vector rows it has scored) and the
 * predictions, written batch by batch so an interrupted run resumes where it stopped.
 */
package org.dermkg.graph.concepts;
