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
   * How many users a batch offboards per unit of work: a commit that waits for the disk is worth
   * sharing where writers queue anyway, and harmful where row locks would be held across users.
   */
  int batchChunkSize();
}
