package org.dermkg.graph.fuzz;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A small property-based fuzzing harness: generates inputs from a seeded {@link Random} and checks
 * a property on each, for at most {@code tries} inputs and at most a time budget, whichever ends
 * first. A failure names the seed, the try and the input, so {@code -Dderm.fuzz.seed=S} replays it.
 * {@code -Dderm.fuzz.seconds=N} and {@code -Dderm.fuzz.tries=N} run longer (the defaults keep CI to
 * seconds); {@code -Dderm.fuzz.seed=random} draws a new seed.
 */
public final class Fuzz {
  private Fuzz() {}

  /** The seed of this run (fixed by default, so CI is repeatable). */
  public static long seed() {
    String s = System.getProperty("derm.fuzz.seed", "20261124");
    return s.equals("random") ? System.nanoTime() : Long.parseLong(s);
  }

  /** What a run did. */
  public record Run(long seed, int tries, double seconds) {}

  public static <T> Run check(
      String name,
      int tries,
      Duration budget,
      Function<Random, T> generator,
      Function<T, String> show,
      Consumer<T> property) {
    long seed = seed() ^ name.hashCode();
    int maxTries = Integer.getInteger("derm.fuzz.tries", tries);
    long seconds = Long.getLong("derm.fuzz.seconds", budget.toSeconds());
    long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    long t0 = System.nanoTime();
    Random random = new Random(seed);
    int n = 0;
    while (n < maxTries && System.nanoTime() < deadline) {
      T input = generator.apply(random);
      n++;
      try {
        property.accept(input);
      } catch (Throwable e) {
        String shown = show.apply(input);
        if (shown.length() > 2000) {
          shown = shown.substring(0, 2000) + "… (" + shown.length() + " chars)";
        }
        throw new AssertionError(
            name + " failed on try " + n + " (seed " + seed() + "): " + e + "\ninput: " + shown, e);
      }
    }
    Run run = new Run(seed, n, (System.nanoTime() - t0) / 1e9);
    System.out.printf("fuzz %s: %d inputs in %.1f s (seed %d)%n", name, n, run.seconds(), seed());
    return run;
  }

  // ---- generators ------------------------------------------------------------------------------

  /** Any UTF-16 text, including lone surrogates, controls and NUL. */
  public static String anyText(Random r, int maxLength) {
    int n = r.nextInt(maxLength + 1);
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      b.append((char) r.nextInt(0x10000));
    }
    return b.toString();
  }

  /** Text over a small alphabet (the characters that matter to a parser). */
  public static String textOf(Random r, String alphabet, int maxLength) {
    int n = r.nextInt(maxLength + 1);
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      b.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return b.toString();
  }

  public static byte[] bytes(Random r, int maxLength) {
    byte[] b = new byte[r.nextInt(maxLength + 1)];
    r.nextBytes(b);
    return b;
  }

  public static <T> T pick(Random r, List<T> options) {
    return options.get(r.nextInt(options.size()));
  }
}
