/**
 * Release artefacts the OBO way: derm.owl, derm.ttl, derm.obo (OBO 1.4), derm.json (OBO Graphs),
 * derm-base.owl and the SSSOM mapping sets ({@link org.dermkg.ontology.release.Release}), and the
 * axiom-level diff between two releases ({@link org.dermkg.ontology.release.ReleaseDiff}).
 */
package org.dermkg.ontology.release;
