package org.dermkg.ontology.build;

/**
 * Something the compiler noticed in the tables that is not fatal, reported by the validation build
 * (e.g. the label after {@code !} in a reference differs from the referenced term's label).
 *
 * @param where "file:line" of the table row
 * @param termId the DERM ID of the row's term (or of the referenced term)
 * @param message what is wrong
 */
public record CompileNote(String where, String termId, String message) {}
