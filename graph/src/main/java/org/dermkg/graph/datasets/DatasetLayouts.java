package org.dermkg.graph.datasets;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.dermkg.graph.GraphException;
import org.dermkg.graph.GraphException.Code;

/** The known layouts, by name or found from a dataset folder's files. */
public final class DatasetLayouts {
  private DatasetLayouts() {}

  /** HAM10000, Fitzpatrick17k, PAD-UFES-20, DDI, Derm7pt. */
  public static List<DatasetLayout> published() {
    return List.of(new Ham10000(), new Fitzpatrick17k(), new PadUfes20(), new Ddi(), new Derm7pt());
  }

  /** A published layout by name (any case), or the generic one described by {@code mapping}. */
  public static DatasetLayout of(String name, Optional<Path> mapping) {
    if (mapping.isPresent()) {
      GenericLayout g = GenericLayout.of(mapping.get());
      if (name != null && !name.isBlank() && !name.equalsIgnoreCase(g.info().name())) {
        throw new GraphException(
            Code.BAD_ARGUMENT,
            "--dataset " + name + " but the mapping file names " + g.info().name());
      }
      return g;
    }
    String n = name == null ? "" : name.toLowerCase(Locale.ROOT).replace("_", "-");
    return published().stream()
        .filter(l -> l.info().name().toLowerCase(Locale.ROOT).equals(n))
        .findFirst()
        .orElseThrow(
            () ->
                new GraphException(
                    Code.BAD_ARGUMENT,
                    "unknown dataset '"
                        + name
                        + "': known layouts are "
                        + names()
                        + "; describe another with a mapping file"));
  }

  /** The one published layout whose metadata file is in {@code dir}. */
  public static DatasetLayout detect(Path dir) {
    List<DatasetLayout> found =
        published().stream().filter(l -> l.metadata(dir).isPresent()).toList();
    if (found.size() == 1) {
      return found.get(0);
    }
    throw new GraphException(
        Code.BAD_ARGUMENT,
        found.isEmpty()
            ? dir
                + " holds none of the published layouts' metadata files "
                + names()
                + "; name the dataset or give a mapping file"
            : dir
                + " could be any of "
                + found.stream().map(l -> l.info().name()).toList()
                + "; name the dataset");
  }

  private static List<String> names() {
    return published().stream().map(l -> l.info().name()).toList();
  }
}
