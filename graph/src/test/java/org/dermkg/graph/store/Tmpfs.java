package org.dermkg.graph.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * A small tmpfs mounted for a test, to make a real full disk or a real read-only file system (as
 * root, permission bits do not stop writes, so chmod cannot fake a read-only store). Tests that
 * need one skip with a message where mounting is not permitted (not Linux, not root, no
 * CAP_SYS_ADMIN in a container).
 */
public final class Tmpfs implements AutoCloseable {
  private final Path dir;

  private Tmpfs(Path dir) {
    this.dir = dir;
  }

  /** Mounts a tmpfs of {@code mib} MiB on {@code dir} (created), or skips the test. */
  public static Tmpfs mount(Path dir, int mib) throws IOException {
    Assumptions.assumeTrue(
        System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("linux"),
        "skipped: a tmpfs needs Linux");
    Files.createDirectories(dir);
    Result r = run("mount", "-t", "tmpfs", "-o", "size=" + mib + "m,mode=0755", "tmpfs", dir);
    Assumptions.assumeTrue(
        r.rc == 0,
        "skipped: mounting a tmpfs is not permitted here (needs root or CAP_SYS_ADMIN): " + r.out);
    return new Tmpfs(dir);
  }

  public Path dir() {
    return dir;
  }

  /**
   * Remounts with new options ("ro", "rw", "size=64m"); fails the test if that is refused. A
   * read-only remount is refused while a file is mapped: memory-mapped buffers of a closed store go
   * when the GC collects them, so a busy mount is retried after a GC a few times.
   */
  public void remount(String options) throws IOException {
    Result r = run("mount", "-o", "remount," + options, dir);
    for (int i = 0; i < 5 && r.rc != 0 && r.out.contains("busy"); i++) {
      System.gc();
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      r = run("mount", "-o", "remount," + options, dir);
    }
    if (r.rc != 0) {
      throw new AssertionError(
          "remount," + options + " of " + dir + " failed: " + r.out + openHere());
    }
  }

  /**
   * Writes zeros into {@code name} until the file system is full (ENOSPC); returns bytes written.
   */
  public long fill(String name) throws IOException {
    long n = 0;
    byte[] block = new byte[1 << 16];
    try (var out = Files.newOutputStream(dir.resolve(name))) {
      while (true) {
        out.write(block);
        n += block.length;
      }
    } catch (IOException full) {
      if (!String.valueOf(full.getMessage()).contains("No space")) {
        throw full;
      }
    }
    return n;
  }

  /** What this JVM still holds under the mount (open files, mappings): why a remount is busy. */
  private String openHere() throws IOException {
    StringBuilder b = new StringBuilder();
    String d = dir.toString();
    try (var fds = Files.list(Path.of("/proc/self/fd"))) {
      for (Path fd : (Iterable<Path>) fds::iterator) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith(d)) {
            b.append("\n  open: ").append(target);
          }
        } catch (IOException e) {
          // closed meanwhile
        }
      }
    }
    for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
      if (line.contains(d)) {
        b.append("\n  mapped: ").append(line.substring(line.indexOf('/')));
      }
    }
    return b.toString();
  }

  @Override
  public void close() throws IOException {
    Result r = run("umount", "-l", dir);
    if (r.rc != 0) {
      throw new AssertionError("umount " + dir + " failed: " + r.out);
    }
  }

  private record Result(int rc, String out) {}

  private static Result run(Object... cmd) throws IOException {
    String[] args = java.util.Arrays.stream(cmd).map(String::valueOf).toArray(String[]::new);
    Process p;
    try {
      p = new ProcessBuilder(args).redirectErrorStream(true).start();
    } catch (IOException e) {
      return new Result(-1, e.getMessage());
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    try {
      return new Result(p.waitFor(), out);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted waiting for " + args[0], e);
    }
  }
}
