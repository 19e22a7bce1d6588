package org.dermkg.ontology.validate;

import java.util.List;

/** One validation check. Implementations are stateless; all inputs come from the context. */
public interface Check {
  CheckInfo info();

  /** Runs the check; an empty list means it passed. */
  List<Violation> run(ValidationContext context);
}
