package org.dermkg.ontology.vocab;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IRIs and identifiers of the DERM ontology. IDs are OBO-style CURIEs {@code DERM:0001234} that
 * expand to {@code https://w3id.org/dermkg/DERM_0001234}. ID ranges: 0000001–0000999 properties,
 * 0001000–0001999 diseases, 0002000–0002999 concepts, 0003000–0003999 body sites, 0004000–0004999
 * findings.
 */
public final class Derm {
  /** Namespace of every DERM term. */
  public static final String NS = "https://w3id.org/dermkg/";

  /** Prefix of term IRIs: NS + "DERM_". */
  public static final String TERM_PREFIX = NS + "DERM_";

  // declared before the constants below, which use them during class initialisation
  private static final Pattern CURIE = Pattern.compile("DERM:(\\d{7})");
  private static final Pattern IRI = Pattern.compile(Pattern.quote(TERM_PREFIX) + "(\\d{7})");

  /** The ontology IRI. */
  public static final String ONTOLOGY_IRI = NS + "derm.owl";

  public static final String DISEASE_ROOT = curieToIri("DERM:0001000");
  public static final String CONCEPT_ROOT = curieToIri("DERM:0002000");
  public static final String BODY_SITE_ROOT = curieToIri("DERM:0003000");
  public static final String FINDING_ROOT = curieToIri("DERM:0004000");

  public static final String HAS_TYPICAL_FINDING = curieToIri("DERM:0000001");
  public static final String HAS_CONCEPT = curieToIri("DERM:0000002");
  public static final String AT_SITE = curieToIri("DERM:0000003");
  public static final String DERM1M_NAME = curieToIri("DERM:0000010");
  public static final String LEVEL = curieToIri("DERM:0000011");
  public static final String DERM1M_PHRASE = curieToIri("DERM:0000012");

  private Derm() {}

  /** True when {@code s} is a syntactically valid DERM CURIE. */
  public static boolean isCurie(String s) {
    return CURIE.matcher(s).matches();
  }

  /** Expands {@code DERM:0001234} to its IRI; the argument must be a valid CURIE. */
  public static String curieToIri(String curie) {
    Matcher m = CURIE.matcher(curie);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a DERM CURIE: " + curie);
    }
    return TERM_PREFIX + m.group(1);
  }

  /** The CURIE of a DERM term IRI, or empty for IRIs outside the DERM namespace. */
  public static Optional<String> iriToCurie(String iri) {
    Matcher m = IRI.matcher(iri);
    return m.matches() ? Optional.of("DERM:" + m.group(1)) : Optional.empty();
  }

  /** The numeric part of a DERM CURIE. */
  public static int number(String curie) {
    Matcher m = CURIE.matcher(curie);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a DERM CURIE: " + curie);
    }
    return Integer.parseInt(m.group(1));
  }

  /** Formats a number as a DERM CURIE. */
  public static String curie(int number) {
    return String.format("DERM:%07d", number);
  }
}
