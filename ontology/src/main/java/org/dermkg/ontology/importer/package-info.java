/** Importing Derm1M's ontology.json into the source tables without changing existing IDs. */
package org.dermkg.ontology.importer;
