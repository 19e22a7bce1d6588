package org.dermkg.sparql.terms;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;
import org.dermkg.ontology.vocab.Derm;
import org.dermkg.sparql.SparqlException;
import org.dermkg.sparql.SparqlException.Code;

/** Turns what users type as a term id into an IRI. */
public final class TermIds {
  private static final Pattern UNDERSCORE = Pattern.compile("DERM_(\\d{7})");

  private static final Pattern EXTERNAL =
      Pattern.compile("(MONDO|DOID|[A-Za-z][A-Za-z0-9.]*):([A-Za-z0-9.]+)");

  private TermIds() {}

  /**
   * An external CURIE a class maps to, normalised (mondo:0005012: MONDO:0005012, icd10cm:c43:
   * ICD10CM:C43): a MONDO or DOID id or one of the cross-reference terminologies; empty otherwise.
   */
  public static java.util.Optional<String> externalCurie(String id) {
    var m = EXTERNAL.matcher(id == null ? "" : id.strip());
    if (!m.matches()) {
      return java.util.Optional.empty();
    }
    String prefix = m.group(1);
    if (prefix.equalsIgnoreCase("MONDO") || prefix.equalsIgnoreCase("DOID")) {
      return java.util.Optional.of(prefix.toUpperCase(java.util.Locale.ROOT) + ":" + m.group(2));
    }
    return org.dermkg.ontology.vocab.Obo.xrefPrefix(prefix)
        .map(p -> p + ":" + m.group(2).toUpperCase(java.util.Locale.ROOT));
  }

  /** DERM:0001234 for a DERM IRI; other IRIs as given. */
  public static String toId(String iri) {
    return Derm.iriToCurie(iri).orElse(iri);
  }

  /**
   * The IRI for {@code DERM:0001234}, {@code DERM_0001234} or an absolute http(s)/urn IRI.
   *
   * @throws SparqlException BAD_ARGUMENT for anything else
   */
  public static String toIri(String id) {
    String s = id == null ? "" : id.strip();
    if (Derm.isCurie(s)) {
      return Derm.curieToIri(s);
    }
    var m = UNDERSCORE.matcher(s);
    if (m.matches()) {
      return Derm.TERM_PREFIX + m.group(1);
    }
    if (s.startsWith("http://") || s.startsWith("https://") || s.startsWith("urn:")) {
      try {
        URI uri = new URI(s);
        if (uri.isAbsolute() && !s.contains(" ") && !s.contains(">") && !s.contains("<")) {
          return s;
        }
      } catch (URISyntaxException e) {
        // falls through to the error below
      }
    }
    throw new SparqlException(
        Code.BAD_ARGUMENT,
        "not a term id: '"
            + (s.length() > 80 ? s.substring(0, 80) + "…" : s)
            + "' (expected DERM:0001234, DERM_0001234 or an absolute IRI)");
  }
}
