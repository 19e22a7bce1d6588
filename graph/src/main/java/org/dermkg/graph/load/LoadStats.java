package org.dermkg.graph.load;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.dermkg.graph.derm1m.Derm1mRow;
import org.dermkg.graph.image.ImageInfo;
import org.dermkg.graph.label.LabelIndex;
import org.dermkg.graph.label.ParsedLabel;

/**
 * Counters of one load. Written by the parsing thread only; the atomics are also read by the
 * progress display, everything else is read after the parsing thread has finished.
 */
final class LoadStats {
  static final int SAMPLES = 20;

  final AtomicLong bytes = new AtomicLong();
  final AtomicLong rows = new AtomicLong();
  final AtomicLong quads = new AtomicLong();
  long duplicates;

  final Map<String, long[]> perFile = new LinkedHashMap<>(); // file -> {rows, accepted, rejected}
  long rejected;
  final List<LoadReport.Reject> rejectSamples = new ArrayList<>();

  final Set<String> images = new HashSet<>();
  final Set<Long> captions = new HashSet<>();
  long conceptRowsForUnknownImages;

  long rowsWithLabel;
  long rowsResolved;
  long rowsUnresolved;
  long rowsPartlyResolved;
  long multiDiagnosisRows;
  long diagnosisLinks;
  final Map<String, Long> unresolvedLabels = new HashMap<>();
  final Map<String, Long> mismatches = new HashMap<>();
  long mismatchRows;

  long conceptValues;
  long conceptsResolved;
  final Map<String, Long> unresolvedConcepts = new HashMap<>();
  long siteValues;
  long sitesResolved;
  final Map<String, Long> unresolvedSites = new HashMap<>();

  long present;
  long missing;
  long unreadable;
  final Map<String, Long> formats = new HashMap<>();
  final List<String> missingSamples = new ArrayList<>();
  final List<String> unreadableSamples = new ArrayList<>();

  static void count(Map<String, Long> m, String key) {
    m.merge(key, 1L, Long::sum);
  }

  /** The n most frequent keys with their counts, most frequent first (ties by key). */
  static List<LoadReport.Count> top(Map<String, Long> m, int n) {
    return m.entrySet().stream()
        .sorted(
            (a, b) ->
                b.getValue().equals(a.getValue())
                    ? a.getKey().compareTo(b.getKey())
                    : Long.compare(b.getValue(), a.getValue()))
        .limit(n)
        .map(e -> new LoadReport.Count(e.getKey(), e.getValue()))
        .toList();
  }

  void reject(String file, long line, String reason) {
    rejected++;
    if (rejectSamples.size() < SAMPLES) {
      rejectSamples.add(new LoadReport.Reject(file, line, reason));
    }
  }

  void countImage(String filename, ImageInfo info) {
    switch (info.status()) {
      case ImageInfo.PRESENT -> {
        present++;
        count(formats, info.format());
      }
      case ImageInfo.MISSING -> {
        missing++;
        sample(missingSamples, filename);
      }
      default -> {
        unreadable++;
        sample(unreadableSamples, filename + ": " + info.problem());
      }
    }
  }

  private static void sample(List<String> samples, String s) {
    if (samples.size() < SAMPLES) {
      samples.add(s);
    }
  }

  /** Counts how a row's disease label resolved (null: the row has none). */
  void countLabel(ParsedLabel label) {
    if (label == null) {
      return;
    }
    rowsWithLabel++;
    if (label.diagnoses().isEmpty()) {
      rowsUnresolved++;
    } else if (label.unresolved().isEmpty()) {
      rowsResolved++;
    } else {
      rowsPartlyResolved++;
    }
    if (label.diagnoses().size() > 1) {
      multiDiagnosisRows++;
    }
    diagnosisLinks += label.diagnoses().size();
    label.unresolved().forEach(u -> count(unresolvedLabels, u));
    label
        .mismatch()
        .ifPresent(
            m -> {
              mismatchRows++;
              count(mismatches, m);
            });
  }

  /** Counts how a row's skin concepts and body sites resolved. */
  void countValues(Derm1mRow row, LabelIndex labels) {
    for (String c : row.skinConcepts()) {
      conceptValues++;
      if (labels.concept(c).isPresent()) {
        conceptsResolved++;
      } else {
        count(unresolvedConcepts, c);
      }
    }
    for (String s : row.bodyLocations()) {
      siteValues++;
      if (labels.bodySite(s).isPresent()) {
        sitesResolved++;
      } else {
        count(unresolvedSites, s);
      }
    }
  }
}
