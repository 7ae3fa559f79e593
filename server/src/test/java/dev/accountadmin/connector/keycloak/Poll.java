package dev.accountadmin.connector.keycloak;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Asks again until the answer is the one expected, within a bound: for what Keycloak records
 * after it answered (brute-force failures are counted in a transaction of their own). The test
 * fails with the last answer if the bound passes.
 */
final class Poll {
  static final Duration BOUND = Duration.ofSeconds(15);

  private Poll() {}

  static <T> T until(String what, Supplier<T> read, Predicate<T> expected) {
    long deadline = System.nanoTime() + BOUND.toNanos();
    while (true) {
      var value = read.get();
      if (expected.test(value)) {
        return value;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(what + ": still " + value + " after " + BOUND.toSeconds() + " s");
      }
      LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
    }
  }
}
