import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.dermkg.graph.image.ImageInfo;
import org.dermkg.graph.image.ImageProbe;

/**
 * The CPU cost of reading image headers the way a load does (eight I/O threads, images handed to
 * them in batches, at most 1,024 in flight), without the rest of the load:
 *
 * <pre>
 * java -cp "server/target/derm-server.jar:server/target/lib/*" bench/ImageProbeBench.java \
 *     /tmp/derm-bench/dataset [FILES=200000] [BATCH=64] [ROUNDS=5]
 * </pre>
 *
 * BATCH=1 is one task per image (how ProbeAhead worked before). Prints wall and process CPU seconds
 * per round; the page cache is warm after the first round. ProbeAhead is package-private, so this
 * repeats its hand-off; the thread count and the window are its THREADS and WINDOW: change them
 * together.
 */
public class ImageProbeBench {
  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
    int batch = args.length > 2 ? Integer.parseInt(args[2]) : 64;
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 5;
    List<Path> files;
    try (Stream<Path> s = Files.walk(root)) {
      files =
          s.filter(p -> p.toString().endsWith(".jpg") || p.toString().endsWith(".png"))
              .limit(n)
              .toList();
    }
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    System.out.printf("%d files, batches of %d, %d cores%n", files.size(), batch,
        Runtime.getRuntime().availableProcessors());
    for (int r = 0; r < rounds; r++) {
      long cpu0 = os.getProcessCpuTime();
      long t0 = System.nanoTime();
      ArrayDeque<Future<ImageInfo[]>> pending = new ArrayDeque<>();
      long present = 0;
      for (int i = 0; i < files.size(); i += batch) {
        List<Path> part = files.subList(i, Math.min(files.size(), i + batch));
        pending.add(pool.submit(() -> {
          ImageInfo[] out = new ImageInfo[part.size()];
          for (int k = 0; k < out.length; k++) {
            out[k] = ImageProbe.probe(part.get(k));
          }
          return out;
        }));
        while (pending.size() > Math.max(1, 1024 / batch)) {
          present += count(pending.poll().get());
        }
      }
      while (!pending.isEmpty()) {
        present += count(pending.poll().get());
      }
      System.out.printf("round %d: %d present, wall %.2f s, CPU %.2f s%n", r + 1, present,
          (System.nanoTime() - t0) / 1e9, (os.getProcessCpuTime() - cpu0) / 1e9);
    }
    pool.shutdown();
  }

  private static long count(ImageInfo[] infos) {
    long c = 0;
    for (ImageInfo i : infos) {
      c += i.isPresent() ? 1 : 0;
    }
    return c;
  }
}
