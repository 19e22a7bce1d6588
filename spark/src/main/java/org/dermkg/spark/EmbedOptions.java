package org.dermkg.spark;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The job's arguments: {@code --images DIR --model DIR --out DIR [--batch N] [--partitions N]
 * [--master URL] [--gpu]}.
 *
 * @param partitions 0: as Spark splits the files (no shuffle); else the image rows are
 *     repartitioned into that many partitions (their bytes are shuffled)
 * @param master empty: whatever spark-submit set
 */
public record EmbedOptions(
    Path images,
    Path model,
    Path out,
    int batch,
    int partitions,
    Optional<String> master,
    boolean gpu) {

  public static final String USAGE =
      "usage: EmbedJob --images DIR --model DIR --out DIR [--batch N] [--partitions N]"
          + " [--master URL] [--gpu]";

  public EmbedOptions {
    if (batch < 1 || partitions < 0) {
      throw new IllegalArgumentException("--batch must be at least 1, --partitions at least 0");
    }
  }

  /** Parses the command line; IllegalArgumentException (with the usage) when it is wrong. */
  public static EmbedOptions parse(String... args) {
    Path images = null;
    Path model = null;
    Path out = null;
    int batch = 32;
    int partitions = 0;
    String master = null;
    boolean gpu = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--gpu" -> gpu = true;
        case "--images" -> images = Path.of(value(args, ++i, a));
        case "--model" -> model = Path.of(value(args, ++i, a));
        case "--out" -> out = Path.of(value(args, ++i, a));
        case "--batch" -> batch = number(value(args, ++i, a), a);
        case "--partitions" -> partitions = number(value(args, ++i, a), a);
        case "--master" -> master = value(args, ++i, a);
        default -> throw new IllegalArgumentException("unknown argument " + a + "\n" + USAGE);
      }
    }
    if (images == null || model == null || out == null) {
      throw new IllegalArgumentException("--images, --model and --out are required\n" + USAGE);
    }
    return new EmbedOptions(
        images, model, out, batch, partitions, Optional.ofNullable(master), gpu);
  }

  private static String value(String[] args, int i, String flag) {
    if (i >= args.length) {
      throw new IllegalArgumentException(flag + " needs a value\n" + USAGE);
    }
    return args[i];
  }

  private static int number(String s, String flag) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " needs a number, not " + s + "\n" + USAGE, e);
    }
  }
}
