package dev.accountadmin.portal;

import dev.accountadmin.client.AccountAdminException;
import dev.accountadmin.v1.BatchItem;
import dev.accountadmin.v1.BatchItemState;
import dev.accountadmin.v1.GetBatchRequest;
import io.grpc.Status;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

/**
 * Batch offboarding from a CSV upload: upload → the users read from it → confirm → progress
 * (GetBatch, refreshed by htmx or by reloading the page) → resume when it was interrupted.
 */
public final class BatchPages {
  /** How far a batch got, counted from GetBatch. */
  public record Progress(int total, int done, int failed, int pending, int already, boolean running,
      String stoppedReason, List<BatchItem> items) {
    public int finished() {
      return done + failed;
    }

    public boolean complete() {
      return total > 0 && pending == 0 && !running;
    }
  }

  private BatchPages() {}

  static void routes(Javalin app, Web web, BatchRuns runs) {
    app.get("/batches/new", ctx -> {
      web.api(ctx);
      web.render(ctx, "batch-new.jte", web.page(ctx, "portal.batch.title"), "error", null,
          "options", PortalAction.OFFBOARD.options());
    });
    app.post("/batches/plan", ctx -> plan(ctx, web));
    app.post("/batches", ctx -> {
      var api = web.api(ctx);
      var batchId = uuid(ctx.formParam("batchId"));
      var names = ctx.formParams("user");
      var options = new HashSet<>(ctx.formParams("option"));
      runs.start(api, batchId, names, false, PortalAction.offboardOptions(options));
      ctx.redirect("/batches/" + batchId, HttpStatus.SEE_OTHER);
    });
    app.get("/batches/{id}", ctx -> show(ctx, web, runs));
    app.post("/batches/{id}/resume", ctx -> {
      var api = web.api(ctx);
      var batchId = uuid(ctx.pathParam("id"));
      runs.start(api, batchId, List.of(), true, null);
      ctx.redirect("/batches/" + batchId, HttpStatus.SEE_OTHER);
    });
  }

  private static void plan(Context ctx, Web web) throws java.io.IOException {
    web.api(ctx);
    var page = web.page(ctx, "portal.batch.title");
    var file = ctx.uploadedFile("file");
    List<String> users = List.of();
    if (file != null) {
      try (var in = file.content()) {
        users = CsvUsers.read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    if (users.isEmpty()) {
      ctx.status(400);
      web.render(ctx, "batch-new.jte", page, "error", page.t("portal.batch.noUsers"),
          "options", PortalAction.OFFBOARD.options());
      return;
    }
    var options = ctx.formParams("option").stream().filter(PortalAction.OFFBOARD.options()::contains).toList();
    web.render(ctx, "batch-confirm.jte", page, "users", users, "chosen", options,
        "batchId", UUID.randomUUID().toString());
  }

  private static void show(Context ctx, Web web, BatchRuns runs) {
    var api = web.api(ctx);
    var batchId = uuid(ctx.pathParam("id"));
    var page = web.page(ctx, "portal.batch.progressTitle");
    // Asked before the items are read: a batch that ends between the two reads is then shown as
    // still running, and the next poll shows it complete. Asked after, its last items could be read
    // as pending on a page that no longer polls.
    boolean running = runs.running(batchId);
    List<BatchItem> items;
    try {
      items = api.call(s -> s.getBatch(GetBatchRequest.newBuilder().setBatchId(batchId).build())).getItemsList();
    } catch (AccountAdminException e) {
      // Just started: the server records the batch as the stream begins.
      if (e.code() != Status.Code.NOT_FOUND || !running) {
        throw e;
      }
      items = List.of();
    }
    int done = 0;
    int failed = 0;
    int pending = 0;
    int already = 0;
    for (var item : items) {
      if (item.getState() == BatchItemState.BATCH_ITEM_STATE_DONE) {
        done++;
        already += item.getAlreadyOffboarded() ? 1 : 0;
      } else if (item.getState() == BatchItemState.BATCH_ITEM_STATE_FAILED) {
        failed++;
      } else {
        pending++;
      }
    }
    var stopped = runs.stopped(batchId);
    var stoppedText = stopped == null ? null : page.messages().renderError(stopped.reason(), stopped.metadata());
    var progress = new Progress(items.size(), done, failed, pending, already, running, stoppedText, items);
    web.render(ctx, "batch.jte", page, "batchId", batchId, "progress", progress);
  }

  public static String itemState(Page page, BatchItem item) {
    return page.t(switch (item.getState()) {
      case BATCH_ITEM_STATE_PENDING -> "portal.batch.item.PENDING";
      case BATCH_ITEM_STATE_DONE -> "portal.batch.item.DONE";
      case BATCH_ITEM_STATE_FAILED -> "portal.batch.item.FAILED";
      case BATCH_ITEM_STATE_UNSPECIFIED, UNRECOGNIZED -> "portal.batch.item.UNSPECIFIED";
    });
  }

  private static String uuid(String value) {
    try {
      return UUID.fromString(value == null ? "" : value).toString();
    } catch (IllegalArgumentException e) {
      throw new io.javalin.http.BadRequestResponse();
    }
  }
}
