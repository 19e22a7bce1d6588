import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * derm serve against OpenLink Virtuoso on the same N-Quads and the same four query texts (run by
 * bench/virtuoso.sh, which starts both servers; a single-file program on the server's class path
 * for Jackson). For each query and round, each server in turn (the order alternates by round):
 *
 * <ul>
 *   <li><b>cold, one client</b>: p50 of requests each for the next class of a shuffled list of the
 *       disease classes, sent with {@code Cache-Control: no-cache} (derm serve then runs the query
 *       instead of answering from its result cache; Virtuoso has none);
 *   <li><b>cold, CLIENTS clients</b>: requests per second for SECONDS, the same way;
 *   <li><b>warm</b>: the same with ten fixed classes and no such header (derm serve's cache answers
 *       after the first request of each).
 * </ul>
 *
 * Before measuring, both servers answer every query for 30 classes and the answers are compared
 * (values only: Virtuoso and Jena name some datatypes differently); a difference stops the run.
 * Then every shape runs on every server, not measured, in 5 s slices (at least 30 s) until two
 * slices in a row agree within 5% (at most 90 s, {@code -Dwarmup=S}): the JIT compiles both sides' code paths. On 2 cores
 * under 8 clients derm's throughput kept rising for a minute or more (a fixed 5 s, then 20 s,
 * left its first round at half its later figures).
 * While the clients run, the resident set size of each server process is sampled from /proc.
 *
 * <p>Usage: java -cp ... bench/VirtuosoBench.java DERM_URL DERM_PID VIRTUOSO_URL|- VIRTUOSO_PID
 * [SECONDS=10] [ROUNDS=3] [CLIENTS=8]
 */
public class VirtuosoBench {
  static final String PREFIXES =
      "PREFIX dkg: <https://w3id.org/dermkg/vocab#>\n"
          + "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n";
  static final String ROOT = "https://w3id.org/dermkg/DERM_0001000";

  /** The four query shapes; CLASS is replaced by a class IRI; ordered: the answer's order counts. */
  record Shape(String name, String text, boolean ordered) {}

  static final List<Shape> ALL_SHAPES =
      List.of(
          new Shape(
              "descendants (rdfs:subClassOf+)",
              "SELECT DISTINCT ?d WHERE { ?d rdfs:subClassOf+ <CLASS> }",
              false),
          new Shape(
              "page of 100 images under a class",
              "SELECT ?image ?file WHERE { ?image dkg:diagnosisUnder <CLASS> ; dkg:filename ?file }"
                  + " ORDER BY ?file LIMIT 100",
              true),
          new Shape(
              "COUNT DISTINCT images under a class",
              "SELECT (COUNT(DISTINCT ?image) AS ?n) WHERE { ?image dkg:diagnosisUnder <CLASS> }",
              false),
          new Shape(
              "images per diagnosis label, top 20",
              "SELECT ?label (COUNT(?image) AS ?n) WHERE { ?image dkg:diagnosisUnder <CLASS> ;"
                  + " dkg:diagnosis ?d . ?d rdfs:label ?label } GROUP BY ?label"
                  + " ORDER BY DESC(?n) ?label LIMIT 20",
              true));

  /** The shapes measured: all, or those whose numbers (0-3) the property {@code only} lists. */
  static final List<Shape> SHAPES =
      System.getProperty("only") == null
          ? ALL_SHAPES
          : Arrays.stream(System.getProperty("only").split(","))
              .map(i -> ALL_SHAPES.get(Integer.parseInt(i.strip())))
              .toList();

  /** Most seconds each shape runs on each server before anything is measured ({@code -Dwarmup=S}). */
  static final int WARMUP_SECONDS = Integer.getInteger("warmup", 90);

  record Target(String name, String endpoint, long pid) {}

  static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  static final ObjectMapper JSON = new ObjectMapper();

  public static void main(String[] args) throws Exception {
    Target derm = new Target("derm", args[0] + "/derm/sparql", Long.parseLong(args[1]));
    Target virt =
        args[2].equals("-") ? null : new Target("virtuoso", args[2] + "/sparql", Long.parseLong(args[3]));
    int seconds = args.length > 4 ? Integer.parseInt(args[4]) : 10;
    int rounds = args.length > 5 ? Integer.parseInt(args[5]) : 3;
    int clients = args.length > 6 ? Integer.parseInt(args[6]) : 8;

    List<String> classes = new ArrayList<>();
    for (JsonNode row :
        select(derm, PREFIXES + "SELECT DISTINCT ?c WHERE { ?c rdfs:subClassOf* <" + ROOT + "> }", false)) {
      classes.add(row.path("c").path("value").asText());
    }
    System.out.printf("%d disease classes (the root and its descendants)%n", classes.size());
    Collections.shuffle(classes, new Random(7));
    if (virt != null) {
      compare(derm, virt, classes.subList(0, Math.min(30, classes.size())));
    }
    List<Target> targets = virt == null ? List.of(derm) : List.of(derm, virt);
    Map<String, List<Double>> figures = new TreeMap<>();
    // warm-up, not measured: every shape on every server (the JIT compiles both sides' code paths)
    for (Shape shape : SHAPES) {
      for (Target t : targets) {
        warmUp(t, shape, classes, clients);
      }
    }
    RssSampler rss = new RssSampler(targets);
    rss.start();
    for (int round = 1; round <= rounds; round++) {
      System.out.printf("%n== round %d ==%n", round);
      for (Shape shape : SHAPES) {
        List<Target> order = new ArrayList<>(targets);
        if (round % 2 == 0) {
          Collections.reverse(order);
        }
        for (Target t : order) {
          List<String> warm = classes.subList(0, 10);
          double p50 = oneClient(t, shape, classes, true, 200, seconds);
          rss.phase(t.name() + " cold");
          double rps = throughput(t, shape, classes, true, clients, seconds);
          rss.phase(t.name() + " warm");
          double warmP50 = oneClient(t, shape, warm, false, 200, seconds);
          double warmRps = throughput(t, shape, warm, false, clients, seconds);
          rss.phase(null);
          System.out.printf(
              "  %-36s %-9s cold: p50 %7.2f ms, %7.0f req/s | warm: p50 %7.2f ms, %7.0f req/s%n",
              shape.name(), t.name(), p50, rps, warmP50, warmRps);
          figures.computeIfAbsent(shape.name() + "|" + t.name() + "|p50", k -> new ArrayList<>()).add(p50);
          figures.computeIfAbsent(shape.name() + "|" + t.name() + "|rps", k -> new ArrayList<>()).add(rps);
          figures.computeIfAbsent(shape.name() + "|" + t.name() + "|wp50", k -> new ArrayList<>()).add(warmP50);
          figures.computeIfAbsent(shape.name() + "|" + t.name() + "|wrps", k -> new ArrayList<>()).add(warmRps);
        }
      }
    }
    rss.stop();
    System.out.printf("%n== medians over %d rounds, %d clients ==%n", rounds, clients);
    for (Shape shape : SHAPES) {
      String k = shape.name() + "|";
      double dp = median(figures.get(k + "derm|p50"));
      double dr = median(figures.get(k + "derm|rps"));
      double wp = median(figures.get(k + "derm|wp50"));
      double wr = median(figures.get(k + "derm|wrps"));
      if (virt == null) {
        System.out.printf(
            "%-36s cold p50 %.2f ms, %.0f req/s; warm p50 %.2f ms, %.0f req/s%n",
            shape.name(), dp, dr, wp, wr);
        continue;
      }
      double vp = median(figures.get(k + "virtuoso|p50"));
      double vr = median(figures.get(k + "virtuoso|rps"));
      double vwp = median(figures.get(k + "virtuoso|wp50"));
      double vwr = median(figures.get(k + "virtuoso|wrps"));
      System.out.printf(
          "%-36s cold: %6.0f / %6.0f req/s (ratio %.2f), p50 %6.2f / %6.2f ms (%.2fx) |"
              + " warm: %6.0f / %6.0f req/s (%.2f), p50 %6.2f / %6.2f ms%n",
          shape.name(), dr, vr, dr / vr, dp, vp, dp / vp, wr, vwr, wr / vwr, wp, vwp);
    }
    rss.report();
  }

  /** Both servers' answers for every shape and class, compared; exits 1 on a difference. */
  static void compare(Target a, Target b, List<String> classes) throws Exception {
    int checked = 0;
    for (Shape shape : SHAPES) {
      for (String c : classes) {
        String q = PREFIXES + shape.text().replace("CLASS", c);
        List<String> x = canonical(select(a, q, false), shape.ordered());
        List<String> y = canonical(select(b, q, false), shape.ordered());
        if (!x.equals(y)) {
          System.out.printf(
              "DIFFERENT answers for %s, class %s:%n  %s: %d rows %s%n  %s: %d rows %s%n",
              shape.name(), c, a.name(), x.size(), head(x), b.name(), y.size(), head(y));
          System.exit(1);
        }
        checked++;
      }
    }
    System.out.printf("answers compared: %d query/class pairs, all the same%n", checked);
  }

  static String head(List<String> rows) {
    return rows.subList(0, Math.min(3, rows.size())).toString();
  }

  /** Rows as "var=value;..." strings (values only), sorted unless the order counts. */
  static List<String> canonical(JsonNode bindings, boolean ordered) {
    List<String> rows = new ArrayList<>();
    for (JsonNode row : bindings) {
      TreeMap<String, String> m = new TreeMap<>();
      row.properties().forEach(e -> m.put(e.getKey(), e.getValue().path("value").asText()));
      rows.add(m.toString());
    }
    if (!ordered) {
      Collections.sort(rows);
    }
    return rows;
  }

  static JsonNode select(Target t, String query, boolean noCache) throws Exception {
    HttpResponse<byte[]> r = HTTP.send(request(t, query, noCache), HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(
          t.name() + " answered " + r.statusCode() + ": " + new String(r.body(), StandardCharsets.UTF_8));
    }
    return JSON.readTree(r.body()).path("results").path("bindings");
  }

  static HttpRequest request(Target t, String query, boolean noCache) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(
                URI.create(t.endpoint() + "?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)))
            .header("Accept", "application/sparql-results+json")
            .timeout(Duration.ofSeconds(30));
    if (noCache) {
      b.header("Cache-Control", "no-cache");
    }
    return b.GET().build();
  }

  /** p50 (ms) of one client's requests, at most {@code n} of them and {@code seconds}. */
  static double oneClient(Target t, Shape shape, List<String> classes, boolean cold, int n, int seconds)
      throws Exception {
    long[] times = new long[n];
    int done = 0;
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    for (int i = 0; i < 5; i++) {
      send(t, shape, classes.get(i % classes.size()), cold);
    }
    for (int i = 0; i < n && System.nanoTime() < end; i++) {
      long t0 = System.nanoTime();
      send(t, shape, classes.get((i + 5) % classes.size()), cold);
      times[done++] = System.nanoTime() - t0;
    }
    long[] used = Arrays.copyOf(times, done);
    Arrays.sort(used);
    return used[used.length / 2] / 1e6;
  }

  /** Requests per second of {@code clients} concurrent clients over {@code seconds}. */
  /**
   * Runs a shape cold under CLIENTS clients in 5 s slices, at least six, until two slices in a row
   * agree within 5% (or WARMUP_SECONDS have passed); prints the slices.
   */
  static void warmUp(Target t, Shape shape, List<String> classes, int clients) throws Exception {
    List<String> slices = new ArrayList<>();
    double last = -1;
    for (int spent = 0; spent < WARMUP_SECONDS; spent += 5) {
      double rps = throughput(t, shape, classes, true, clients, 5);
      slices.add(String.format("%.0f", rps));
      if (spent >= 25 && Math.abs(rps - last) <= 0.05 * last) {
        break;
      }
      last = rps;
    }
    System.out.printf("  warm-up %-36s %-9s req/s per 5 s: %s%n", shape.name(), t.name(), String.join(", ", slices));
  }

  static double throughput(Target t, Shape shape, List<String> classes, boolean cold, int clients, int seconds)
      throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong count = new AtomicLong();
    AtomicInteger errors = new AtomicInteger();
    AtomicInteger next = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      threads.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    while (!stop.get()) {
                      try {
                        send(t, shape, classes.get(Math.floorMod(next.getAndIncrement(), classes.size())), cold);
                        count.incrementAndGet();
                      } catch (Exception e) {
                        errors.incrementAndGet();
                      }
                    }
                  }));
    }
    long t0 = System.nanoTime();
    Thread.sleep(seconds * 1000L);
    stop.set(true);
    long n = count.get();
    double elapsed = (System.nanoTime() - t0) / 1e9;
    for (Thread th : threads) {
      th.join();
    }
    if (errors.get() > 0) {
      System.out.printf("    (%s, %s: %d errors)%n", t.name(), shape.name(), errors.get());
    }
    return n / elapsed;
  }

  static void send(Target t, Shape shape, String c, boolean cold) throws Exception {
    HttpResponse<byte[]> r =
        HTTP.send(request(t, PREFIXES + shape.text().replace("CLASS", c), cold), HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(t.name() + " " + r.statusCode());
    }
  }

  static double median(List<Double> xs) {
    List<Double> s = new ArrayList<>(xs);
    Collections.sort(s);
    return s.get(s.size() / 2);
  }

  /** Samples each server's VmRSS every 200 ms; keeps the peak per named phase. */
  static final class RssSampler {
    private final List<Target> targets;
    private final Map<String, Long> peaks = new LinkedHashMap<>();
    private volatile String phase;
    private volatile boolean running = true;
    private Thread thread;

    RssSampler(List<Target> targets) {
      this.targets = targets;
    }

    void phase(String name) {
      phase = name;
    }

    void start() {
      thread =
          Thread.ofPlatform()
              .daemon()
              .start(
                  () -> {
                    while (running) {
                      for (Target t : targets) {
                        long kb = rssKb(t.pid());
                        peaks.merge(t.name() + " overall", kb, Math::max);
                        String p = phase;
                        if (p != null && p.startsWith(t.name())) {
                          peaks.merge(p, kb, Math::max);
                        }
                      }
                      try {
                        Thread.sleep(200);
                      } catch (InterruptedException e) {
                        return;
                      }
                    }
                  });
    }

    void stop() throws InterruptedException {
      running = false;
      thread.join();
    }

    void report() {
      System.out.println("\n== resident set size (VmRSS, peak while measuring) ==");
      peaks.forEach((k, v) -> System.out.printf("  %-20s %,8.0f MiB%n", k, v / 1024.0));
      for (Target t : targets) {
        System.out.printf("  %-20s %,8.0f MiB (VmHWM: the process's peak since it started)%n",
            t.name() + " lifetime", hwmKb(t.pid()) / 1024.0);
      }
    }

    static long rssKb(long pid) {
      return field(pid, "VmRSS:");
    }

    static long hwmKb(long pid) {
      return field(pid, "VmHWM:");
    }

    static long field(long pid, String name) {
      try {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
          if (line.startsWith(name)) {
            return Long.parseLong(line.replaceAll("[^0-9]", ""));
          }
        }
      } catch (Exception e) {
        // gone
      }
      return 0;
    }
  }
}
