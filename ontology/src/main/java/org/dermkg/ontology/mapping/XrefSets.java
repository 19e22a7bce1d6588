package org.dermkg.ontology.mapping;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dermkg.ontology.OntologyException;
import org.dermkg.ontology.OntologyException.Code;
import org.dermkg.ontology.OntologySource;
import org.dermkg.ontology.table.Tsv;

/**
 * The curated cross-ontology mappings of the disease classes ({@code xrefs/*.sssom.tsv} of the
 * source tree: DERM to MONDO, DERM to DOID), read strictly: the SSSOM columns, a SKOS mapping
 * predicate, a justification from semapv, a confidence between 0 and 1, and every CURIE's prefix
 * declared in the file's curie_map. A file that breaks any of these is refused naming the file, row
 * and column ({@link Code#MAPPING_FORMAT}).
 */
public final class XrefSets {
  static final Set<String> REQUIRED =
      Set.of(
          "subject_id",
          "subject_label",
          "predicate_id",
          "object_id",
          "object_label",
          "mapping_justification");
  static final Set<String> OPTIONAL = Set.of("confidence", "author_id", "mapping_date", "comment");
  static final Set<String> PREDICATES =
      Set.of("skos:exactMatch", "skos:closeMatch", "skos:broadMatch", "skos:narrowMatch");
  static final Set<String> JUSTIFICATIONS =
      Set.of("semapv:ManualMappingCuration", "semapv:LexicalMatching", "semapv:MappingChaining");
  private static final String SUFFIX = ".sssom.tsv";

  private XrefSets() {}

  /**
   * One mapping set.
   *
   * @param name the file stem ("derm-mondo")
   */
  public record XrefSet(
      String name, Map<String, String> metadata, Map<String, String> curieMap, List<Row> rows) {
    public XrefSet {
      metadata = Map.copyOf(metadata);
      curieMap = Map.copyOf(curieMap);
      rows = List.copyOf(rows);
    }

    /** A CURIE's IRI by this set's curie map. */
    public String expand(String curie) {
      int colon = curie.indexOf(':');
      return curieMap.get(curie.substring(0, colon)) + curie.substring(colon + 1);
    }
  }

  /**
   * One SSSOM row.
   *
   * @param where "file:line"
   */
  public record Row(
      String subjectId,
      String subjectLabel,
      String predicateId,
      String objectId,
      String objectLabel,
      String justification,
      double confidence,
      String author,
      String date,
      String comment,
      String where) {
    public boolean exact() {
      return predicateId.equals("skos:exactMatch");
    }
  }

  /** Every {@code *.sssom.tsv} of the source tree's {@code xrefs/} (none when it has no folder). */
  public static List<XrefSet> readAll(OntologySource source) {
    Path dir = source.root().resolve("xrefs");
    List<XrefSet> out = new ArrayList<>();
    if (Files.isDirectory(dir)) {
      for (Path p : OntologySource.list(dir, SUFFIX)) {
        out.add(read(p));
      }
    }
    return out;
  }

  /** Reads one mapping set. */
  public static XrefSet read(Path file) {
    String fileName = file.getFileName().toString();
    LabelSets.Sssom f = LabelSets.sssom(file, REQUIRED, OPTIONAL);
    List<Row> rows = new ArrayList<>();
    for (Tsv.Row r : f.tsv().rows()) {
      rows.add(row(r, f.curies()));
    }
    String name =
        fileName.endsWith(SUFFIX)
            ? fileName.substring(0, fileName.length() - SUFFIX.length())
            : fileName;
    return new XrefSet(name, f.metadata(), f.curies(), rows);
  }

  private static Row row(Tsv.Row r, Map<String, String> curies) {
    for (String col : List.of("subject_id", "subject_label", "predicate_id", "object_id")) {
      if (r.get(col).isEmpty()) {
        throw bad(r, col, "is empty");
      }
    }
    for (String col : List.of("subject_id", "predicate_id", "object_id", "mapping_justification")) {
      String v = r.get(col);
      int colon = v.indexOf(':');
      if (colon <= 0 || !curies.containsKey(v.substring(0, colon))) {
        throw bad(r, col, "'" + v + "' has a prefix outside the curie_map " + curies.keySet());
      }
    }
    if (!PREDICATES.contains(r.get("predicate_id"))) {
      throw bad(r, "predicate_id", "'" + r.get("predicate_id") + "' is not one of " + PREDICATES);
    }
    if (!JUSTIFICATIONS.contains(r.get("mapping_justification"))) {
      throw bad(
          r,
          "mapping_justification",
          "'" + r.get("mapping_justification") + "' is not one of " + JUSTIFICATIONS);
    }
    return new Row(
        r.get("subject_id"),
        r.get("subject_label"),
        r.get("predicate_id"),
        r.get("object_id"),
        r.get("object_label"),
        r.get("mapping_justification"),
        confidence(r),
        r.get("author_id"),
        r.get("mapping_date"),
        r.get("comment"),
        r.where());
  }

  /** The columns of a written set, in SSSOM order. */
  private static final List<String> COLUMNS =
      List.of(
          "subject_id",
          "subject_label",
          "predicate_id",
          "object_id",
          "object_label",
          "mapping_justification",
          "confidence",
          "author_id",
          "mapping_date",
          "comment");

  /** A set as SSSOM TSV: the YAML header (curie_map, then metadata) and one line per row. */
  public static String write(XrefSet set) {
    StringBuilder b = new StringBuilder("#curie_map:\n");
    new java.util.TreeMap<>(set.curieMap())
        .forEach((k, v) -> b.append("#  ").append(k).append(": \"").append(v).append("\"\n"));
    java.util.Map<String, String> meta = new java.util.TreeMap<>(set.metadata());
    String id = meta.remove("mapping_set_id");
    if (id != null) {
      b.append("#mapping_set_id: \"").append(id).append("\"\n");
    }
    meta.forEach(
        (k, v) ->
            b.append('#').append(k).append(": \"").append(v.replace("\"", "'")).append("\"\n"));
    b.append(String.join("\t", COLUMNS)).append('\n');
    for (Row r : set.rows()) {
      List<String> cells =
          List.of(
              r.subjectId(),
              r.subjectLabel(),
              r.predicateId(),
              r.objectId(),
              r.objectLabel(),
              r.justification(),
              Double.isNaN(r.confidence()) ? "" : Double.toString(r.confidence()),
              r.author(),
              r.date(),
              r.comment());
      b.append(
              String.join(
                  "\t", cells.stream().map(c -> c.replace('\t', ' ').replace('\n', ' ')).toList()))
          .append('\n');
    }
    return b.toString();
  }

  private static double confidence(Tsv.Row r) {
    String v = r.get("confidence");
    if (v.isEmpty()) {
      return Double.NaN;
    }
    try {
      double c = Double.parseDouble(v);
      if (c >= 0 && c <= 1) {
        return c;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw bad(r, "confidence", "'" + v + "' is not a number from 0 to 1");
  }

  private static OntologyException bad(Tsv.Row r, String column, String why) {
    return new OntologyException(
        Code.MAPPING_FORMAT, r.where() + ": column '" + column + "': " + why);
  }
}
