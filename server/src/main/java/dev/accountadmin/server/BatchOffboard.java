package dev.accountadmin.server;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.accountadmin.server.domain.Caller;
import dev.accountadmin.server.failure.DirectoryException;
import dev.accountadmin.server.failure.FieldViolation;
import dev.accountadmin.server.domain.Procedures;
import dev.accountadmin.server.failure.Reason;
import dev.accountadmin.server.domain.UserName;
import dev.accountadmin.server.store.Database;
import dev.accountadmin.v1.BatchItem;
import dev.accountadmin.v1.BatchItemState;
import dev.accountadmin.v1.BatchOffboardUsersRequest;
import dev.accountadmin.v1.BatchOffboardUsersResponse;
import dev.accountadmin.v1.GetBatchResponse;
import dev.accountadmin.v1.StepError;
import dev.accountadmin.v1.StepOutcome;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Offboards many users, streaming one result per user, and survives a crash of either side:
 * the batch and its items are stored, each item turns DONE in the transaction that offboards its
 * user, and calling again with the batch id replays the finished items and does the rest.
 */
final class BatchOffboard {
  static final int MAX_USERS = 100_000;
  // Users per commit on SQLite: a commit waits for the disk, a user takes a few hundred
  // microseconds, and SQLite has one writer anyway. On PostgreSQL each user commits alone: a
  // chunk would hold the audit head's lock while it waits for the next user's row, which another
  // replica's call may hold while it waits for the audit head (a deadlock).
  static final int SQLITE_CHUNK = 100;

  private record Item(int position, String name, String state, String response) {}

  private final Database database;
  private final Procedures procedures;
  private final Clock clock;

  BatchOffboard(Database database, Procedures procedures, Clock clock) {
    this.database = database;
    this.procedures = procedures;
    this.clock = clock;
  }

  void run(Caller caller, BatchOffboardUsersRequest request, StreamObserver<BatchOffboardUsersResponse> out) {
    var cancellable = out instanceof ServerCallStreamObserver<BatchOffboardUsersResponse> call ? call : null;
    if (request.getValidateOnly()) {
      plan(caller, request, out);
      return;
    }
    var batchId = request.getBatchId().isEmpty()
        ? create(caller, request.getNamesList(), AccountAdminService.requestId(request.getRequestId()))
        : request.getBatchId();
    var items = load(caller, batchId);
    int total = items.size();
    var pending = new ArrayList<Item>();
    for (var item : items) {
      if (item.state().equals("PENDING")) {
        pending.add(item);
      } else {
        out.onNext(parse(item.response()).toBuilder().setResumed(true).build());
      }
    }
    int chunkSize = database.engine() == Database.Engine.SQLITE ? SQLITE_CHUNK : 1;
    for (int from = 0; from < pending.size(); from += chunkSize) {
      if (cancellable != null && cancellable.isCancelled()) {
        return;
      }
      var chunk = pending.subList(from, Math.min(pending.size(), from + chunkSize));
      // One commit for the chunk; each user runs in a savepoint of it, so each is still all or
      // nothing, and its result is streamed only once it is durable.
      var responses = database.inTransaction(c -> {
        var done = new ArrayList<BatchOffboardUsersResponse>();
        for (var item : chunk) {
          done.add(offboard(caller, batchId, total, item));
        }
        return done;
      });
      responses.forEach(out::onNext);
    }
    out.onCompleted();
  }

  /** The batch's users and their states, read-only: what a bulk restore undoes. */
  GetBatchResponse get(Caller caller, String batchId) {
    if (batchId.isEmpty()) {
      throw DirectoryException.invalid(FieldViolation.required("batch_id"));
    }
    var response = GetBatchResponse.newBuilder().setBatchId(batchId);
    for (var item : load(caller, batchId)) {
      var read = BatchItem.newBuilder().setIndex(item.position()).setName(item.name()).setState(switch (item.state()) {
        case "DONE" -> BatchItemState.BATCH_ITEM_STATE_DONE;
        case "FAILED" -> BatchItemState.BATCH_ITEM_STATE_FAILED;
        default -> BatchItemState.BATCH_ITEM_STATE_PENDING;
      });
      if (item.state().equals("DONE")) {
        // A user offboarded before the batch is not the batch's to undo.
        read.setAlreadyOffboarded(parse(item.response()).getResult().getStepsList().stream()
            .allMatch(step -> step.getOutcome() == StepOutcome.STEP_OUTCOME_ALREADY_DONE));
      }
      response.addItems(read);
    }
    return response.build();
  }

  private BatchOffboardUsersResponse offboard(Caller caller, String batchId, int total, Item item) {
    var base = BatchOffboardUsersResponse.newBuilder().setBatchId(batchId).setIndex(item.position())
        .setTotalCount(total).setName(item.name());
    try {
      var name = UserName.fromResourceName("names[" + (item.position() - 1) + "]", item.name());
      var holder = new BatchOffboardUsersResponse[1];
      procedures.offboard(caller, name, null, "", false, (c, result) -> {
        holder[0] = base.clone().setResult(Protos.toProto(result)).build();
        finish(c, batchId, item.position(), "DONE", holder[0]);
      });
      return holder[0];
    } catch (DirectoryException e) {
      // This user could not be offboarded; say why and go on with the others.
      var failed = base.setError(StepError.newBuilder().setReason(e.reason().name()).putAllMetadata(e.metadata())
          .putAllMetadata(e.violations().isEmpty() ? java.util.Map.of() : e.violations().get(0).metadata())).build();
      database.inTransaction(c -> {
        finish(c, batchId, item.position(), "FAILED", failed);
        return null;
      });
      return failed;
    }
  }

  private void plan(Caller caller, BatchOffboardUsersRequest request, StreamObserver<BatchOffboardUsersResponse> out) {
    var names = request.getNamesList();
    validateCount(names.size());
    for (int i = 0; i < names.size(); i++) {
      var base = BatchOffboardUsersResponse.newBuilder().setIndex(i + 1).setTotalCount(names.size()).setName(names.get(i));
      try {
        var result = procedures.offboard(caller, UserName.fromResourceName("names[" + i + "]", names.get(i)), null, "", true, null);
        out.onNext(base.setResult(Protos.toProto(result)).build());
      } catch (DirectoryException e) {
        out.onNext(base.setError(StepError.newBuilder().setReason(e.reason().name()).putAllMetadata(e.metadata())).build());
      }
    }
    out.onCompleted();
  }

  private static void validateCount(int count) {
    if (count == 0) {
      throw DirectoryException.invalid(FieldViolation.required("names"));
    }
    if (count > MAX_USERS) {
      throw DirectoryException.invalid(FieldViolation.outOfRange("names", count, 1, MAX_USERS));
    }
  }

  /**
   * Stores a new batch under the client's request_id (else a fresh id); a request_id already
   * stored is a retry of a call whose results were lost, so its batch is resumed as it is.
   */
  private String create(Caller caller, List<String> names, String requestId) {
    validateCount(names.size());
    var id = requestId.isEmpty() ? UUID.randomUUID().toString() : requestId;
    database.inTransaction(c -> {
      try (var batch = c.prepareStatement(
          "INSERT INTO batches (id, actor, created_at, total) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING")) {
        batch.setString(1, id);
        batch.setString(2, caller.userId());
        batch.setLong(3, clock.millis());
        batch.setInt(4, names.size());
        if (batch.executeUpdate() == 0) {
          return null;
        }
      }
      try (var item = c.prepareStatement("INSERT INTO batch_items (batch_id, position, name, state) VALUES (?, ?, ?, 'PENDING')")) {
        for (int i = 0; i < names.size(); i++) {
          item.setString(1, id);
          item.setInt(2, i + 1);
          item.setString(3, names.get(i));
          item.addBatch();
          if (i % 1000 == 999) {
            item.executeBatch();
          }
        }
        item.executeBatch();
      }
      return null;
    });
    return id;
  }

  /** The batch's items in order; a batch is resumed only by the admin who started it. */
  private List<Item> load(Caller caller, String batchId) {
    return database.read(c -> {
      try (var batch = c.prepareStatement("SELECT actor FROM batches WHERE id = ?")) {
        batch.setString(1, batchId);
        try (var rows = batch.executeQuery()) {
          if (!rows.next() || !rows.getString(1).equals(caller.userId())) {
            throw DirectoryException.of(Reason.BATCH_NOT_FOUND, "batchId", batchId);
          }
        }
      }
      var items = new ArrayList<Item>();
      try (var statement = c.prepareStatement(
          "SELECT position, name, state, response FROM batch_items WHERE batch_id = ? ORDER BY position")) {
        statement.setString(1, batchId);
        try (var rows = statement.executeQuery()) {
          while (rows.next()) {
            items.add(new Item(rows.getInt(1), rows.getString(2), rows.getString(3), rows.getString(4)));
          }
        }
      }
      return items;
    });
  }

  private static void finish(Connection c, String batchId, int position, String state, BatchOffboardUsersResponse response)
      throws SQLException {
    try (var statement = c.prepareStatement("UPDATE batch_items SET state = ?, response = ? WHERE batch_id = ? AND position = ?")) {
      statement.setString(1, state);
      statement.setString(2, Base64.getEncoder().encodeToString(response.toByteArray()));
      statement.setString(3, batchId);
      statement.setInt(4, position);
      statement.executeUpdate();
    }
  }

  private static BatchOffboardUsersResponse parse(String stored) {
    try {
      return BatchOffboardUsersResponse.parseFrom(Base64.getDecoder().decode(stored));
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("a stored batch item does not parse", e);
    }
  }
}
