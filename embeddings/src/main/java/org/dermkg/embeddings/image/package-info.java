/** Image decoding and open_clip-exact preprocessing (Pillow's resampling arithmetic). */
package org.dermkg.embeddings.image;
