import java.util.Map;
import java.util.TreeMap;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.TDB2Factory;

/**
 * The two ways of counting a store's quads per graph side by side, in one JVM: a find() over every
 * quad (what derm restore's check did, turning each quad's node ids into nodes) and the COUNT(*)
 * GROUP BY ?g query it runs now (answered over node ids); both counts are compared.
 *
 * <p>Usage: java -cp "server/target/derm-server.jar:server/target/lib/*"
 * bench/QuadsPerGraphBench.java STORE/gen-NNNN [RUNS=1] — the first run is the cold one restore sees.
 */
public class QuadsPerGraphBench {
  public static void main(String[] args) {
    DatasetGraph d = TDB2Factory.connectDataset(args[0]).asDatasetGraph();
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    for (int r = 0; r < runs; r++) {
      long t0 = System.nanoTime();
      Map<String, Long> found = new TreeMap<>();
      Txn.executeRead(
          d, () -> d.find().forEachRemaining(q -> found.merge(q.getGraph().toString(), 1L, Long::sum)));
      long t1 = System.nanoTime();
      Map<String, Long> counted = new TreeMap<>();
      Txn.executeRead(
          d,
          () -> {
            try (QueryExecution qe =
                QueryExecution.create(
                    "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
                    DatasetFactory.wrap(d))) {
              qe.execSelect()
                  .forEachRemaining(s -> counted.put(s.get("g").toString(), s.getLiteral("n").getLong()));
            }
          });
      long t2 = System.nanoTime();
      System.out.printf(
          "run %d: find() %.2f s, COUNT(*) GROUP BY ?g %.2f s, same counts: %s %s%n",
          r + 1, (t1 - t0) / 1e9, (t2 - t1) / 1e9, found.equals(counted), counted);
    }
  }
}
