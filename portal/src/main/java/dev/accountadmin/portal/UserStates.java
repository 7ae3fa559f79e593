package dev.accountadmin.portal;

import com.google.protobuf.Timestamp;
import dev.accountadmin.client.cli.ApiNames;
import dev.accountadmin.v1.AdminRole;
import dev.accountadmin.v1.MailProtocol;
import dev.accountadmin.v1.User;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A user's states, roles and protocols in words, as the CLI says them (the same bundle keys). */
public final class UserStates {
  /** The states a list can be filtered by, as the API's filter words. */
  public static final List<String> FILTERS = List.of("locked", "blocked", "restricted", "offboarded", "deleted");

  private UserStates() {}

  public static List<String> of(Page page, User u) {
    var m = page.messages();
    var states = new ArrayList<String>();
    if (u.hasDeleteTime()) {
      states.add(m.render("cli.state.deleted", Map.of()));
    }
    if (u.hasOffboardTime()) {
      states.add(m.render("cli.state.offboarded", Map.of()));
    }
    if (u.getLockout().getLocked()) {
      states.add(m.render("cli.state.locked", Map.of("lockedUntilTime", instant(u.getLockout().getLockedUntil()))));
    }
    if (u.getSignInBlocked()) {
      states.add(m.render("cli.state.blocked", Map.of()));
    }
    if (u.getMailbox().hasSendingRestriction()) {
      states.add(m.render("cli.state.restricted", Map.of()));
    }
    if (states.isEmpty()) {
      states.add(m.render("cli.state.active", Map.of()));
    }
    return states;
  }

  public static String roles(Page page, List<AdminRole> roles) {
    if (roles.isEmpty()) {
      return page.t("cli.user.noRoles");
    }
    return page.messages().list(roles.stream().map(r -> page.messages().label("role", ApiNames.of(r))).toList());
  }

  public static String protocols(Page page, List<MailProtocol> protocols) {
    if (protocols.isEmpty()) {
      return page.t("cli.user.noProtocols");
    }
    return page.messages().list(protocols.stream().map(p -> page.messages().label("protocol", ApiNames.of(p))).toList());
  }

  public static String protocol(Page page, MailProtocol protocol) {
    return page.messages().label("protocol", ApiNames.of(protocol));
  }

  public static String restrictionReason(Page page, User u) {
    var reason = u.getMailbox().getSendingRestriction().getReason();
    return page.messages().label("restrictionReason", reason.getNumber() > 0 ? ApiNames.of(reason) : "COMPROMISED");
  }

  /** A device's state: blocked or not, and where a wipe stands. */
  public static String device(Page page, dev.accountadmin.v1.MobileDevice d) {
    var words = new ArrayList<String>();
    words.add(page.t(d.getBlocked() ? "portal.device.blocked" : "portal.device.allowed"));
    var wipe = d.getWipeState();
    if (wipe != dev.accountadmin.v1.DeviceWipeState.DEVICE_WIPE_STATE_UNSPECIFIED
        && wipe != dev.accountadmin.v1.DeviceWipeState.UNRECOGNIZED) {
      words.add(page.t("portal.device.wipe." + ApiNames.of(wipe)));
    }
    return String.join(", ", words);
  }

  public static String filterLabel(Page page, String filter) {
    return page.t("portal.users.filter." + filter);
  }

  static Instant instant(Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }
}
