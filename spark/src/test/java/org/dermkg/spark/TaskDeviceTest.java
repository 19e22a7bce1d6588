package org.dermkg.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalInt;
import org.dermkg.embeddings.EmbeddingsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A task's GPU address (Spark's gpu resource) to the CUDA device its model is loaded on. */
class TaskDeviceTest {

  @Test
  void withoutGpuTheCpuWhateverTheTaskGot() {
    assertEquals(OptionalInt.empty(), TaskDevice.choose(false, List.of()));
    assertEquals(OptionalInt.empty(), TaskDevice.choose(false, List.of("1")));
    assertEquals("cpu", TaskDevice.key(TaskDevice.choose(false, List.of("1"))));
  }

  @Test
  void theTasksAddressIsTheCudaDevice() {
    assertEquals(OptionalInt.of(1), TaskDevice.choose(true, List.of("1")));
    assertEquals(OptionalInt.of(0), TaskDevice.choose(true, List.of("0")));
    assertEquals(OptionalInt.of(7), TaskDevice.choose(true, List.of(" 7 ")));
    assertEquals(OptionalInt.of(2), TaskDevice.choose(true, List.of("2", "3")), "the first one");
    assertEquals("cuda:1", TaskDevice.key(TaskDevice.choose(true, List.of("1"))));
  }

  @Test
  void withoutTaskResourcesTheFirstGpu() {
    assertEquals(OptionalInt.of(0), TaskDevice.choose(true, List.of()));
    // outside a task (the driver, this test): no TaskContext
    assertEquals(OptionalInt.of(0), TaskDevice.current(true));
    assertEquals(OptionalInt.empty(), TaskDevice.current(false));
  }

  @ParameterizedTest
  @ValueSource(strings = {"GPU-5f3c1a", "-1", "", "1.0", "99999999999"})
  void anAddressThatIsNotADeviceNumberIsAClearError(String address) {
    EmbeddingsException e =
        assertThrows(EmbeddingsException.class, () -> TaskDevice.choose(true, List.of(address)));
    assertEquals(EmbeddingsException.Code.BAD_ARGUMENT, e.code());
    assertTrue(e.getMessage().contains("'" + address.strip() + "'"), e.getMessage());
    assertTrue(e.getMessage().contains("discoveryScript"), e.getMessage());
  }
}
