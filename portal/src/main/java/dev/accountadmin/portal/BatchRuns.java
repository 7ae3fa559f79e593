package dev.accountadmin.portal;

import dev.accountadmin.client.AccountAdminClient;
import dev.accountadmin.client.AccountAdminException;
import dev.accountadmin.v1.BatchOffboardUsersRequest;
import io.grpc.StatusRuntimeException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Batches the portal is running: each is one BatchOffboardUsers stream, read on a thread of its
 * own while the pages poll GetBatch. The batch's id is its request id, chosen before the call, so
 * a stream that breaks (or a portal that restarts) leaves a batch anyone who started it can resume.
 */
final class BatchRuns implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(BatchRuns.class.getName());

  /** Why a run stopped before the end: the API's reason and metadata. */
  record Stopped(String reason, Map<String, String> metadata) {}

  private final Map<String, Boolean> running = new ConcurrentHashMap<>();
  private final Map<String, Stopped> stopped = new ConcurrentHashMap<>();
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    var thread = new Thread(r, "portal-batch");
    thread.setDaemon(true);
    return thread;
  });

  /** Starts a batch ({@code names} given) or resumes one ({@code names} empty). */
  void start(AccountAdminClient api, String batchId, List<String> names, boolean resume,
      dev.accountadmin.v1.StepOptions options) {
    if (running.putIfAbsent(batchId, true) != null) {
      return;
    }
    stopped.remove(batchId);
    var request = BatchOffboardUsersRequest.newBuilder();
    if (resume) {
      request.setBatchId(batchId);
    } else {
      request.setRequestId(batchId).setOptions(options);
      names.forEach(n -> request.addNames("users/" + n));
    }
    threads.execute(() -> {
      try {
        var results = api.streamingStub().batchOffboardUsers(request.build());
        while (results.hasNext()) {
          results.next();
        }
      } catch (StatusRuntimeException e) {
        var failure = api.failure(e);
        stopped.put(batchId, new Stopped(failure.reason(), failure.metadata()));
        LOG.log(Level.INFO, "batch {0} stopped: {1}", new Object[] {batchId, failure.reason()});
      } catch (AccountAdminException e) {
        stopped.put(batchId, new Stopped(e.reason(), e.metadata()));
      } finally {
        running.remove(batchId);
      }
    });
  }

  boolean running(String batchId) {
    return running.containsKey(batchId);
  }

  Stopped stopped(String batchId) {
    return stopped.get(batchId);
  }

  @Override
  public void close() {
    threads.shutdownNow();
  }
}
