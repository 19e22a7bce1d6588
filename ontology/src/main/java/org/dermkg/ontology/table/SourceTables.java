package org.dermkg.ontology.table;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.dermkg.ontology.OntologyException;
import org.dermkg.ontology.OntologyException.Code;
import org.dermkg.ontology.vocab.Derm;

/**
 * The curated source tables of the ontology, read and checked for syntax: IDs well formed, unique
 * and in their branch's range, references syntactically valid. Semantic problems (a missing label,
 * a reference to an unknown ID) are left for the validation build to report, so a curator sees all
 * of them at once.
 */
public record SourceTables(
    Map<Branch, List<TermRow>> terms, List<FindingRow> findings, List<RegistryRow> registry) {

  public static final String REGISTRY = "derm1m-registry.tsv";

  static final Set<String> TERM_REQUIRED = Set.of("id", "label", "parent");

  /** The columns of a term table, in the order the project writes them. */
  public static final List<String> TERM_COLUMNS =
      List.of(
          "id",
          "label",
          "parent",
          "exact_synonyms",
          "related_synonyms",
          "abbreviations",
          "misspellings",
          "definition",
          "xrefs",
          "status",
          "replaced_by",
          "comment");

  /** Optional term-table columns: the rest of TERM_COLUMNS plus the concept-only ones. */
  static final Set<String> TERM_OPTIONAL = optionalTermColumns();

  static final Set<String> FINDING_REQUIRED = Set.of("id", "label", "disease", "concepts");
  static final Set<String> FINDING_OPTIONAL = Set.of("sites", "definition", "comment");
  static final Set<String> REGISTRY_REQUIRED = Set.of("derm1m_path", "id");

  private static final Map<Branch, int[]> RANGES =
      Map.of(
          Branch.DISEASE, new int[] {1000, 1999},
          Branch.CONCEPT, new int[] {2000, 2999},
          Branch.BODY_SITE, new int[] {3000, 3999},
          Branch.FINDING, new int[] {4001, 4999});

  public SourceTables {
    EnumMap<Branch, List<TermRow>> copy = new EnumMap<>(Branch.class);
    terms.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    terms = java.util.Collections.unmodifiableMap(copy);
    findings = List.copyOf(findings);
    registry = List.copyOf(registry);
  }

  /** Reads all tables from a {@code tables/} directory. */
  public static SourceTables read(Path dir) {
    Map<String, Tsv.Row> ids = new HashMap<>();
    EnumMap<Branch, List<TermRow>> terms = new EnumMap<>(Branch.class);
    for (Branch b : List.of(Branch.DISEASE, Branch.CONCEPT, Branch.BODY_SITE)) {
      Tsv tsv = Tsv.read(require(dir.resolve(b.table())), TERM_REQUIRED, TERM_OPTIONAL);
      List<TermRow> rows = new ArrayList<>();
      for (Tsv.Row r : tsv.rows()) {
        rows.add(termRow(b, r, ids));
      }
      terms.put(b, rows);
    }
    List<FindingRow> findings = new ArrayList<>();
    Path findingsFile = dir.resolve(Branch.FINDING.table());
    if (Files.exists(findingsFile)) {
      for (Tsv.Row r : Tsv.read(findingsFile, FINDING_REQUIRED, FINDING_OPTIONAL).rows()) {
        findings.add(findingRow(r, ids));
      }
    }
    Path registryFile = dir.resolve(REGISTRY);
    List<RegistryRow> registry =
        Files.exists(registryFile) ? readRegistry(registryFile) : List.of();
    return new SourceTables(terms, findings, registry);
  }

  /** Reads one term table of a branch on its own (IDs checked within the table). */
  public static List<TermRow> readTerms(Branch b, Path file) {
    Map<String, Tsv.Row> ids = new HashMap<>();
    List<TermRow> rows = new ArrayList<>();
    for (Tsv.Row r : Tsv.read(require(file), TERM_REQUIRED, TERM_OPTIONAL).rows()) {
      rows.add(termRow(b, r, ids));
    }
    return rows;
  }

  /** Reads a Derm1M ID registry table. */
  public static List<RegistryRow> readRegistry(Path file) {
    List<RegistryRow> registry = new ArrayList<>();
    for (Tsv.Row r : Tsv.read(require(file), REGISTRY_REQUIRED, Set.of()).rows()) {
      registry.add(registryRow(r));
    }
    return registry;
  }

  private static Set<String> optionalTermColumns() {
    Set<String> cols = new java.util.HashSet<>(TERM_COLUMNS);
    cols.removeAll(TERM_REQUIRED);
    cols.addAll(List.of("source", "derm1m_phrases"));
    return Set.copyOf(cols);
  }

  private static Path require(Path p) {
    if (!Files.isRegularFile(p)) {
      throw new OntologyException(Code.SOURCE_MISSING, "missing source table " + p);
    }
    return p;
  }

  private static String id(Branch b, Tsv.Row r, Map<String, Tsv.Row> seen) {
    String id = r.get("id");
    if (!Derm.isCurie(id)) {
      throw r.error(Code.TABLE_ROW, "id", "'" + id + "' is not a DERM ID of the form DERM:0000000");
    }
    int n = Derm.number(id);
    int[] range = RANGES.get(b);
    if (n < range[0] || n > range[1]) {
      throw r.error(
          Code.TABLE_ROW,
          "id",
          id
              + " is outside the "
              + b.cliName()
              + " ID range "
              + Derm.curie(range[0])
              + "–"
              + Derm.curie(range[1]));
    }
    Tsv.Row previous = seen.putIfAbsent(id, r);
    if (previous != null) {
      throw r.error(
          Code.TABLE_ROW,
          "id",
          "duplicate ID " + id + " (first defined at " + previous.where() + ")");
    }
    return id;
  }

  private static Optional<Ref> optionalRef(Tsv.Row r, String column) {
    String cell = r.get(column);
    return cell.isEmpty() ? Optional.empty() : Optional.of(Ref.parse(cell, r, column));
  }

  private static TermRow termRow(Branch b, Tsv.Row r, Map<String, Tsv.Row> seen) {
    String id = id(b, r, seen);
    String status = r.get("status");
    if (!status.isEmpty() && !status.equals("deprecated")) {
      throw r.error(
          Code.TABLE_ROW, "status", "'" + status + "' is not a status (empty or 'deprecated')");
    }
    boolean deprecated = status.equals("deprecated");
    Optional<Ref> parent = optionalRef(r, "parent");
    Optional<Ref> replacedBy = optionalRef(r, "replaced_by");
    if (deprecated && parent.isPresent()) {
      throw r.error(
          Code.TABLE_ROW, "parent", "a deprecated term has no parent; move it out of the tree");
    }
    if (!deprecated && replacedBy.isPresent()) {
      throw r.error(Code.TABLE_ROW, "replaced_by", "only deprecated terms have a replacement");
    }
    return new TermRow(
        b,
        id,
        r.cells().getOrDefault("label", ""),
        parent,
        r.list("exact_synonyms"),
        r.list("related_synonyms"),
        r.list("abbreviations"),
        r.list("misspellings"),
        r.cells().getOrDefault("definition", ""),
        r.list("xrefs"),
        r.get("source"),
        r.list("derm1m_phrases"),
        deprecated,
        replacedBy,
        r.get("comment"),
        r);
  }

  private static FindingRow findingRow(Tsv.Row r, Map<String, Tsv.Row> seen) {
    String id = id(Branch.FINDING, r, seen);
    Ref disease = Ref.parse(r.get("disease"), r, "disease");
    List<Ref> concepts = r.list("concepts").stream().map(c -> Ref.parse(c, r, "concepts")).toList();
    List<Ref> sites = r.list("sites").stream().map(c -> Ref.parse(c, r, "sites")).toList();
    return new FindingRow(
        id,
        r.cells().getOrDefault("label", ""),
        disease,
        concepts,
        sites,
        r.cells().getOrDefault("definition", ""),
        r.get("comment"),
        r);
  }

  private static RegistryRow registryRow(Tsv.Row r) {
    // verbatim: Derm1M names may end in a space ("Lichen simplex chronicus, ")
    String path = r.cells().getOrDefault("derm1m_path", "");
    if (path.isBlank()) {
      throw r.error(Code.TABLE_ROW, "derm1m_path", "empty path");
    }
    return new RegistryRow(List.of(path.split(" > ", -1)), Ref.parse(r.get("id"), r, "id"));
  }

  /** All term rows of every branch, diseases first. */
  public List<TermRow> allTerms() {
    List<TermRow> all = new ArrayList<>();
    terms.values().forEach(all::addAll);
    return all;
  }
}
