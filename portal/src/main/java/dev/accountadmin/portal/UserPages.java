package dev.accountadmin.portal;

import dev.accountadmin.client.AccountAdminException;
import dev.accountadmin.v1.GetUserRequest;
import dev.accountadmin.v1.ListAuditEventsRequest;
import dev.accountadmin.v1.ListDevicesRequest;
import dev.accountadmin.v1.ListRestrictedSendersRequest;
import dev.accountadmin.v1.ListUserMembershipsRequest;
import dev.accountadmin.v1.ListUsersRequest;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** The users list (search, state filters, paging), one user's page, and the restricted senders. */
public final class UserPages {
  static final int PAGE_SIZE = 25;

  private UserPages() {}

  /** One part of a user's page: what the API gave, or why it would not. */
  public record Section<T>(T value, String error) {}

  static void routes(Javalin app, Web web) {
    app.get("/users", ctx -> list(ctx, web));
    app.get("/users/{upn}", ctx -> user(ctx, web));
    app.get("/restricted-senders", ctx -> {
      var api = web.api(ctx);
      var response = api.call(s -> s.listRestrictedSenders(ListRestrictedSendersRequest.newBuilder()
          .setPageSize(PAGE_SIZE).setPageToken(ctx.queryParamAsClass("page", String.class).getOrDefault("")).build()));
      web.render(ctx, "restricted-senders.jte", web.page(ctx, "portal.restricted.title"),
          "users", response.getUsersList(), "next", response.getNextPageToken());
    });
  }

  private static void list(Context ctx, Web web) {
    var api = web.api(ctx);
    var query = ctx.queryParamAsClass("q", String.class).getOrDefault("").strip();
    var states = new ArrayList<String>();
    for (var state : ctx.queryParams("state")) {
      if (UserStates.FILTERS.contains(state) && !states.contains(state)) {
        states.add(state);
      }
    }
    var filter = new StringBuilder(query);
    states.forEach(s -> filter.append(' ').append(s));
    var response = api.call(s -> s.listUsers(ListUsersRequest.newBuilder().setPageSize(PAGE_SIZE)
        .setPageToken(ctx.queryParamAsClass("page", String.class).getOrDefault(""))
        .setFilter(filter.toString().strip()).build()));
    var next = new StringBuilder("/users?q=").append(encode(query));
    states.forEach(s -> next.append("&state=").append(s));
    next.append("&page=").append(encode(response.getNextPageToken()));
    web.render(ctx, "users.jte", web.page(ctx, "portal.users.title"), "users", response.getUsersList(),
        "query", query, "states", states,
        "next", response.getNextPageToken().isEmpty() ? "" : next.toString());
  }

  private static void user(Context ctx, Web web) {
    var api = web.api(ctx);
    var upn = ctx.pathParam("upn");
    var name = "users/" + upn;
    var user = api.call(s -> s.getUser(GetUserRequest.newBuilder().setName(name).build())).getUser();
    var page = web.page(ctx, "portal.user.title");
    var devices = section(page, () -> api.call(s -> s.listDevices(ListDevicesRequest.newBuilder().setName(name).build())));
    var memberships = section(page, () -> api.call(s -> s.listUserMemberships(
        ListUserMembershipsRequest.newBuilder().setName(name).build())));
    var audit = section(page, () -> api.call(s -> s.listAuditEvents(
        ListAuditEventsRequest.newBuilder().setTarget(upn).setPageSize(20).build())));
    web.render(ctx, "user.jte", page, "user", user, "devices", devices, "memberships", memberships,
        "audit", audit, "actions", List.of(PortalAction.values()));
  }

  /** Reads one part of a page; a refusal shows in its place, and the rest of the page still shows. */
  static <T> Section<T> section(Page page, Supplier<T> read) {
    try {
      return new Section<>(read.get(), null);
    } catch (AccountAdminException e) {
      if (e.code() == io.grpc.Status.Code.UNAUTHENTICATED) {
        throw e;
      }
      return new Section<>(null, ErrorPages.text(page, e));
    }
  }

  static String encode(String value) {
    return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
  }
}
