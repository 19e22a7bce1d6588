package org.dermkg.ontology.vocab;

/** IRIs of the OBO annotation vocabulary (IAO, oboInOwl, OMO) and Dublin Core terms used here. */
public final class Obo {
  public static final String OBO = "http://purl.obolibrary.org/obo/";
  public static final String OBO_IN_OWL = "http://www.geneontology.org/formats/oboInOwl#";
  public static final String DCTERMS = "http://purl.org/dc/terms/";
  public static final String SKOS = "http://www.w3.org/2004/02/skos/core#";

  public static final String DEFINITION = OBO + "IAO_0000115";
  public static final String TERM_REPLACED_BY = OBO + "IAO_0100001";
  public static final String EXACT_SYNONYM = OBO_IN_OWL + "hasExactSynonym";
  public static final String RELATED_SYNONYM = OBO_IN_OWL + "hasRelatedSynonym";
  public static final String BROAD_SYNONYM = OBO_IN_OWL + "hasBroadSynonym";
  public static final String NARROW_SYNONYM = OBO_IN_OWL + "hasNarrowSynonym";
  public static final String SYNONYM_TYPE = OBO_IN_OWL + "hasSynonymType";
  public static final String DB_XREF = OBO_IN_OWL + "hasDbXref";
  public static final String ID = OBO_IN_OWL + "id";
  public static final String ABBREVIATION = OBO + "OMO_0003000";
  public static final String MISSPELLING = OBO + "OMO_0003006";

  public static final String TITLE = DCTERMS + "title";
  public static final String DESCRIPTION = DCTERMS + "description";
  public static final String LICENSE = DCTERMS + "license";
  public static final String SOURCE = DCTERMS + "source";

  /**
   * The SKOS mapping properties of curated cross-ontology mappings (local names), from the closest
   * match to the loosest: the order in which a class's matches are listed and resolved.
   */
  public static final java.util.List<String> SKOS_MATCHES =
      java.util.List.of("exactMatch", "closeMatch", "narrowMatch", "broadMatch");

  private Obo() {}

  /**
   * An OBO PURL as its CURIE ({@code .../obo/MONDO_0005083}: MONDO:0005083); other IRIs as given.
   */
  public static String curie(String iri) {
    if (iri.startsWith(OBO)) {
      String local = iri.substring(OBO.length());
      int u = local.indexOf('_');
      if (u > 0) {
        return local.substring(0, u) + ":" + local.substring(u + 1);
      }
    }
    return iri;
  }
}
