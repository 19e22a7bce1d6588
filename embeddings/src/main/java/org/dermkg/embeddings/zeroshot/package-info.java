/** Zero-shot classification: image embeddings against class weights built from prompt sets. */
package org.dermkg.embeddings.zeroshot;
