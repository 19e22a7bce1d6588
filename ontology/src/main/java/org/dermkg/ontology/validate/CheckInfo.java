package org.dermkg.ontology.validate;

/**
 * What a check is: a stable id (used in reports, fixtures and --skip), a title, its severity, a
 * one-line description and the stage that runs it (reasoner, structure, rule, profile, mapping).
 */
public record CheckInfo(
    String id, String title, Severity severity, String description, String stage) {}
