package org.dermkg.graph.load;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dermkg.graph.GraphException;

/**
 * What a load did, as JSON ({@link #json()}, the {@code load-report.json} file: the field names are
 * those of the records) and as a summary for people ({@link #summary()}). Every count the issue
 * asks for is here: rows read, rejects with rows and reasons, images, captions, diagnoses resolved
 * and unresolved (top unresolved strings), concepts and body sites resolved, path disagreements,
 * missing and unreadable image files, timings and store size. Immutable.
 *
 * @param shacl the SHACL result; null (and absent from the JSON) when the check was skipped or
 *     failed
 * @param failure set only when the data was committed and a step after the commit failed
 */
public record LoadReport(
    String load,
    String dataset,
    String store,
    String ontologyVersion,
    boolean ontologyGraphReplaced,
    String mode,
    boolean closureRebuilt,
    Map<String, FileCounts> files,
    long rowsRead,
    long rowsRejected,
    Rejects rejects,
    long images,
    long captions,
    long conceptRowsForUnknownImages,
    long quads,
    long repeatedQuadsSkipped,
    Diagnoses diagnoses,
    Resolution concepts,
    Resolution bodySites,
    ImageFiles imageFiles,
    Timing timing,
    long storeBytes,
    @JsonInclude(JsonInclude.Include.NON_NULL) Shacl shacl,
    @JsonInclude(JsonInclude.Include.NON_NULL) AfterCommitFailure failure) {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Rows of one CSV file: read, accepted and rejected. */
  public record FileCounts(long rows, long accepted, long rejected) {}

  /** Where the rejected rows went, and the first few. */
  public record Rejects(String file, List<Reject> samples) {
    public Rejects {
      samples = List.copyOf(samples);
    }
  }

  /** One rejected row: its file, line and reason. */
  public record Reject(String file, long line, String reason) {}

  /** A value (an unresolved label, a disagreement) and how often it occurred. */
  public record Count(String value, long count) {}

  /** How the rows' disease labels resolved to classes. */
  public record Diagnoses(
      long rowsWithLabel,
      long rowsResolved,
      long rowsPartlyResolved,
      long rowsUnresolved,
      long multiDiagnosisRows,
      long diagnosisLinks,
      long rowsDisagreeingWithOntology,
      List<Count> topUnresolved,
      List<Count> topDisagreements) {}

  /** How the values of a column (skin concepts, body sites) resolved to classes. */
  public record Resolution(long values, long resolved, List<Count> topUnresolved) {}

  /** What the image files' headers said. */
  public record ImageFiles(
      boolean probed,
      long present,
      long missing,
      long unreadable,
      Map<String, Long> formats,
      List<String> missingSamples,
      List<String> unreadableSamples) {}

  /** Seconds of each phase (to 0.1 s) and the rates. */
  public record Timing(
      double totalSeconds,
      double prepareSeconds,
      double parseAndWriteSeconds,
      double indexSeconds,
      double writerWaitingForParserSeconds,
      double rowsPerSecond,
      double quadsPerSecond) {}

  /** The SHACL check of the loaded data ({@code byConstraint} and {@code samples} as grouped). */
  public record Shacl(
      boolean conforms,
      long violations,
      long warnings,
      List<Map<String, Object>> byConstraint,
      List<Map<String, Object>> samples,
      double seconds) {}

  /**
   * A step after the commit (the SHACL check) failed: the data is in the store all the same.
   *
   * @param committed always true: the load's data was committed before the step ran
   * @param step the step that failed ("shacl")
   * @param code the error code of the failure
   */
  public record AfterCommitFailure(boolean committed, String step, String code, String message) {}

  /** The SHACL result, when the check ran. */
  public Optional<Shacl> shaclResult() {
    return Optional.ofNullable(shacl);
  }

  /** What failed after the commit, if anything did. */
  public Optional<AfterCommitFailure> failureAfterCommit() {
    return Optional.ofNullable(failure);
  }

  /** True when the SHACL check ran and found violations. */
  @JsonIgnore
  public boolean hasViolations() {
    return shacl != null && !shacl.conforms();
  }

  /** This report with a step after the commit marked failed. */
  LoadReport withFailure(AfterCommitFailure f) {
    return new LoadReport(
        load,
        dataset,
        store,
        ontologyVersion,
        ontologyGraphReplaced,
        mode,
        closureRebuilt,
        files,
        rowsRead,
        rowsRejected,
        rejects,
        images,
        captions,
        conceptRowsForUnknownImages,
        quads,
        repeatedQuadsSkipped,
        diagnoses,
        concepts,
        bodySites,
        imageFiles,
        timing,
        storeBytes,
        shacl,
        f);
  }

  /** The report as indented JSON (the content of load-report.json). */
  public String json() {
    try {
      return MAPPER.writeValueAsString(this) + "\n";
    } catch (JsonProcessingException e) {
      throw new GraphException(
          GraphException.Code.WRITE_FAILED, "cannot render the load report: " + e.getMessage(), e);
    }
  }

  /** A few lines for a terminal. */
  public String summary() {
    return LoadSummary.of(this);
  }
}
