/** SHACL validation of the image data. */
package org.dermkg.graph.shacl;
