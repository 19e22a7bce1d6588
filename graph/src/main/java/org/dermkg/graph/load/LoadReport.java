package org.dermkg.graph.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.List;
import java.util.Map;
import org.dermkg.graph.GraphException;

/**
 * What a load did, as a JSON-ready tree ({@link #json()}) and as a summary for people ({@link
 * #summary()}). Every count the issue asks for is here: rows read, rejects with rows and reasons,
 * images, captions, diagnoses resolved and unresolved (top unresolved strings), concepts and body
 * sites resolved, path disagreements, missing and unreadable image files, timings and store size.
 */
public record LoadReport(Map<String, Object> tree) {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public LoadReport {
    tree = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tree));
  }

  /** A top-level number of the report, e.g. "rowsRead", "images", "quads". */
  public long number(String key) {
    Object v = tree.get(key);
    return v instanceof Number n ? n.longValue() : 0;
  }

  @SuppressWarnings("unchecked")
  public Map<String, Object> section(String key) {
    return (Map<String, Object>) tree.getOrDefault(key, Map.of());
  }

  public String json() {
    try {
      return MAPPER.writeValueAsString(tree) + "\n";
    } catch (JsonProcessingException e) {
      throw new GraphException(
          GraphException.Code.WRITE_FAILED, "cannot render the load report: " + e.getMessage(), e);
    }
  }

  /** A few lines for a terminal. */
  @SuppressWarnings("unchecked")
  public String summary() {
    Map<String, Object> d = section("diagnoses");
    Map<String, Object> c = section("concepts");
    Map<String, Object> s = section("bodySites");
    Map<String, Object> f = section("imageFiles");
    Map<String, Object> t = section("timing");
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            "rows read %,d (rejected %,d); images %,d; captions %,d; quads %,d%n",
            number("rowsRead"),
            number("rowsRejected"),
            number("images"),
            number("captions"),
            number("quads")));
    b.append(
        String.format(
            "diagnoses: %,d rows labelled, %,d resolved, %,d partly, %,d unresolved; %,d multi-diagnosis; %,d disagree with the ontology%n",
            d.get("rowsWithLabel"),
            d.get("rowsResolved"),
            d.get("rowsPartlyResolved"),
            d.get("rowsUnresolved"),
            d.get("multiDiagnosisRows"),
            d.get("rowsDisagreeingWithOntology")));
    for (Map<String, Object> u :
        (List<Map<String, Object>>) d.getOrDefault("topUnresolved", List.of())) {
      b.append(
          String.format(
              "    unresolved %6d  %s%n", ((Number) u.get("count")).longValue(), u.get("value")));
    }
    b.append(
        String.format(
            "concepts: %,d of %,d values resolved; body sites: %,d of %,d%n",
            c.get("resolved"), c.get("values"), s.get("resolved"), s.get("values")));
    b.append(
        String.format(
            "image files: %,d present, %,d missing, %,d unreadable%n",
            f.get("present"), f.get("missing"), f.get("unreadable")));
    b.append(
        String.format(
            "time %.1f s (%,.0f rows/s, %,.0f quads/s); store %s MiB in %s%n",
            ((Number) t.get("totalSeconds")).doubleValue(),
            ((Number) t.get("rowsPerSecond")).doubleValue(),
            ((Number) t.get("quadsPerSecond")).doubleValue(),
            ((Number) tree.get("storeBytes")).longValue() >> 20,
            tree.get("store")));
    Object shacl = tree.get("shacl");
    if (shacl instanceof Map<?, ?> sh) {
      b.append("SHACL: ")
          .append(
              Boolean.TRUE.equals(sh.get("conforms"))
                  ? "conforms"
                  : sh.get("violations") + " violations")
          .append(String.format(" (%.1f s)%n", ((Number) sh.get("seconds")).doubleValue()));
    }
    return b.toString();
  }
}
