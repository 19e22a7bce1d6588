package org.dermkg.spark;

import java.io.Serializable;

/**
 * One image's result, as a Java bean (Spark's bean encoder): its vector, or the reason it was
 * skipped ({@code reason} non-null, {@code vector} null).
 */
public final class EmbeddedImage implements Serializable {
  private static final long serialVersionUID = 1L;

  private String filename;
  private String modelId;
  private float[] vector;
  private String reason;

  /** For the encoder. */
  public EmbeddedImage() {}

  static EmbeddedImage embedded(String filename, String modelId, float[] vector) {
    EmbeddedImage e = new EmbeddedImage();
    e.filename = filename;
    e.modelId = modelId;
    e.vector = vector;
    return e;
  }

  static EmbeddedImage skipped(String filename, String modelId, String reason) {
    EmbeddedImage e = new EmbeddedImage();
    e.filename = filename;
    e.modelId = modelId;
    e.reason = reason;
    return e;
  }

  public String getFilename() {
    return filename;
  }

  public void setFilename(String filename) {
    this.filename = filename;
  }

  public String getModelId() {
    return modelId;
  }

  public void setModelId(String modelId) {
    this.modelId = modelId;
  }

  public float[] getVector() {
    return vector;
  }

  public void setVector(float[] vector) {
    this.vector = vector;
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }
}
