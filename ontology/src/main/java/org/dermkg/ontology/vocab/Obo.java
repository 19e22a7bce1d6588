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

  /** oboInOwl:source: the provenance of a cross-reference (an axiom annotation). */
  public static final String SOURCE_XREF = OBO_IN_OWL + "source";

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

  /**
   * The terminologies whose ids the disease classes carry as derived cross-references, by their
   * bioregistry/OBO prefix, with the IRI namespace their mappings use (the ones MONDO's SSSOM files
   * use): ICD-10-CM, ICD-11 foundation, UMLS, MeSH, NCIt, Orphanet, OMIM, SNOMED CT.
   */
  public static final java.util.Map<String, String> XREF_NAMESPACES =
      orderedMap(
          "ICD10CM", "http://purl.bioontology.org/ontology/ICD10CM/",
          "icd11.foundation", "http://id.who.int/icd/entity/",
          "UMLS", "http://linkedlifedata.com/resource/umls/id/",
          "MESH", "http://id.nlm.nih.gov/mesh/",
          "NCIT", "http://purl.obolibrary.org/obo/NCIT_",
          "Orphanet", "http://www.orpha.net/ORDO/Orphanet_",
          "OMIM", "https://omim.org/entry/",
          "SCTID", "http://snomed.info/id/");

  private Obo() {}

  private static java.util.Map<String, String> orderedMap(String... kv) {
    java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(m);
  }

  /**
   * A cross-reference prefix as spelled here ({@code icd10cm}, {@code Mesh}: ICD10CM, MESH), or
   * empty when it is none of {@link #XREF_NAMESPACES}.
   */
  public static java.util.Optional<String> xrefPrefix(String prefix) {
    return XREF_NAMESPACES.keySet().stream().filter(p -> p.equalsIgnoreCase(prefix)).findFirst();
  }

  /** A cross-reference CURIE's IRI (ICD10CM:L40 to its BioPortal IRI); an OBO PURL otherwise. */
  public static String iri(String curie) {
    int colon = curie.indexOf(':');
    String prefix = curie.substring(0, colon);
    String ns = XREF_NAMESPACES.get(prefix);
    return (ns != null ? ns : OBO + prefix + "_") + curie.substring(colon + 1);
  }

  /**
   * An OBO PURL as its CURIE ({@code .../obo/MONDO_0005083}: MONDO:0005083), a cross-reference IRI
   * likewise (ICD10CM:L40); other IRIs as given.
   */
  public static String curie(String iri) {
    for (java.util.Map.Entry<String, String> e : XREF_NAMESPACES.entrySet()) {
      if (iri.startsWith(e.getValue()) && iri.length() > e.getValue().length()) {
        return e.getKey() + ":" + iri.substring(e.getValue().length());
      }
    }
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
