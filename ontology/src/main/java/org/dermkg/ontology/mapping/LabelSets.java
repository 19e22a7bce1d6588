package org.dermkg.ontology.mapping;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDFS;
import org.apache.jena.vocabulary.SKOS;
import org.dermkg.ontology.OntologyException;
import org.dermkg.ontology.OntologyException.Code;
import org.dermkg.ontology.OntologySource;
import org.dermkg.ontology.table.Tsv;

/** Reads SSSOM label-set mapping files ({@code *.sssom.tsv}) and turns them into RDF. */
public final class LabelSets {
  private static final Set<String> REQUIRED =
      Set.of("subject_id", "subject_label", "predicate_id", "object_id", "mapping_justification");
  private static final Set<String> OPTIONAL = Set.of("object_label", "comment");
  private static final Set<String> PREDICATES =
      Set.of(
          "skos:exactMatch",
          "skos:closeMatch",
          "skos:broadMatch",
          "skos:narrowMatch",
          "skos:relatedMatch");
  private static final String SUFFIX = ".sssom.tsv";

  private LabelSets() {}

  /** Every {@code *.sssom.tsv} file of a directory, sorted by name. */
  public static List<LabelSet> readAll(Path dir) {
    List<LabelSet> sets = new ArrayList<>();
    for (Path p : OntologySource.list(dir, SUFFIX)) {
      sets.add(read(p));
    }
    return sets;
  }

  /** Reads one mapping file. */
  public static LabelSet read(Path file) {
    String fileName = file.getFileName().toString();
    String name =
        fileName.endsWith(SUFFIX)
            ? fileName.substring(0, fileName.length() - SUFFIX.length())
            : fileName;
    Sssom f = sssom(file, REQUIRED, OPTIONAL);
    List<LabelSet.Mapping> rows = new ArrayList<>();
    for (Tsv.Row r : f.tsv().rows()) {
      rows.add(mapping(r));
    }
    return new LabelSet(name, f.metadata(), f.curies(), rows);
  }

  /** An SSSOM file as read: its table, its header's metadata and its curie_map. */
  record Sssom(Tsv tsv, Map<String, String> metadata, Map<String, String> curies) {}

  /** Reads an SSSOM TSV with its YAML header; a malformed table is {@link Code#MAPPING_FORMAT}. */
  static Sssom sssom(Path file, Set<String> required, Set<String> optional) {
    Tsv tsv;
    try {
      tsv = Tsv.read(file, required, optional);
    } catch (OntologyException e) {
      throw new OntologyException(Code.MAPPING_FORMAT, e.getMessage(), e);
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    Map<String, String> curies = new LinkedHashMap<>();
    header(tsv.comments(), file.getFileName().toString(), metadata, curies);
    return new Sssom(tsv, metadata, curies);
  }

  /** The SSSOM YAML header (comment lines): metadata and the indented curie_map. */
  static void header(
      List<String> comments,
      String fileName,
      Map<String, String> metadata,
      Map<String, String> curies) {
    boolean inCurieMap = false;
    for (String line : comments) {
      String body = line.substring(1);
      if (body.isBlank()) {
        continue;
      }
      boolean indented = body.startsWith(" ");
      int colon = body.indexOf(':');
      if (colon < 0) {
        throw new OntologyException(
            Code.MAPPING_FORMAT, fileName + ": malformed header line '" + line + "'");
      }
      String key = body.substring(0, colon).strip();
      String value = unquote(body.substring(colon + 1).strip());
      if (indented && inCurieMap) {
        curies.put(key, value);
      } else {
        inCurieMap = key.equals("curie_map") && value.isEmpty();
        if (!inCurieMap) {
          metadata.put(key, value);
        }
      }
    }
  }

  private static LabelSet.Mapping mapping(Tsv.Row r) {
    String predicate = r.get("predicate_id");
    if (!PREDICATES.contains(predicate)) {
      throw new OntologyException(
          Code.MAPPING_FORMAT,
          r.where()
              + ": column 'predicate_id': '"
              + predicate
              + "' is not a SKOS mapping predicate "
              + PREDICATES);
    }
    for (String col : List.of("subject_id", "subject_label", "object_id")) {
      if (r.get(col).isEmpty()) {
        throw new OntologyException(
            Code.MAPPING_FORMAT, r.where() + ": column '" + col + "' is empty");
      }
    }
    return new LabelSet.Mapping(
        r.get("subject_id"),
        r.get("subject_label"),
        predicate,
        r.get("object_id"),
        r.get("object_label"),
        r.get("mapping_justification"),
        r.get("comment"),
        r.where());
  }

  static String unquote(String v) {
    return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")
        ? v.substring(1, v.length() - 1)
        : v;
  }

  /**
   * Adds the label sets to a model: each subject becomes a resource with its label, a SKOS mapping
   * triple to the DERM class, and {@code dcterms:isPartOf} the set (IRI = mapping_set_id).
   */
  public static void toRdf(List<LabelSet> sets, Model model) {
    for (LabelSet set : sets) {
      Resource setRes =
          model.createResource(
              set.metadata().getOrDefault("mapping_set_id", "urn:labelset:" + set.name()));
      setRes.addProperty(RDFS.label, set.name());
      int position = 0;
      for (LabelSet.Mapping m : set.mappings()) {
        Resource subject = model.createResource(set.expand(m.subjectId()));
        subject.addProperty(RDFS.label, m.subjectLabel());
        subject.addProperty(DCTerms.isPartOf, setRes);
        subject.addLiteral(SKOS.notation, position++);
        subject.addProperty(
            model.createProperty(set.expand(m.predicateId()).replace("skos:", SKOS.uri)),
            model.createResource(set.expand(m.objectId())));
      }
    }
  }
}
