package org.dermkg.ontology.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.dermkg.ontology.OntologyException;
import org.dermkg.ontology.OntologyException.Code;
import org.dermkg.ontology.resolve.LabelNormalizer;
import org.dermkg.ontology.table.Branch;
import org.dermkg.ontology.table.RegistryRow;
import org.dermkg.ontology.table.SourceTables;
import org.dermkg.ontology.table.Tsv;
import org.dermkg.ontology.vocab.Derm;

/**
 * Updates the disease table and the ID registry from a Derm1M {@code ontology.json} (a flat object
 * of node name to child names, with a synthetic "root"). IDs never change: a node path already in
 * the registry keeps its class; a path whose name is already a Derm1M name of a class is linked to
 * that class (Derm1M names are identities); only a genuinely new name gets a new class, with the
 * next free ID, its packed synonyms split out and a comment asking for curation. Registry paths
 * missing from the JSON are reported, never deleted. Curated cells are never rewritten.
 */
public final class Derm1mImporter {
  private static final String DISEASE_ROOT = "DERM:0001000";
  private static final int MAX_DISEASE_ID = 1999;
  private static final List<String> ROOT_ROW =
      List.of(
          DISEASE_ROOT,
          "Skin condition",
          "",
          "",
          "",
          "",
          "",
          "Any disease, disorder, lesion or reaction pattern of the skin, its appendages or the adjacent mucosa.",
          "",
          "",
          "",
          "Root of the disease hierarchy (level 0).");

  private Derm1mImporter() {}

  /**
   * What an import did (or would do, in a dry run).
   *
   * @param added new classes, as "DERM:id path"
   * @param linked new registry paths linked to an existing class by name
   * @param missing registry paths that the JSON no longer has
   * @param unchanged paths already registered
   */
  public record Result(
      List<String> added, List<String> linked, List<String> missing, int unchanged) {
    public Result {
      added = List.copyOf(added);
      linked = List.copyOf(linked);
      missing = List.copyOf(missing);
    }

    public boolean changed() {
      return !added.isEmpty() || !linked.isEmpty();
    }
  }

  /**
   * Imports {@code json} into the tables of {@code tablesDir}; writes them unless {@code dryRun}. A
   * directory without a disease table is regenerated from scratch (a root row, then one class per
   * Derm1M name).
   */
  public static Result run(Path json, Path tablesDir, boolean dryRun) {
    Map<String, List<String>> tree = readJson(json);
    Path diseasesFile = tablesDir.resolve(Branch.DISEASE.table());
    Path registryFile = tablesDir.resolve(SourceTables.REGISTRY);
    boolean fresh = !Files.exists(diseasesFile);
    // syntax check of what exists before touching anything
    if (!fresh) {
      SourceTables.readTerms(Branch.DISEASE, diseasesFile);
    }
    List<RegistryRow> registry =
        Files.exists(registryFile) ? SourceTables.readRegistry(registryFile) : List.of();
    Table diseases =
        fresh ? Table.fresh(SourceTables.TERM_COLUMNS, ROOT_ROW) : Table.of(diseasesFile);
    Table registryTable =
        Files.exists(registryFile)
            ? Table.of(registryFile)
            : Table.fresh(List.of("derm1m_path", "id"), List.of());
    Walk walk = new Walk(json, diseases, registry);
    visitDepthFirst(tree, walk);
    List<String> missing =
        registry.stream()
            .map(RegistryRow::pathString)
            .filter(x -> !walk.seenPaths.contains(x))
            .toList();
    if (!dryRun && (fresh || !walk.newDiseaseRows.isEmpty() || !walk.newRegistryRows.isEmpty())) {
      diseases.appendTo(diseasesFile, walk.newDiseaseRows);
      registryTable.appendTo(registryFile, walk.newRegistryRows);
    }
    return new Result(walk.added, walk.linked, missing, walk.unchanged);
  }

  /** Visits every path of the tree from its {@code root} entries, depth-first, in JSON order. */
  private static void visitDepthFirst(Map<String, List<String>> tree, Walk walk) {
    java.util.Deque<List<String>> todo = new java.util.ArrayDeque<>();
    List<String> roots = tree.get("root");
    for (int i = roots.size() - 1; i >= 0; i--) {
      todo.push(List.of(roots.get(i)));
    }
    while (!todo.isEmpty()) {
      List<String> path = todo.pop();
      walk.visit(path);
      List<String> kids = tree.getOrDefault(path.get(path.size() - 1), List.of());
      for (int i = kids.size() - 1; i >= 0; i--) {
        List<String> child = new ArrayList<>(path);
        child.add(kids.get(i));
        todo.push(List.copyOf(child));
      }
    }
  }

  /** The state of one import's walk over the Derm1M tree: what is known, what it adds. */
  private static final class Walk {
    final Path json;
    final Table diseases;
    final Map<String, String> pathToId = new LinkedHashMap<>();
    final Map<String, String> nameToId = new HashMap<>();
    final Map<String, String> labels = new HashMap<>();
    final List<List<String>> newDiseaseRows = new ArrayList<>();
    final List<List<String>> newRegistryRows = new ArrayList<>();
    final List<String> added = new ArrayList<>();
    final List<String> linked = new ArrayList<>();
    final Set<String> seenPaths = new HashSet<>();
    int unchanged;
    int maxId = Derm.number(DISEASE_ROOT);

    Walk(Path json, Table diseases, List<RegistryRow> registry) {
      this.json = json;
      this.diseases = diseases;
      for (RegistryRow r : registry) {
        pathToId.put(r.pathString(), r.term().id());
        nameToId.putIfAbsent(r.name(), r.term().id());
      }
      for (Map<String, String> r : diseases.rows()) {
        String id = r.get("id").strip();
        labels.put(id, r.getOrDefault("label", "").strip());
        maxId = Math.max(maxId, Derm.number(id));
      }
    }

    /** A known path is unchanged, a known name gets the path linked, else a new class. */
    void visit(List<String> path) {
      String p = String.join(RegistryRow.SEPARATOR, path);
      seenPaths.add(p);
      String name = path.get(path.size() - 1);
      if (pathToId.containsKey(p)) {
        unchanged++;
      } else if (nameToId.containsKey(name)) {
        String id = nameToId.get(name);
        pathToId.put(p, id);
        newRegistryRows.add(List.of(p, id + " ! " + labels.get(id)));
        linked.add(id + " " + p);
      } else {
        addClass(path, p, name);
      }
    }

    private void addClass(List<String> path, String p, String name) {
      if (maxId >= MAX_DISEASE_ID) {
        throw new OntologyException(
            Code.IMPORT_JSON, "the disease ID range is full (" + Derm.curie(MAX_DISEASE_ID) + ")");
      }
      String id = Derm.curie(++maxId);
      String parentPath = String.join(RegistryRow.SEPARATOR, path.subList(0, path.size() - 1));
      String parent = path.size() == 1 ? DISEASE_ROOT : pathToId.get(parentPath);
      List<String> parts = packedParts(name);
      String label = sentenceCase(parts.get(0));
      labels.put(id, label);
      pathToId.put(p, id);
      nameToId.put(name, id);
      Map<String, String> cells = new LinkedHashMap<>();
      diseases.header().forEach(h -> cells.put(h, ""));
      cells.put("id", id);
      cells.put("label", label);
      cells.put("parent", parent + " ! " + labels.get(parent));
      if (cells.containsKey("exact_synonyms")) {
        cells.put("exact_synonyms", String.join("|", parts.subList(1, parts.size())));
      }
      if (cells.containsKey("comment")) {
        cells.put(
            "comment",
            "Imported from Derm1M "
                + json.getFileName()
                + "; needs a definition and a placement review.");
      }
      newDiseaseRows.add(new ArrayList<>(cells.values()));
      newRegistryRows.add(List.of(p, id + " ! " + label));
      added.add(id + " " + p);
    }
  }

  /**
   * A table's comments, header and rows as read (cells verbatim), to be rewritten with additions.
   */
  private record Table(List<String> comments, List<String> header, List<Map<String, String>> rows) {
    static Table of(Path file) {
      List<String> header;
      try {
        header = List.of(Files.readAllLines(file, StandardCharsets.UTF_8).get(0).split("\t", -1));
      } catch (IOException | IndexOutOfBoundsException e) {
        throw new OntologyException(
            Code.SOURCE_MISSING, "cannot read " + file + ": " + e.getMessage(), e);
      }
      Tsv t = Tsv.read(file, Set.of(header.get(0)), Set.copyOf(header));
      return new Table(t.comments(), t.header(), t.rows().stream().map(Tsv.Row::cells).toList());
    }

    static Table fresh(List<String> header, List<String> firstRow) {
      List<Map<String, String>> rows = new ArrayList<>();
      if (!firstRow.isEmpty()) {
        Map<String, String> r = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
          r.put(header.get(i), firstRow.get(i));
        }
        rows.add(r);
      }
      return new Table(List.of(), header, rows);
    }

    /** Rewrites the file atomically: existing rows verbatim, then the new rows. */
    void appendTo(Path file, List<List<String>> extra) {
      List<List<String>> all = new ArrayList<>();
      for (Map<String, String> r : rows) {
        all.add(header.stream().map(h -> r.getOrDefault(h, "")).toList());
      }
      all.addAll(extra);
      try {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
          Tsv.write(w, comments, header, all);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        throw new OntologyException(
            Code.WRITE_FAILED, "cannot write " + file + ": " + e.getMessage(), e);
      }
    }
  }

  /** "Angioma, Hemangioma" → [Angioma, Hemangioma]; blanks and normalised duplicates dropped. */
  static List<String> packedParts(String name) {
    List<String> out = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (String part : name.split(",")) {
      String p = part.strip();
      if (!p.isEmpty() && seen.add(LabelNormalizer.normalize(p))) {
        out.add(p);
      }
    }
    if (out.isEmpty()) {
      out.add(name.strip());
    }
    return out;
  }

  static String sentenceCase(String s) {
    return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
  }

  /** Reads and checks the JSON: an object of string arrays with a "root" key and no cycles. */
  static Map<String, List<String>> readJson(Path json) {
    JsonNode node;
    try {
      node = new ObjectMapper().readTree(Files.readAllBytes(json));
    } catch (IOException e) {
      throw new OntologyException(
          Code.IMPORT_JSON, json + ": not valid JSON: " + e.getMessage(), e);
    }
    if (node == null || !node.isObject()) {
      throw new OntologyException(
          Code.IMPORT_JSON, json + ": expected a JSON object of node name to child list");
    }
    Map<String, List<String>> tree = new LinkedHashMap<>();
    for (var e : node.properties()) {
      if (!e.getValue().isArray()) {
        throw new OntologyException(
            Code.IMPORT_JSON,
            json + ": key '" + e.getKey() + "': value is not a list of child names");
      }
      List<String> kids = new ArrayList<>();
      for (JsonNode k : e.getValue()) {
        if (!k.isTextual() || k.asText().isBlank()) {
          throw new OntologyException(
              Code.IMPORT_JSON, json + ": key '" + e.getKey() + "': child " + k + " is not a name");
        }
        kids.add(k.asText());
      }
      tree.put(e.getKey(), kids);
    }
    if (!tree.containsKey("root")) {
      throw new OntologyException(
          Code.IMPORT_JSON, json + ": no \"root\" key listing the level-1 categories");
    }
    checkAcyclic(json, tree);
    return tree;
  }

  private static void checkAcyclic(Path json, Map<String, List<String>> tree) {
    Map<String, Integer> state = new HashMap<>(); // 1 = on path, 2 = done
    java.util.Deque<Object[]> work = new java.util.ArrayDeque<>();
    work.push(new Object[] {"root", 0});
    state.put("root", 1);
    while (!work.isEmpty()) {
      Object[] f = work.peek();
      String name = (String) f[0];
      List<String> kids = tree.getOrDefault(name, List.of());
      int i = (int) f[1];
      if (i == kids.size()) {
        state.put(name, 2);
        work.pop();
        continue;
      }
      f[1] = i + 1;
      String k = kids.get(i);
      Integer s = state.get(k);
      if (s != null && s == 1) {
        throw new OntologyException(
            Code.IMPORT_JSON,
            json + ": cycle: '" + k + "' is its own descendant (via '" + name + "')");
      }
      if (s == null) {
        state.put(k, 1);
        work.push(new Object[] {k, 0});
      }
    }
  }
}
