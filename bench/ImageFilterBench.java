import java.nio.file.Path;
import java.util.*;
import org.apache.jena.query.*;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.dermkg.graph.store.DermStore;

/**
 * The shapes of "Derm1M's images under a class, benchmark datasets' left out" compared on a
 * Derm1M-scale store (bench/image-filter.sh): a page of 100 (offset 200) and the count, for the
 * disease root, a level-1 class and Malignant melanoma, each query parsed and run 15 times, median:
 * A tests each image's type (FILTER NOT EXISTS, the first version), B leaves dataset graphs out by
 * name (what images-under.rq and image-count.rq do), C filters nothing (the floor).
 *
 * Usage: java -cp ... bench/ImageFilterBench.java STORE_DIR
 */
public class ImageFilterBench {
  static final String P = "PREFIX dkg: <https://w3id.org/dermkg/vocab#>\n";
  public static void main(String[] a) throws Exception {
    try (DermStore s = DermStore.open(Path.of(a[0]))) {
      DatasetGraph d = s.dataset();
      d.getContext().set(org.apache.jena.tdb2.TDB2.symUnionDefaultGraph, true);
      String[] classes = {"https://w3id.org/dermkg/DERM_0001000", "https://w3id.org/dermkg/DERM_0001001", "https://w3id.org/dermkg/DERM_0001242"};
      Map<String,String> qs = new LinkedHashMap<>();
      qs.put("page A (not exists)", "SELECT ?image ?f WHERE { { SELECT ?image WHERE { ?image dkg:diagnosisUnder <C> . FILTER NOT EXISTS { ?image a dkg:DatasetImage } } LIMIT 100 OFFSET 200 } OPTIONAL { ?image dkg:filename ?f } }");
      qs.put("page B (graph name)", "SELECT ?image ?f WHERE { { SELECT DISTINCT ?image WHERE { GRAPH ?g { ?image dkg:diagnosisUnder <C> } FILTER(!STRSTARTS(STR(?g), \"https://w3id.org/dermkg/graph/dataset/\")) } LIMIT 100 OFFSET 200 } OPTIONAL { ?image dkg:filename ?f } }");
      qs.put("page C (no filter)", "SELECT ?image ?f WHERE { { SELECT ?image WHERE { ?image dkg:diagnosisUnder <C> } LIMIT 100 OFFSET 200 } OPTIONAL { ?image dkg:filename ?f } }");
      qs.put("count A (not exists)", "SELECT (COUNT(?image) AS ?n) WHERE { ?image dkg:diagnosisUnder <C> . FILTER NOT EXISTS { ?image a dkg:DatasetImage } }");
      qs.put("count B (graph name)", "SELECT (COUNT(DISTINCT ?image) AS ?n) WHERE { GRAPH ?g { ?image dkg:diagnosisUnder <C> } FILTER(!STRSTARTS(STR(?g), \"https://w3id.org/dermkg/graph/dataset/\")) }");
      qs.put("count C (no filter)", "SELECT (COUNT(?image) AS ?n) WHERE { ?image dkg:diagnosisUnder <C> }");
      for (var e : qs.entrySet()) {
        for (String c : classes) {
          String q = P + e.getValue().replace("<C>", "<" + c + ">");
          double[] t = new double[15]; int rows = 0;
          for (int i = 0; i < t.length; i++) {
            long t0 = System.nanoTime();
            rows = Txn.calculateRead(d, () -> { try (QueryExecution qe = QueryExecutionFactory.create(q, DatasetFactory.wrap(d))) { ResultSet rs = qe.execSelect(); int n = 0; String last = ""; while (rs.hasNext()) { var b = rs.next(); n++; last = b.toString(); } return n; } });
            t[i] = (System.nanoTime() - t0) / 1e6;
          }
          Arrays.sort(t);
          System.out.printf("%-22s %-50s median %8.2f ms rows %d%n", e.getKey(), c.substring(c.lastIndexOf('/') + 1), t[t.length / 2], rows);
        }
      }
    }
  }
}
