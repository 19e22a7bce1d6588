/** Vector files (DERMVEC1 float32 records + id map). */
package org.dermkg.embeddings.vectors;
