package org.dermkg.spark;

import java.util.List;
import java.util.OptionalInt;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;
import org.dermkg.embeddings.EmbeddingsException;
import org.dermkg.embeddings.EmbeddingsException.Code;

/**
 * The device a task's model runs on. Without {@code --gpu}: the CPU. With it: the CUDA device of
 * the GPU address Spark gave the task (its {@code gpu} resource, when the job runs with {@code
 * spark.task.resource.gpu.amount}; the first address when a task has several), else the first GPU.
 */
final class TaskDevice {
  /** Spark's name of the GPU resource ({@code spark.executor.resource.gpu.*}). */
  static final String GPU = "gpu";

  private TaskDevice() {}

  /**
   * The CUDA device number for {@code --gpu} and a task's GPU addresses (none: the task has no GPU
   * resource): empty for the CPU.
   *
   * @throws EmbeddingsException BAD_ARGUMENT when the address is not a device number
   */
  static OptionalInt choose(boolean gpu, List<String> addresses) {
    if (!gpu) {
      return OptionalInt.empty();
    }
    if (addresses.isEmpty()) {
      return OptionalInt.of(0);
    }
    String address = addresses.get(0).strip();
    if (address.matches("[0-9]{1,9}")) {
      return OptionalInt.of(Integer.parseInt(address));
    }
    throw new EmbeddingsException(
        Code.BAD_ARGUMENT,
        "Spark gave this task the GPU address '"
            + address
            + "', not a CUDA device number (0, 1, ...): the executors' GPU discovery script"
            + " (spark.executor.resource.gpu.discoveryScript) must list device numbers");
  }

  /** {@link #choose} for the task running on this thread; outside a task, without addresses. */
  static OptionalInt current(boolean gpu) {
    TaskContext task = TaskContext.get();
    if (!gpu || task == null) {
      return choose(gpu, List.of());
    }
    ResourceInformation r = task.resourcesJMap().get(GPU);
    return choose(gpu, r == null ? List.of() : List.of(r.addresses()));
  }

  /** "cpu" or "cuda:N". */
  static String key(OptionalInt device) {
    return device.isPresent() ? "cuda:" + device.getAsInt() : "cpu";
  }
}
