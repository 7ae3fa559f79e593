package dev.accountadmin.server.auth;

import dev.accountadmin.failure.DirectoryException;
import dev.accountadmin.failure.Reason;
import dev.accountadmin.domain.DirectoryPort;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Slows password spraying: failed sign-ins are counted per client address over a rolling window,
 * and an address past its limit is refused before any user is looked up or any password checked,
 * so a throttled answer says nothing about whether a user exists.
 *
 * <p>Design note — familiar addresses (smart lockout's familiar locations): an address from which
 * someone once signed in successfully is familiar. Its failures count against a higher limit of
 * its own, and never against the limit that all unfamiliar addresses share, so a spray from many
 * unknown addresses slows every unknown address but does not lock real users out where they
 * usually sign in. Counting is in the database, so every replica sees the same counts; two
 * attempts checked at the same instant may both pass, which lets a limit be exceeded by the
 * number of concurrent attempts, never more.
 */
public final class SignInThrottle {

  /**
   * The limits.
   *
   * @param window how far back failures count
   * @param unfamiliarPerAddress failures an unfamiliar address may have in the window
   * @param familiarPerAddress failures a familiar address may have in the window
   * @param unfamiliarOverall failures all unfamiliar addresses together may have in the window
   */
  public record Policy(Duration window, int unfamiliarPerAddress, int familiarPerAddress, int unfamiliarOverall) {
    public static final Policy DEFAULT = new Policy(Duration.ofMinutes(10), 20, 300, 500);
  }

  /** Which limit refused an attempt; the {@code throttleScope} of the error and the audit. */
  public enum Scope { ADDRESS, GLOBAL }

  private final DirectoryPort port;
  private final Policy policy;
  private final Clock clock;

  public SignInThrottle(DirectoryPort port, Policy policy, Clock clock) {
    this.port = port;
    this.policy = policy;
    this.clock = clock;
  }

  /** The refusal for an attempt from {@code address} now, or null when it may go ahead. */
  public DirectoryException refusal(String address) {
    return port.read(unit -> {
      var failures = unit.signInFailures();
      var now = clock.instant();
      var from = now.minus(policy.window());
      boolean familiar = failures.familiar(address);
      var own = failures.fromAddress(address, from);
      if (own.count() >= (familiar ? policy.familiarPerAddress() : policy.unfamiliarPerAddress())) {
        return refused(Scope.ADDRESS, own.oldest(), now);
      }
      if (!familiar) {
        var all = failures.unfamiliar(from);
        if (all.count() >= policy.unfamiliarOverall()) {
          return refused(Scope.GLOBAL, all.oldest(), now);
        }
      }
      return null;
    });
  }

  /** Counts a failed attempt (an unknown user or a wrong password: the same to the throttle). */
  public void failed(String address) {
    port.write(unit -> {
      var failures = unit.signInFailures();
      var now = clock.instant();
      failures.prune(now.minus(policy.window()));
      failures.insert(address, failures.familiar(address), now);
      return null;
    });
  }

  /** Makes {@code address} familiar: a correct password came from it. */
  public void succeeded(String address) {
    port.write(unit -> {
      var failures = unit.signInFailures();
      failures.markFamiliar(address, clock.instant());
      return null;
    });
  }

  // One more attempt is let through when the oldest counted failure leaves the window.
  private DirectoryException refused(Scope scope, Instant oldest, Instant now) {
    var wait = Duration.between(now, oldest.plus(policy.window()));
    if (wait.compareTo(Duration.ofSeconds(1)) < 0) {
      wait = Duration.ofSeconds(1);
    }
    return DirectoryException.retryable(Reason.SIGN_IN_THROTTLED, wait, Map.of(
        "throttleScope", scope.name(),
        "retryAfterSeconds", Long.toString((wait.toMillis() + 999) / 1000)));
  }
}
