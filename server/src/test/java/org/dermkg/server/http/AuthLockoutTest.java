package org.dermkg.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The lockout after failed write credentials, on a controlled clock. */
class AuthLockoutTest {
  private static final long SECOND = 1_000_000_000L;
  private final AtomicLong clock = new AtomicLong(50 * SECOND);
  private final AuthLockout lockout = new AuthLockout(3, 60_000, clock::get);

  @Test
  void theNthFailureLocksTheClientOutForThePeriod() {
    assertFalse(lockout.failed("A"));
    assertFalse(lockout.failed("A"));
    assertEquals(0, lockout.lockedFor("A"));
    assertTrue(lockout.failed("A"));
    assertEquals(60, lockout.lockedFor("A"));
    assertEquals(0, lockout.lockedFor("B"), "others are not affected");
    clock.addAndGet(45 * SECOND);
    assertEquals(15, lockout.lockedFor("A"));
    clock.addAndGet(15 * SECOND);
    assertEquals(0, lockout.lockedFor("A"));
    assertFalse(lockout.failed("A"), "the count starts again");
  }

  @Test
  void oldFailuresAreForgottenAndSuccessClearsTheCount() {
    lockout.failed("A");
    lockout.failed("A");
    clock.addAndGet(61 * SECOND);
    assertFalse(lockout.failed("A"));
    assertFalse(lockout.failed("A"));
    lockout.succeeded("A");
    assertFalse(lockout.failed("A"));
    assertFalse(lockout.failed("A"));
    assertTrue(lockout.failed("A"));
  }
}
