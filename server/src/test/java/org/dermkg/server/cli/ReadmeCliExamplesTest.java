package org.dermkg.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.dermkg.server.ReadmeDoc;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's {@code ./derm resolve} and {@code ./derm prompts} examples run as written (outputs
 * go to a temporary folder), exit 0, and print what the README shows after them.
 */
class ReadmeCliExamplesTest {
  private static final Set<String> VERBS = Set.of("resolve", "prompts");
  @TempDir static Path tmp;

  static List<ReadmeDoc.Command> examples() {
    return ReadmeDoc.commands("./derm").stream()
        .filter(c -> c.words().size() > 1 && VERBS.contains(c.words().get(1)))
        .toList();
  }

  @Test
  void theReadmeHasTheExamplesThisTestRuns() {
    long resolve = examples().stream().filter(c -> c.words().get(1).equals("resolve")).count();
    long prompts = examples().stream().filter(c -> c.words().get(1).equals("prompts")).count();
    assertTrue(resolve >= 2, "resolve examples found: " + resolve);
    assertTrue(prompts >= 6, "prompts examples found: " + prompts);
  }

  @TestFactory
  Stream<DynamicTest> everyExampleRunsAndPrintsWhatTheReadmeShows() {
    return examples().stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    "README line " + c.line() + ": " + String.join(" ", c.words()), () -> run(c)));
  }

  private static void run(ReadmeDoc.Command c) {
    List<String> args = new ArrayList<>();
    List<String> words = c.words().subList(1, c.words().size());
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      if (w.equals(">")) { // stdout to a file: captured instead
        i++;
      } else if (w.equals("--out")) {
        args.add(w);
        args.add(tmp.resolve(words.get(++i)).toString());
      } else {
        args.add(w);
      }
    }
    CliTest.Run r = CliTest.derm(args.toArray(String[]::new));
    String where = "README line " + c.line() + ": " + r.out() + r.err();
    assertEquals(0, r.exit(), where);
    for (String shown : c.output()) {
      if (args.get(0).equals("resolve")) {
        assertResolved(shown, r.out(), where);
      } else if (shown.startsWith("derm prompts:")) {
        String summary = shown.substring(0, shown.indexOf(", sha256:"));
        assertTrue(r.err().contains(summary), "prints '" + summary + "': " + where);
      }
    }
  }

  /** A shown row: query, ID, label, match, matched name (columns two or more spaces apart). */
  private static void assertResolved(String shown, String out, String where) {
    List<String> want = Arrays.asList(shown.strip().split(" {2,}"));
    boolean found =
        out.lines()
            .map(l -> Arrays.asList(l.split("\t")))
            .anyMatch(got -> got.size() >= 5 && got.subList(0, 5).equals(want.subList(0, 5)));
    assertTrue(found, "prints the row " + want.subList(0, 5) + ": " + where);
  }
}
