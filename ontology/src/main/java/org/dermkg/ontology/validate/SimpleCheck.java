package org.dermkg.ontology.validate;

import java.util.List;

/** A check made of its description and a function of the context. */
record SimpleCheck(CheckInfo info, Body body) implements Check {

  /** The work of a simple check. */
  interface Body {
    List<Violation> run(ValidationContext ctx);
  }

  static Check of(
      String id, String title, Severity severity, String stage, String description, Body body) {
    return new SimpleCheck(new CheckInfo(id, title, severity, description, stage), body);
  }

  @Override
  public List<Violation> run(ValidationContext context) {
    return body.run(context);
  }
}
