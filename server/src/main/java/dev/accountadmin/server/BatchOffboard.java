package dev.accountadmin.server;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.accountadmin.domain.Caller;
import dev.accountadmin.domain.Choices;
import dev.accountadmin.failure.DirectoryException;
import dev.accountadmin.failure.FieldViolation;
import dev.accountadmin.domain.Procedures;
import dev.accountadmin.failure.Reason;
import dev.accountadmin.domain.UserName;
import dev.accountadmin.domain.BatchItemState;
import dev.accountadmin.domain.DirectoryPort;
import dev.accountadmin.domain.UnitOfWork;
import dev.accountadmin.v1.BatchItem;
import dev.accountadmin.v1.BatchOffboardUsersRequest;
import dev.accountadmin.v1.BatchOffboardUsersResponse;
import dev.accountadmin.v1.GetBatchResponse;
import dev.accountadmin.v1.StepError;
import dev.accountadmin.v1.StepOptions;
import dev.accountadmin.v1.StepOutcome;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Offboards many users, streaming one result per user, and survives a crash of either side:
 * the batch and its items are stored, each item turns DONE in the transaction that offboards its
 * user, and calling again with the batch id replays the finished items and does the rest.
 */
final class BatchOffboard {
  static final int MAX_USERS = 100_000;

  private final DirectoryPort port;
  private final Procedures procedures;
  private final Clock clock;
  private final TemplateOptions templates;

  BatchOffboard(DirectoryPort port, Procedures procedures, Clock clock, TemplateOptions templates) {
    this.templates = templates;
    this.port = port;
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
        ? create(caller, request, AccountAdminService.requestId(request.getRequestId()))
        : request.getBatchId();
    var batch = load(caller, batchId);
    // A resumed batch runs the steps its first call chose, whatever the resuming call says.
    var choices = StepOptionProtos.choices("options", parseOptions(batch.header().options()));
    var items = batch.items();
    int total = items.size();
    var pending = new ArrayList<UnitOfWork.Batches.Item>();
    for (var item : items) {
      if (item.state() == BatchItemState.PENDING) {
        pending.add(item);
      } else {
        out.onNext(parse(item.response()).toBuilder().setResumed(true).build());
      }
    }
    // Users per unit of work, as the directory finds best (see DirectoryPort#batchChunkSize).
    int chunkSize = port.batchChunkSize();
    for (int from = 0; from < pending.size(); from += chunkSize) {
      if (cancellable != null && cancellable.isCancelled()) {
        return;
      }
      var chunk = pending.subList(from, Math.min(pending.size(), from + chunkSize));
      // One commit for the chunk; each user runs in a savepoint of it, so each is still all or
      // nothing, and its result is streamed only once it is durable.
      var responses = port.write(unit -> {
        var done = new ArrayList<BatchOffboardUsersResponse>();
        for (var item : chunk) {
          done.add(offboard(caller, batchId, total, item, choices));
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
    for (var item : load(caller, batchId).items()) {
      var read = BatchItem.newBuilder().setIndex(item.position()).setName(item.name()).setState(switch (item.state()) {
        case DONE -> dev.accountadmin.v1.BatchItemState.BATCH_ITEM_STATE_DONE;
        case FAILED -> dev.accountadmin.v1.BatchItemState.BATCH_ITEM_STATE_FAILED;
        case PENDING -> dev.accountadmin.v1.BatchItemState.BATCH_ITEM_STATE_PENDING;
      });
      if (item.state() == BatchItemState.DONE) {
        // A user offboarded before the batch is not the batch's to undo; a step the batch did not
        // choose (the device steps, groups, licences) changed nothing either.
        read.setAlreadyOffboarded(parse(item.response()).getResult().getStepsList().stream()
            .allMatch(step -> step.getOutcome() == StepOutcome.STEP_OUTCOME_ALREADY_DONE
                || step.getOutcome() == StepOutcome.STEP_OUTCOME_NOT_REQUESTED));
      }
      response.addItems(read);
    }
    return response.build();
  }

  private BatchOffboardUsersResponse offboard(Caller caller, String batchId, int total, UnitOfWork.Batches.Item item,
      Choices choices) {
    var base = BatchOffboardUsersResponse.newBuilder().setBatchId(batchId).setIndex(item.position())
        .setTotalCount(total).setName(item.name());
    try {
      var name = UserName.fromResourceName("names[" + (item.position() - 1) + "]", item.name());
      var holder = new BatchOffboardUsersResponse[1];
      procedures.offboard(caller, name, null, choices, "", false, (unit, result) -> {
        holder[0] = base.clone().setResult(Protos.toProto(result)).build();
        unit.batches().finish(batchId, item.position(), BatchItemState.DONE, holder[0].toByteArray());
      });
      return holder[0];
    } catch (DirectoryException e) {
      // This user could not be offboarded; say why and go on with the others.
      var failed = base.setError(StepError.newBuilder().setReason(e.reason().name()).putAllMetadata(e.metadata())
          .putAllMetadata(e.violations().isEmpty() ? java.util.Map.of() : e.violations().get(0).metadata())).build();
      port.write(unit -> {
        unit.batches().finish(batchId, item.position(), BatchItemState.FAILED, failed.toByteArray());
        return null;
      });
      return failed;
    }
  }

  private void plan(Caller caller, BatchOffboardUsersRequest request, StreamObserver<BatchOffboardUsersResponse> out) {
    var names = request.getNamesList();
    validateCount(names.size());
    var choices = StepOptionProtos.choices("options", templates.refine(request.getOptions()).options());
    for (int i = 0; i < names.size(); i++) {
      var base = BatchOffboardUsersResponse.newBuilder().setIndex(i + 1).setTotalCount(names.size()).setName(names.get(i));
      try {
        var result = procedures.offboard(caller, UserName.fromResourceName("names[" + i + "]", names.get(i)), null, choices, "",
            true, null);
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
  private String create(Caller caller, BatchOffboardUsersRequest request, String requestId) {
    var names = request.getNamesList();
    validateCount(names.size());
    // Bad options fail the call before anything is stored. The template is applied now, so that
    // a resumed batch runs what it started with even if the template changed since.
    var effective = templates.refine(request.getOptions()).options();
    StepOptionProtos.choices("options", effective);
    var id = requestId.isEmpty() ? UUID.randomUUID().toString() : requestId;
    var options = request.hasOptions() || !effective.equals(StepOptions.getDefaultInstance())
        ? effective.toByteArray() : new byte[0];
    port.write(unit -> unit.batches().create(id, caller.userId(), clock.instant(), names, options));
    return id;
  }

  /** A batch as stored: who started it and what it chose, and its items in order. */
  private record Stored(UnitOfWork.Batches.Header header, List<UnitOfWork.Batches.Item> items) {}

  /** The batch; a batch is resumed only by the admin who started it. */
  private Stored load(Caller caller, String batchId) {
    return port.read(unit -> {
      var header = unit.batches().header(batchId).filter(h -> h.actorId().equals(caller.userId()))
          .orElseThrow(() -> DirectoryException.of(Reason.BATCH_NOT_FOUND, "batchId", batchId));
      return new Stored(header, unit.batches().items(batchId));
    });
  }

  private static StepOptions parseOptions(byte[] stored) {
    try {
      return StepOptions.parseFrom(stored);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("a stored batch's options do not parse", e);
    }
  }

  private static BatchOffboardUsersResponse parse(byte[] stored) {
    try {
      return BatchOffboardUsersResponse.parseFrom(stored);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("a stored batch item does not parse", e);
    }
  }
}
