package dev.accountadmin.server.mail;

import dev.accountadmin.domain.AuditRecord;
import dev.accountadmin.domain.Action;
import dev.accountadmin.domain.Caller;
import dev.accountadmin.domain.ClientApp;
import dev.accountadmin.domain.DirectoryPort;
import dev.accountadmin.domain.MailProtocol;
import dev.accountadmin.domain.User;
import dev.accountadmin.domain.UserName;
import dev.accountadmin.failure.DirectoryException;
import dev.accountadmin.failure.FieldViolation;
import dev.accountadmin.failure.Reason;
import java.time.Clock;
import java.util.Map;

/**
 * A mobile device's Exchange ActiveSync sync: registers the device and answers what it must do.
 *
 * <p>Design note — how a device is recognised once its user is offboarded. A wipe must be
 * delivered even after the user's sessions are revoked and sign-in is blocked (Microsoft's order:
 * wipe before block), yet then the device holds no valid token. So a call without a valid token
 * may still name a user and a device id, and if, and only if, that device has a pending wipe, it
 * gets the wipe command — never mail data, never a sync. Be clear about what this costs: the
 * device id is not a secret (ActiveSync sends it in every request's URL), so whoever knows a
 * user name and a device id with a pending wipe can take the command and make the wipe look
 * CONFIRMED although the real phone never got it; and the answer tells them a wipe was pending.
 * A real deployment would bind the device to a key at its first sync (a device certificate or
 * a secret returned at registration) and require it here; this directory does not have that yet.
 * CONFIRMED therefore means "delivered to a client presenting that device id", which is also all
 * that Exchange knows before the device's acknowledgement.
 */
public final class DeviceSync {
  static final int MAX_DEVICE_ID = 128;
  static final int MAX_MODEL = 256;

  /** What the device must do after its sync. */
  public enum Command { SYNC, WIPE }

  private static void checkText(String field, String value, int max) {
    if (value.length() > max) {
      throw DirectoryException.invalid(new FieldViolation(field, "TOO_LONG", Map.of("field", field, "max", Integer.toString(max))));
    }
    if (value.chars().anyMatch(Character::isISOControl)) {
      throw DirectoryException.invalid(FieldViolation.controlCharacters(field));
    }
  }

  private final DirectoryPort port;
  private final Clock clock;

  public DeviceSync(DirectoryPort port, Clock clock) {
    this.port = port;
    this.clock = clock;
  }

  /**
   * A sync by {@code caller} (null when the call's token did not authenticate, {@code
   * unauthenticated} saying why), of device {@code deviceId}, naming {@code userName} when it has
   * no valid token.
   */
  public Command sync(Caller caller, DirectoryException unauthenticated, String userName, String deviceId, String model) {
    if (deviceId.isEmpty()) {
      throw DirectoryException.invalid(FieldViolation.required("device_id"));
    }
    checkText("device_id", deviceId, MAX_DEVICE_ID);
    checkText("model", model, MAX_MODEL);
    if (caller == null && userName.isEmpty()) {
      throw unauthenticated;
    }
    // With a valid token the device is the token's user's; user_name only finds a pending wipe.
    var named = caller != null ? null : UserName.parse("user_name", userName);
    return port.write(unit -> {
      var now = clock.instant();
      User user = caller != null
          ? unit.users().findByIdForUpdate(caller.userId()).orElseThrow(() -> DirectoryException.of(Reason.SESSION_REVOKED))
          : unit.users().find(named).orElse(null);
      var device = user == null ? null : unit.devices().find(user.id(), deviceId).orElse(null);
      if (device != null && device.wipePending()) {
        // Delivered whatever the token, sign-in or block state: wipe before block.
        unit.devices().recordSync(user.id(), deviceId, device.model(), now);
        unit.devices().confirmWipe(user.id(), deviceId, now);
        unit.audit().append(AuditRecord.of(user.name().value(), "", Action.WIPE_DEVICES, user.name().value(), "",
            AuditRecord.Outcome.SUCCESS, Map.of("deviceId", deviceId, "wipeState", "CONFIRMED")));
        return Command.WIPE;
      }
      if (caller == null || user == null) {
        // Same answer whether or not the user or device exists: nothing to learn from it.
        throw unauthenticated;
      }
      if (caller.clientApp() != ClientApp.ACTIVE_SYNC) {
        throw DirectoryException.of(Reason.MAIL_CLIENT_REQUIRED, "user", user.name().value(), "clientApp", caller.clientApp().name());
      }
      if (user.signInBlocked()) {
        throw DirectoryException.of(Reason.SIGN_IN_BLOCKED, "user", user.name().value());
      }
      if (!user.enabledProtocols().contains(MailProtocol.ACTIVE_SYNC)) {
        throw DirectoryException.of(Reason.PROTOCOL_DISABLED, "user", user.name().value(), "clientApp", ClientApp.ACTIVE_SYNC.name());
      }
      if (device != null && device.wipeConfirmed()) {
        throw DirectoryException.of(Reason.DEVICE_WIPED, "user", user.name().value(), "deviceId", deviceId);
      }
      if (device != null && device.blocked()) {
        throw DirectoryException.of(Reason.DEVICE_BLOCKED, "user", user.name().value(), "deviceId", deviceId);
      }
      unit.devices().recordSync(user.id(), deviceId, model, now);
      return Command.SYNC;
    });
  }
}
