package org.dermkg.graph.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dermkg.graph.GraphException;
import org.dermkg.graph.GraphException.Code;

/**
 * The CSV files a load reads, in order (the main CSVs, then concept.csv), and their total size.
 *
 * @param totalBytes the size of all the files, for progress
 */
record LoadInputs(List<Path> files, long totalBytes) {
  LoadInputs {
    files = List.copyOf(files);
  }

  /** The request's files; each must be a regular file ({@link Code#INPUT_MISSING} naming it). */
  static LoadInputs of(LoadRequest request) {
    List<Path> inputs = new ArrayList<>(request.csvFiles());
    request.conceptCsv().ifPresent(inputs::add);
    long totalBytes = 0;
    for (Path p : inputs) {
      if (!Files.isRegularFile(p)) {
        throw new GraphException(Code.INPUT_MISSING, "no such input file " + p);
      }
      totalBytes += p.toFile().length();
    }
    return new LoadInputs(inputs, totalBytes);
  }
}
