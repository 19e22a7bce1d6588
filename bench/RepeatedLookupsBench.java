import java.util.ArrayList;
import java.util.List;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.query.ResultSet;
import org.apache.jena.sparql.ARQConstants;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.TDB2;
import org.apache.jena.tdb2.TDB2Factory;
import org.dermkg.sparql.optimize.CountOfBoundVariable;
import org.dermkg.sparql.optimize.RepeatedLookups;

/**
 * TDB2's executor against {@link RepeatedLookups} (the same executor remembering a pattern's
 * repeated lookups within one query) in one JVM, on one store: a query with CLASS replaced by each
 * disease class in turn (the root DERM:0001000 and its descendants), 3 warm-up rounds then ROUNDS
 * alternating rounds of both executors, mean time per query, the answers' sums compared. No HTTP: the query engine only
 * (parse, optimize with the COUNT rewrite derm serve uses, execute, read every row).
 *
 * <p>Usage: java -cp "server/target/derm-server.jar:server/target/lib/*"
 * bench/RepeatedLookupsBench.java STORE/gen-NNNN [ROUNDS=10] [QUERY]
 *
 * <p>QUERY defaults to bench/VirtuosoBench.java's "images per diagnosis label, top 20".
 */
public class RepeatedLookupsBench {
  static final String PREFIXES =
      "PREFIX dkg: <https://w3id.org/dermkg/vocab#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> ";

  public static void main(String[] args) {
    Dataset ds = TDB2Factory.connectDataset(args[0]);
    CountOfBoundVariable.install(ds.getContext());
    ds.getContext().set(TDB2.symUnionDefaultGraph, true);
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    String query =
        args.length > 2
            ? args[2]
            : "SELECT ?label (COUNT(?image) AS ?n) WHERE { ?image dkg:diagnosisUnder <CLASS> ;"
                + " dkg:diagnosis ?d . ?d rdfs:label ?label } GROUP BY ?label"
                + " ORDER BY DESC(?n) ?label LIMIT 20";
    List<String> classes = new ArrayList<>();
    Txn.executeRead(
        ds,
        () -> {
          try (QueryExecution qe =
              QueryExecution.create(
                  PREFIXES
                      + "SELECT DISTINCT ?c { ?c rdfs:subClassOf* <https://w3id.org/dermkg/DERM_0001000> }",
                  ds)) {
            qe.execSelect().forEachRemaining(s -> classes.add(s.getResource("c").getURI()));
          }
        });
    System.out.printf(
        "machine: %d processors; %s; %d classes%n",
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"), classes.size());
    Object tdb2 = ds.getContext().get(ARQConstants.sysOpExecutorFactory);
    List<Double> plain = new ArrayList<>();
    List<Double> remembering = new ArrayList<>();
    long[] sums = new long[2];
    int warmUp = 3;
    for (int r = -warmUp; r < rounds; r++) {
      for (int mode = 0; mode < 2; mode++) {
        boolean on = (mode + r) % 2 == 1;
        if (on) {
          RepeatedLookups.install(ds.getContext());
        } else if (tdb2 == null) {
          ds.getContext().remove(ARQConstants.sysOpExecutorFactory);
        } else {
          ds.getContext().set(ARQConstants.sysOpExecutorFactory, tdb2);
        }
        long t0 = System.nanoTime();
        long sum = 0;
        for (String c : classes) {
          sum += run(ds, PREFIXES + query.replace("CLASS", c));
        }
        double ms = (System.nanoTime() - t0) / 1e6 / classes.size();
        if (r >= 0) {
          (on ? remembering : plain).add(ms);
        }
        sums[on ? 1 : 0] = sum;
        System.out.printf("%s %d %-12s %.3f ms/query (checksum %d)%n", r < 0 ? "warm-up" : "round", r < 0 ? r + warmUp + 1 : r + 1, on ? "remembering" : "TDB2", ms, sum);
      }
    }
    if (sums[0] != sums[1]) {
      throw new IllegalStateException("answers differ: " + sums[0] + " vs " + sums[1]);
    }
    double p = median(plain);
    double m = median(remembering);
    System.out.printf(
        "median over %d rounds: TDB2 %.3f ms/query, remembering %.3f ms/query: %.2fx%n", rounds, p, m, p / m);
  }

  /** Runs a query, reads every row; a checksum of its answer (row count and integer values). */
  static long run(Dataset ds, String text) {
    long[] sum = new long[1];
    Txn.executeRead(
        ds,
        () -> {
          try (QueryExecution qe = QueryExecution.create(text, ds)) {
            ResultSet rs = qe.execSelect();
            while (rs.hasNext()) {
              QuerySolution s = rs.next();
              sum[0]++;
              s.varNames()
                  .forEachRemaining(
                      v -> {
                        var n = s.get(v);
                        sum[0] += n.isLiteral() && n.asLiteral().getValue() instanceof Number x ? x.longValue() : n.toString().hashCode();
                      });
            }
          }
        });
    return sum[0];
  }

  static double median(List<Double> xs) {
    List<Double> s = new ArrayList<>(xs);
    s.sort(null);
    return s.get(s.size() / 2);
  }
}
