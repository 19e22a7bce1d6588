/**
 * DermLIP CLIP runtime on DJL: preprocessing, tokenizer, encoders and vector search (issue 6). No
 * Jena here.
 */
package org.dermkg.embeddings;
