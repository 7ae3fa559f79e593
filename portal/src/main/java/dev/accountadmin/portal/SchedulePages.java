package dev.accountadmin.portal;

import dev.accountadmin.client.AccountAdminException;
import dev.accountadmin.v1.CancelScheduledOffboardingRequest;
import dev.accountadmin.v1.GetScheduledOffboardingRequest;
import dev.accountadmin.v1.LastWorkingDay;
import dev.accountadmin.v1.ListScheduledOffboardingsRequest;
import dev.accountadmin.v1.OffboardingTime;
import dev.accountadmin.v1.ScheduleOffboardingRequest;
import dev.accountadmin.v1.ScheduledOffboarding;
import dev.accountadmin.v1.UpdateScheduledOffboardingRequest;
import dev.accountadmin.v1.ZonedTime;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

/**
 * Scheduled offboardings: the list, scheduling one from a user's page (a time in the admin's zone,
 * or the end of the user's last working day), changing its time and cancelling it. Each change
 * sends the version the page showed, so a change someone made meanwhile is never overwritten
 * unseen: the API answers SCHEDULE_VERSION_MISMATCH and the page shows the schedule as it is now.
 * A refused form answers 422 with the form and the API's reason (400 is the portal's page for a
 * malformed request).
 */
final class SchedulePages {
  static final String PATH = "/scheduled-offboardings";
  private static final String PREFIX = "scheduledOffboardings/";
  private static final Map<String, String> DONE = Map.of("scheduled", "portal.schedule.scheduled",
      "changed", "portal.schedule.changed", "cancelled", "portal.schedule.cancelled");

  private SchedulePages() {}

  static void routes(Javalin app, Web web) {
    app.get(PATH, ctx -> {
      var api = web.api(ctx);
      var list = api.call(s -> s.listScheduledOffboardings(ListScheduledOffboardingsRequest.getDefaultInstance()))
          .getScheduledOffboardingsList();
      web.render(ctx, "schedules.jte", web.page(ctx, "portal.schedules.title"), "schedules", list);
    });
    app.get("/users/{upn}/schedule", ctx -> newForm(ctx, web, null));
    app.post("/users/{upn}/schedule", ctx -> schedule(ctx, web));
    app.get(PATH + "/{id}", ctx -> detail(ctx, web,
        DONE.get(java.util.Objects.requireNonNullElse(ctx.queryParam("done"), "")), null));
    app.post(PATH + "/{id}/time", ctx -> change(ctx, web, false));
    app.post(PATH + "/{id}/cancel", ctx -> change(ctx, web, true));
  }

  private static void newForm(Context ctx, Web web, String error) {
    web.api(ctx);
    var upn = ctx.pathParam("upn");
    web.render(ctx, "schedule-new.jte", web.page(ctx, "portal.schedule.title"), "upn", upn, "error", error,
        "requestId", UUID.randomUUID().toString());
  }

  private static void schedule(Context ctx, Web web) {
    var api = web.api(ctx);
    var upn = ctx.pathParam("upn");
    var page = web.page(ctx, "portal.schedule.title");
    var when = when(ctx, page.zone());
    if (when == null) {
      ctx.status(422);
      newForm(ctx, web, page.t("portal.schedule.noTime"));
      return;
    }
    try {
      var scheduled = api.call(s -> s.scheduleOffboarding(ScheduleOffboardingRequest.newBuilder()
          .setName("users/" + upn).setWhen(when).setRequestId(requestId(ctx)).build())).getScheduledOffboarding();
      ctx.redirect(PATH + "/" + id(scheduled) + "?done=scheduled", HttpStatus.SEE_OTHER);
    } catch (AccountAdminException e) {
      if (e.code() == io.grpc.Status.Code.UNAUTHENTICATED) {
        throw e;
      }
      ctx.status(422);
      newForm(ctx, web, ErrorPages.text(page, e));
    }
  }

  private static void change(Context ctx, Web web, boolean cancel) {
    var api = web.api(ctx);
    var name = PREFIX + ctx.pathParam("id");
    var page = web.page(ctx, "portal.schedule.detailTitle");
    long version;
    try {
      version = Long.parseLong(ctx.formParamAsClass("version", String.class).getOrDefault(""));
    } catch (NumberFormatException e) {
      throw new io.javalin.http.BadRequestResponse();
    }
    try {
      if (cancel) {
        api.call(s -> s.cancelScheduledOffboarding(CancelScheduledOffboardingRequest.newBuilder().setName(name)
            .setExpectedVersion(version).setRequestId(requestId(ctx)).build()));
      } else {
        var when = when(ctx, page.zone());
        if (when == null) {
          ctx.status(422);
          detail(ctx, web, null, page.t("portal.schedule.noTime"));
          return;
        }
        api.call(s -> s.updateScheduledOffboarding(UpdateScheduledOffboardingRequest.newBuilder().setName(name)
            .setWhen(when).setExpectedVersion(version).setRequestId(requestId(ctx)).build()));
      }
    } catch (AccountAdminException e) {
      if (e.code() == io.grpc.Status.Code.UNAUTHENTICATED) {
        throw e;
      }
      var stale = "SCHEDULE_VERSION_MISMATCH".equals(e.reason());
      ctx.status(stale ? 409 : 422);
      var text = ErrorPages.text(page, e);
      detail(ctx, web, null, stale ? text + " " + page.t("portal.schedule.stale") : text);
      return;
    }
    ctx.redirect(PATH + "/" + ctx.pathParam("id") + "?done=" + (cancel ? "cancelled" : "changed"), HttpStatus.SEE_OTHER);
  }

  private static void detail(Context ctx, Web web, String done, String error) {
    var api = web.api(ctx);
    var name = PREFIX + ctx.pathParam("id");
    var schedule = api.call(s -> s.getScheduledOffboarding(GetScheduledOffboardingRequest.newBuilder().setName(name)
        .build())).getScheduledOffboarding();
    var page = web.page(ctx, "portal.schedule.detailTitle");
    web.render(ctx, "schedule.jte", page, "schedule", schedule, "id", id(schedule), "done", done == null ? null : page.t(done),
        "error", error, "at", localInput(Instant.ofEpochSecond(schedule.getRunTime().getSeconds()), page.zone()),
        "requestId", UUID.randomUUID().toString(), "cancelRequestId", UUID.randomUUID().toString());
  }

  /** What the form chose: a local time read in the admin's zone, or a last working day; null when neither. */
  static OffboardingTime when(Context ctx, ZoneId zone) {
    var kind = ctx.formParamAsClass("kind", String.class).getOrDefault("at");
    try {
      if (kind.equals("lastDay")) {
        var day = LocalDate.parse(ctx.formParamAsClass("lastDay", String.class).getOrDefault(""));
        return OffboardingTime.newBuilder().setEndOfLastWorkingDay(LastWorkingDay.newBuilder()
            .setDate(day.toString())).build();
      }
      var at = LocalDateTime.parse(ctx.formParamAsClass("at", String.class).getOrDefault(""));
      return OffboardingTime.newBuilder().setAt(ZonedTime.newBuilder().setLocalDateTime(at.toString())
          .setTimeZone(zone.getId())).build();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** The form's request id, made with the form: a second submit of it is the same request. */
  private static String requestId(Context ctx) {
    var id = ctx.formParam("requestId");
    try {
      return UUID.fromString(id == null ? "" : id).toString();
    } catch (IllegalArgumentException e) {
      throw new io.javalin.http.BadRequestResponse();
    }
  }

  /** An instant as a datetime-local input shows it, in the admin's zone, to the minute. */
  static String localInput(Instant instant, ZoneId zone) {
    return LocalDateTime.ofInstant(instant, zone).truncatedTo(ChronoUnit.MINUTES).toString();
  }

  static String id(ScheduledOffboarding schedule) {
    return schedule.getName().substring(schedule.getName().indexOf('/') + 1);
  }
}
