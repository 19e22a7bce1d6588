/** Image file headers: format and size without decoding. */
package org.dermkg.graph.image;
