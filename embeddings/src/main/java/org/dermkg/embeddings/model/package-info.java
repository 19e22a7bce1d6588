/** Exported CLIP models: their config and the DJL/libtorch runtime. */
package org.dermkg.embeddings.model;
