/** The exported CLIP model, loaded on first use and closed by its one owner. */
package org.dermkg.zeroshot.model;
