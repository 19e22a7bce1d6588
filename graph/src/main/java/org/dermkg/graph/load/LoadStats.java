package org.dermkg.graph.load;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

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
  final List<Map<String, Object>> rejectSamples = new ArrayList<>();

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
  static List<Map<String, Object>> top(Map<String, Long> m, int n) {
    return m.entrySet().stream()
        .sorted(
            (a, b) ->
                b.getValue().equals(a.getValue())
                    ? a.getKey().compareTo(b.getKey())
                    : Long.compare(b.getValue(), a.getValue()))
        .limit(n)
        .map(
            e -> {
              Map<String, Object> x = new LinkedHashMap<>();
              x.put("value", e.getKey());
              x.put("count", e.getValue());
              return x;
            })
        .toList();
  }
}
