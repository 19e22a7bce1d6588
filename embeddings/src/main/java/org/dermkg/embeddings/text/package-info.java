/** CLIP text side: cleaning and the byte-level BPE tokenizer. */
package org.dermkg.embeddings.text;
