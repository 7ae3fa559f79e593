package dev.accountadmin.connector;

import dev.accountadmin.domain.DirectoryPort;
import dev.accountadmin.domain.StepDetails;
import dev.accountadmin.domain.StepKind;
import java.time.Clock;
import java.time.Instant;

/**
 * An external directory as the domain sees it: a {@link DirectoryPort} whose units of work are
 * the built-in store's, with the users (their live state, passwords and sessions) read from and
 * written to the connector's directory. The built-in unit around it keeps the audit record and
 * the restore state durable together; the directory's own changes are made at once, step by step.
 */
public final class ExternalDirectory implements DirectoryPort, AutoCloseable {
  private final String name;
  private final Connector connector;
  private final DirectoryPort store;
  private final Clock clock;

  public ExternalDirectory(String name, Connector connector, DirectoryPort store, Clock clock) {
    this.name = name;
    this.connector = connector;
    this.store = store;
    this.clock = clock;
  }

  @Override
  public <T> T write(Work<T> work) {
    return store.write(unit -> work.run(new ExternalUnitOfWork(name, connector, unit, clock)));
  }

  @Override
  public <T> T read(Work<T> work) {
    return store.read(unit -> work.run(new ExternalUnitOfWork(name, connector, unit, clock)));
  }

  @Override
  public boolean supports(StepKind kind) {
    return connector.supports(kind);
  }

  @Override
  public StepDetails notApplicable(StepKind kind, Instant now) {
    return connector.notApplicable(kind, now);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean atomic() {
    return false;
  }

  // One user at a time: a batch must not hold the store's unit open across directory round trips.
  @Override
  public int batchChunkSize() {
    return 1;
  }

  @Override
  public void close() {
    connector.close();
  }
}
