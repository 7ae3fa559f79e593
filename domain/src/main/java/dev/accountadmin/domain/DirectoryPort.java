package dev.accountadmin.domain;

/**
 * What the domain needs from a directory: units of work over its users and what hangs off them
 * (sessions, credentials, the audit trail, mail submissions, batches, kept responses). The
 * built-in directory implements it on JDBC ({@code store}); a connector to another directory
 * implements it too, and says through {@link #supports} which steps it has no counterpart for.
 *
 * <p>Design note — a unit of work is all or nothing and durable when {@link #write} returns; a
 * unit started inside another one on the same thread joins it as a savepoint, so a batch can
 * commit many users at once while each stays all or nothing.
 */
public interface DirectoryPort {

  /** Work inside one unit of work. */
  @FunctionalInterface
  interface Work<T> {
    T run(UnitOfWork unit);
  }

  /** Runs {@code work} as one unit: all of it is durable when this returns, none of it if it throws. */
  <T> T write(Work<T> work);

  /** Runs read-only {@code work}: in this thread's unit of work if there is one. */
  <T> T read(Work<T> work);

  /** Whether this directory can carry out {@code kind}; one that cannot reports the step as such. */
  boolean supports(StepKind kind);

  /**
   * What a step this directory does not support still leaves in place, for the result of a step
   * reported NOT_APPLICABLE: Active Directory cannot end the Kerberos tickets it issued, so a
   * sign-out there names until when they stay valid. NONE where nothing is worth saying.
   */
  default StepDetails notApplicable(StepKind kind, java.time.Instant now) {
    return StepDetails.NONE;
  }

  /** The configured name of an external directory; empty for the built-in one. */
  default String name() {
    return "";
  }

  /**
   * False for an external directory, which has no transaction to roll back: each step's change is
   * written there as it is made, and a failure midway leaves the steps before it done.
   */
  default boolean atomic() {
    return true;
  }

  /**
   * How many users a batch offboards per unit of work: a commit that waits for the disk is worth
   * sharing where writers queue anyway, and harmful where row locks would be held across users.
   */
  int batchChunkSize();
}
