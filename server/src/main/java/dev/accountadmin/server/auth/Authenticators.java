package dev.accountadmin.server.auth;

import dev.accountadmin.domain.Action;
import dev.accountadmin.domain.AuditRecord;
import dev.accountadmin.domain.AuthMethod;
import dev.accountadmin.domain.Caller;
import dev.accountadmin.domain.DirectoryPort;
import dev.accountadmin.domain.MethodKind;
import dev.accountadmin.domain.UserName;
import dev.accountadmin.failure.DirectoryException;
import dev.accountadmin.failure.FieldViolation;
import dev.accountadmin.failure.Reason;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A user's own authentication methods: an authenticator app (begun, then confirmed with a code),
 * an alternate email, app passwords. Secrets are returned once, to the user, and stored protected
 * (the authenticator's key sealed, an app password hashed); the audit names the kind, never a
 * secret or a code.
 */
public final class Authenticators {
  private static final String DEFAULT_AUTHENTICATOR_NAME = "Authenticator app";
  private static final int MAX_NAME_LENGTH = 100;

  /** A begun authenticator registration: its id, and the key the user's app needs, once. */
  public record Begun(String methodId, String secret, String otpauthUri) {
    @Override
    public String toString() {
      return "Begun[" + methodId + "]";
    }
  }

  /** A new app password, shown once, and its method. */
  public record AppPassword(String password, AuthMethod method) {
    @Override
    public String toString() {
      return "AppPassword[" + method.id() + "]";
    }
  }

  private final DirectoryPort port;
  private final PasswordHasher hasher;
  private final Secrets secrets;
  private final SecretBox box;
  private final Clock clock;

  public Authenticators(DirectoryPort port, PasswordHasher hasher, Secrets secrets, SecretBox box, Clock clock) {
    this.port = port;
    this.hasher = hasher;
    this.secrets = secrets;
    this.box = box;
    this.clock = clock;
  }

  /** Starts an authenticator registration, replacing any the caller began and did not confirm. */
  public Begun beginTotp(Caller caller, String displayName) {
    var name = name("display_name", displayName, DEFAULT_AUTHENTICATOR_NAME);
    var key = Totp.newKey(secrets.random());
    var id = UUID.randomUUID().toString();
    var sealed = box.seal(key);
    return port.write(unit -> {
      var now = clock.instant();
      var methods = unit.methods();
      for (var method : methods.list(caller.userId())) {
        if (method.kind() == MethodKind.AUTHENTICATOR_APP && !method.registered()) {
          methods.remove(caller.userId(), method.id());
        }
      }
      methods.insert(new AuthMethod(id, caller.userId(), MethodKind.AUTHENTICATOR_APP, name, now, null, null), sealed);
      audit(unit, caller, MethodKind.AUTHENTICATOR_APP, "BEGUN");
      var issuer = unit.users().tenantDomain().orElse("AccountAdmin");
      return new Begun(id, Totp.base32(key), Totp.uri(issuer, caller.name().value(), key));
    });
  }

  /**
   * Confirms a begun registration with a code from the app. The new authenticator replaces every
   * other, and a re-registration requirement is met: the session becomes a full one.
   */
  public AuthMethod confirmTotp(Caller caller, String methodId, String code) {
    if (methodId == null || methodId.isEmpty()) {
      throw DirectoryException.invalid(FieldViolation.required("method_id"));
    }
    if (code == null || code.isEmpty()) {
      throw DirectoryException.invalid(FieldViolation.required("verification_code"));
    }
    var outcome = port.write(unit -> {
      var now = clock.instant();
      var methods = unit.methods();
      var pending = methods.list(caller.userId()).stream()
          .filter(m -> m.id().equals(methodId) && m.kind() == MethodKind.AUTHENTICATOR_APP && !m.registered())
          .findFirst()
          .orElseThrow(() -> DirectoryException.of(Reason.TOTP_REGISTRATION_NOT_FOUND, "methodId", methodId));
      var step = Totp.match(box.open(methods.secret(caller.userId(), methodId).orElseThrow()), code, now);
      if (step.isEmpty()) {
        return (AuthMethod) null;
      }
      for (var other : methods.list(caller.userId())) {
        if (other.kind() == MethodKind.AUTHENTICATOR_APP && !other.id().equals(methodId)) {
          methods.remove(caller.userId(), other.id());
        }
      }
      methods.confirm(caller.userId(), methodId, step.getAsLong(), now);
      boolean lifted = methods.liftReregistration(caller.userId());
      var details = new TreeMap<String, String>(Map.of("kind", MethodKind.AUTHENTICATOR_APP.name(), "stage", "CONFIRMED"));
      if (lifted) {
        details.put("reregistrationRequirementMet", "true");
      }
      unit.audit().append(AuditRecord.of(caller.name().value(), caller.clientAddress(), Action.REGISTER_AUTH_METHOD,
          caller.name().value(), "", AuditRecord.Outcome.SUCCESS, details));
      return new AuthMethod(pending.id(), pending.userId(), pending.kind(), pending.displayName(), pending.createdAt(),
          now, null);
    });
    if (outcome == null) {
      port.write(unit -> unit.audit().append(AuditRecord.of(caller.name().value(), caller.clientAddress(),
          Action.REGISTER_AUTH_METHOD, caller.name().value(), "", AuditRecord.Outcome.FAILURE,
          Map.of("kind", MethodKind.AUTHENTICATOR_APP.name(), "reason", Reason.MFA_CODE_INVALID.name()))));
      throw DirectoryException.of(Reason.MFA_CODE_INVALID, "user", caller.name().value());
    }
    return outcome;
  }

  /** Sets the caller's alternate email, replacing any other. */
  public AuthMethod setAlternateEmail(Caller caller, String email) {
    var address = UserName.parse("email", email);
    return port.write(unit -> {
      var now = clock.instant();
      var methods = unit.methods();
      for (var method : methods.list(caller.userId())) {
        if (method.kind() == MethodKind.ALTERNATE_EMAIL) {
          methods.remove(caller.userId(), method.id());
        }
      }
      var method = new AuthMethod(UUID.randomUUID().toString(), caller.userId(), MethodKind.ALTERNATE_EMAIL,
          address.value(), now, now, null);
      methods.insert(method, null);
      audit(unit, caller, MethodKind.ALTERNATE_EMAIL, "REGISTERED");
      return method;
    });
  }

  /** Creates an app password, returned once and stored hashed like a password. */
  public AppPassword createAppPassword(Caller caller, String displayName) {
    var name = name("display_name", displayName, null);
    var password = secrets.token();
    var hash = hasher.hash(password, secrets.random());
    return port.write(unit -> {
      var now = clock.instant();
      var method = new AuthMethod(UUID.randomUUID().toString(), caller.userId(), MethodKind.APP_PASSWORD, name, now,
          now, null);
      unit.methods().insert(method, hash);
      audit(unit, caller, MethodKind.APP_PASSWORD, "REGISTERED");
      return new AppPassword(password, method);
    });
  }

  private static String name(String field, String given, String fallback) {
    var name = given == null ? "" : given.strip();
    if (name.isEmpty()) {
      if (fallback == null) {
        throw DirectoryException.invalid(FieldViolation.required(field));
      }
      return fallback;
    }
    if (name.length() > MAX_NAME_LENGTH) {
      throw DirectoryException.invalid(new FieldViolation(field, "TOO_LONG",
          Map.of("field", field, "max", Integer.toString(MAX_NAME_LENGTH))));
    }
    if (name.chars().anyMatch(Character::isISOControl)) {
      throw DirectoryException.invalid(FieldViolation.controlCharacters(field));
    }
    return name;
  }

  private static void audit(dev.accountadmin.domain.UnitOfWork unit, Caller caller, MethodKind kind, String stage) {
    unit.audit().append(AuditRecord.of(caller.name().value(), caller.clientAddress(), Action.REGISTER_AUTH_METHOD,
        caller.name().value(), "", AuditRecord.Outcome.SUCCESS, Map.of("kind", kind.name(), "stage", stage)));
  }
}
