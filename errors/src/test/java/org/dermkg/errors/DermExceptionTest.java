package org.dermkg.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DermExceptionTest {
  private enum Code implements ErrorCode {
    BROKEN;

    @Override
    public Spec spec() {
      return new Spec("TEST-BROKEN", 500, 3);
    }
  }

  private static final class TestException extends DermException {
    private static final long serialVersionUID = 1L;

    TestException(ErrorCode code, String message, Throwable cause) {
      super(code, message, cause);
    }
  }

  @Test
  void carriesItsCodeAndPrintsTheIdFirst() {
    Throwable cause = new IllegalStateException("disk");
    DermException e = new TestException(Code.BROKEN, "no store at /tmp/x", cause);
    assertSame(Code.BROKEN, e.code());
    assertSame(cause, e.getCause());
    assertEquals("TEST-BROKEN: no store at /tmp/x", e.toString());
  }

  @Test
  void aCodeIsRequired() {
    assertThrows(NullPointerException.class, () -> new TestException(null, "m", null));
  }

  @Test
  void aCodeDeclaresItsStatusAndExitCodeInRange() {
    assertEquals(500, Code.BROKEN.httpStatus());
    assertEquals(3, Code.BROKEN.exitCode());
    assertThrows(IllegalArgumentException.class, () -> new ErrorCode.Spec("X", 200, 2));
    assertThrows(IllegalArgumentException.class, () -> new ErrorCode.Spec("X", 400, 0));
  }
}
