package dev.accountadmin.server.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The embedded engine's one writer. SQLite lets one transaction write at a time and makes each
 * commit durable with its own fsync; callers that each began their own transaction slept in the
 * busy handler and retried, and paid an fsync apiece. Here callers queue their unit of work
 * instead, and one thread applies every unit waiting — each in a savepoint of its own, so a unit
 * that fails is undone alone — in one transaction, commits it once, and only then answers them.
 *
 * <p>Units run in the order they were queued, so a user's changes keep their order and the audit
 * chain is appended in commit order. A call returns only once its commit is durable, or with the
 * failure that kept it from being.
 */
final class GroupCommit implements AutoCloseable {
  // Enough to share an fsync among every caller of a busy server; few enough that nobody waits
  // long behind a group.
  static final int MAX_GROUP = 64;

  /** Work that runs in the writer's transaction. */
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private static final class Task<T> {
    final Work<T> work;
    final CompletableFuture<T> done = new CompletableFuture<>();
    T value;
    Throwable failure;

    Task(Work<T> work) {
      this.work = work;
    }

    void complete() {
      if (failure == null) {
        done.complete(value);
      } else {
        done.completeExceptionally(failure);
      }
    }
  }

  // Queued after the last unit when the database closes: the writer finishes what came before.
  private static final Task<Void> STOP = new Task<>(c -> null);

  private final Connection connection;
  private final ThreadLocal<Connection> current;
  private final BlockingQueue<Task<?>> queue = new LinkedBlockingQueue<>();
  private final Thread writer;
  private boolean closed;
  private volatile long commits;

  /**
   * @param connection the writer's own connection, used by no one else
   * @param current where the writer publishes its transaction while it runs a group, so that work
   *     which writes or reads again joins it (in a savepoint) instead of queueing behind itself
   */
  GroupCommit(Connection connection, ThreadLocal<Connection> current) {
    this.connection = connection;
    this.current = current;
    this.writer = new Thread(this::drain, "accountadmin-sqlite-writer");
    writer.setDaemon(true);
    writer.start();
  }

  /** Runs {@code work} in the next group and returns its result once that group is durable. */
  <T> T run(Work<T> work) {
    var task = new Task<>(work);
    // Under the lock that close() queues STOP under, so no unit is queued after it.
    synchronized (this) {
      if (closed) {
        throw new StoreException(new SQLException("the database is closed"));
      }
      queue.add(task);
    }
    // Not interruptible: the unit may be committed already, and the caller must learn whether.
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return task.done.get();
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          throw rethrow(e.getCause());
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Units waiting for the writer; for tests that line a group up. */
  int waiting() {
    return queue.size();
  }

  /** Groups committed so far; for tests. */
  long commits() {
    return commits;
  }

  private static RuntimeException rethrow(Throwable failure) {
    if (failure instanceof RuntimeException e) {
      throw e;
    }
    if (failure instanceof Error e) {
      throw e;
    }
    if (failure instanceof SQLException e) {
      throw new StoreException(e);
    }
    throw new IllegalStateException(failure);
  }

  private void drain() {
    var group = new ArrayList<Task<?>>(MAX_GROUP);
    while (true) {
      group.clear();
      try {
        group.add(queue.take());
      } catch (InterruptedException e) {
        // Nobody interrupts the writer but close(), which queues STOP first; keep draining.
        continue;
      }
      queue.drainTo(group, MAX_GROUP - 1);
      boolean stop = group.remove(STOP);
      if (!group.isEmpty()) {
        commit(group);
      }
      if (stop) {
        return;
      }
    }
  }

  private void commit(List<Task<?>> group) {
    try {
      connection.setAutoCommit(false);
      current.set(connection);
      try {
        for (var task : group) {
          runInSavepoint(task);
        }
        connection.commit();
        commits++;
      } catch (SQLException | RuntimeException | Error e) {
        // The commit (or a savepoint) failed: nothing of the group is durable, and every unit
        // in it says so.
        rollbackQuietly();
        for (var task : group) {
          task.failure = e;
        }
      } finally {
        current.remove();
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      for (var task : group) {
        task.failure = e;
      }
    }
    group.forEach(Task::complete);
  }

  private <T> void runInSavepoint(Task<T> task) throws SQLException {
    var savepoint = connection.setSavepoint();
    try {
      task.value = task.work.run(connection);
      connection.releaseSavepoint(savepoint);
    } catch (SQLException | RuntimeException | Error e) {
      connection.rollback(savepoint);
      connection.releaseSavepoint(savepoint);
      task.failure = e;
    }
  }

  private void rollbackQuietly() {
    try {
      connection.rollback();
    } catch (SQLException e) {
      // The transaction is gone either way; the group's callers get the first failure.
    }
  }

  /** Finishes every unit queued so far, then stops the writer and closes its connection. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      queue.add(STOP);
    }
    try {
      writer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      connection.close();
    } catch (SQLException e) {
      throw new StoreException(e);
    }
  }
}
