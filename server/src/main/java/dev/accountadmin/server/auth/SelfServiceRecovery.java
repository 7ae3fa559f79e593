package dev.accountadmin.server.auth;

import dev.accountadmin.domain.Action;
import dev.accountadmin.domain.AuditRecord;
import dev.accountadmin.domain.DirectoryPort;
import dev.accountadmin.domain.MethodKind;
import dev.accountadmin.domain.UnitOfWork;
import dev.accountadmin.domain.UnitOfWork.Recoveries.Recovery;
import dev.accountadmin.domain.User;
import dev.accountadmin.domain.UserName;
import dev.accountadmin.failure.DirectoryException;
import dev.accountadmin.failure.FieldViolation;
import dev.accountadmin.failure.Reason;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Self-service recovery for a user who cannot sign in: they prove who they are with an
 * authenticator app or a code mailed to their alternate email, then clear their lockout or set a
 * new password.
 *
 * <p>Design note — no enumeration: every begin, for whatever name, stores one recovery row and
 * answers with a fresh random id, the same lifetime and the same number of attempts; a code is
 * drawn and hashed every time. A recovery that must never complete (unknown user, no such method,
 * sign-in blocked, offboarded, deleted, or an authenticator that must be registered again) is
 * stored without a user and with the reason, for the audit only; completing it fails exactly as a
 * wrong code does, after the same work (an authenticator's codes are checked against a decoy key).
 * The email goes out after the answer, on a thread of its own, so neither the relay's speed nor
 * its failure shows in the answer.
 *
 * <p>Design note — unlock or new password: "unlock" is for the user whose password is theirs and
 * who only ran into the lockout (a phone retrying a stale password): it clears the lockout and
 * keeps the password and the sessions. A new password is what a user chooses who forgot it or
 * fears someone else knows it, so it is treated like a reset: the lockout is cleared, a required
 * change is met, and every session is signed out, because a session opened with the old password
 * may be the very intruder the user is locking out (tokens checked against the password's version
 * die at once anyway; revoking also ends their refresh tokens).
 *
 * <p>Rate limits count begins and wrong codes per user name asked for, per client address the
 * portal passed (the gRPC peer's when none), and per gRPC peer, in the database so that every
 * replica shares them; like {@link SignInThrottle}, two attempts at the same instant may both pass.
 */
public final class SelfServiceRecovery {
  private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(SelfServiceRecovery.class.getName());
  /** An authenticator app's code length (RFC 6238 as every app makes it). */
  static final int TOTP_DIGITS = 6;

  /**
   * The limits.
   *
   * @param lifetime how long a recovery (and an emailed code) lasts
   * @param attempts codes a recovery may try
   * @param codeDigits digits of an emailed code
   * @param window how far back attempts count for the rate limits
   * @param perUser attempts a user name may have in the window
   * @param perAddress attempts a client address may have in the window
   * @param perPeer attempts a gRPC peer may have in the window (a portal passes for many browsers)
   */
  public record Policy(Duration lifetime, int attempts, int codeDigits, Duration window, int perUser, int perAddress,
      int perPeer) {
    public static final Policy DEFAULT = new Policy(Duration.ofMinutes(10), 5, 8, Duration.ofMinutes(15), 10, 30, 1000);
  }

  /** What the user asks for once they proved who they are. */
  public enum Choice { UNLOCK, SET_PASSWORD }

  /** A begun recovery: the same fields whoever was asked for. */
  public record Begun(String recoveryId, Instant expiresAt, int attemptsAllowed, int codeLength) {
    @Override
    public String toString() {
      return "Begun[" + expiresAt + "]";
    }
  }

  /** What a completed recovery did. */
  public record Completed(String user, Choice choice, Instant effectiveAt, boolean lockoutCleared, int revokedSessions) {}

  /** Sends a code by email; the SMTP relay, or nothing when none is configured. */
  public interface CodeMail {
    /** Sends {@code code} to {@code address} in {@code locale}; runs after the answer, on its own thread. */
    void send(String address, Locale locale, String code, Duration lifetime);
  }

  private final DirectoryPort port;
  private final PasswordHasher hasher;
  private final Secrets secrets;
  private final SecretBox box;
  private final AuthPolicy authPolicy;
  private final Policy policy;
  private final Clock clock;
  private final byte[] codeKey;
  private final CodeMail mail;
  // An authenticator key nobody has: a recovery that cannot complete checks its code against it.
  private final byte[] decoyKey;
  // One mail at a time, on a thread that ends when there is none to send.
  private final java.util.concurrent.ExecutorService mailer = new java.util.concurrent.ThreadPoolExecutor(0, 1,
      30, java.util.concurrent.TimeUnit.SECONDS, new java.util.concurrent.LinkedBlockingQueue<>(), r -> {
        var thread = new Thread(r, "self-service-mail");
        thread.setDaemon(true);
        return thread;
      });

  public SelfServiceRecovery(DirectoryPort port, PasswordHasher hasher, Secrets secrets, SecretBox box,
      AuthPolicy authPolicy, Policy policy, Clock clock, byte[] codeKey, CodeMail mail) {
    this.port = port;
    this.hasher = hasher;
    this.secrets = secrets;
    this.box = box;
    this.authPolicy = authPolicy;
    this.policy = policy;
    this.clock = clock;
    this.codeKey = codeKey.clone();
    this.mail = mail;
    this.decoyKey = Totp.newKey(secrets.random());
  }

  /** Begins a recovery for {@code upn} with {@code method}; see the class notes. */
  public Begun begin(String upn, MethodKind method, Locale locale, String clientAddress, String peer) {
    var name = UserName.parse("user_principal_name", upn);
    if (method != MethodKind.AUTHENTICATOR_APP && method != MethodKind.ALTERNATE_EMAIL) {
      throw DirectoryException.invalid(FieldViolation.required("method"));
    }
    var address = clientAddress == null || clientAddress.isBlank() ? peer : clientAddress.strip();
    throttle(Action.BEGIN_RECOVERY, name.value(), name.key(), address, peer);
    var recoveryId = secrets.token();
    var idHash = Secrets.sha256(recoveryId);
    var code = emailCode();
    var codeHash = codeHash(idHash, code);
    record Outcome(Begun begun, String emailTo, Locale locale) {}
    var outcome = port.write(unit -> {
      var now = clock.instant();
      var recoveries = unit.recoveries();
      recoveries.prune(now.minus(policy.lifetime()));
      count(recoveries, name.key(), address, peer, now);
      var user = unit.users().find(name).orElse(null);
      String emailTo = null;
      var refusal = refusal(unit, user, method);
      if (refusal == null && method == MethodKind.ALTERNATE_EMAIL) {
        emailTo = unit.methods().list(user.id()).stream()
            .filter(m -> m.kind() == MethodKind.ALTERNATE_EMAIL && m.registered())
            .map(m -> m.displayName()).findFirst().orElse(null);
      }
      var expires = now.plus(policy.lifetime());
      recoveries.insert(new Recovery(idHash, name.value(), refusal == null ? user.id() : null, refusal, method,
          codeHash, now, expires, policy.attempts(), null));
      var details = new TreeMap<String, String>(Map.of("method", method.name(), "recovery", reference(idHash)));
      if (refusal != null) {
        details.put("reason", refusal);
      }
      if (!address.equals(peer)) {
        // The address is the caller's word (a portal's, for its browser); the peer is what connected.
        details.put("peer", peer);
      }
      unit.audit().append(AuditRecord.of(name.value(), address, Action.BEGIN_RECOVERY, name.value(), "",
          refusal == null ? AuditRecord.Outcome.SUCCESS : AuditRecord.Outcome.FAILURE, details));
      // The language the user reads the page in: the one they asked in, not one stored for them.
      return new Outcome(new Begun(recoveryId, expires, policy.attempts(),
          method == MethodKind.ALTERNATE_EMAIL ? policy.codeDigits() : TOTP_DIGITS), emailTo, locale);
    });
    if (outcome.emailTo() != null) {
      var to = outcome.emailTo();
      mailer.execute(() -> {
        try {
          mail.send(to, outcome.locale(), code, policy.lifetime());
        } catch (RuntimeException e) {
          // The class only: a relay's message may quote the address or the mail.
          LOG.warning(() -> "a self-service code could not be sent through the SMTP relay: " + e.getClass().getName());
        }
      });
    }
    return outcome.begun();
  }

  /** Why a recovery for {@code user} by {@code method} must never complete; null when it may. */
  private static String refusal(UnitOfWork unit, User user, MethodKind method) {
    // The methods are read for every user name, even one that is nobody's: the same queries each time.
    var methods = unit.methods();
    var userId = user == null ? "" : user.id();
    boolean has = methods.list(userId).stream().anyMatch(m -> m.kind() == method && m.registered());
    boolean reregistration = methods.reregistrationRequiredSince(userId).isPresent();
    if (user == null) {
      return Reason.USER_NOT_FOUND.name();
    }
    if (user.deleted()) {
      return Reason.USER_DELETED.name();
    }
    if (user.offboardedAt() != null) {
      return "OFFBOARDED";
    }
    if (user.signInBlocked()) {
      return Reason.SIGN_IN_BLOCKED.name();
    }
    if (!has) {
      return "METHOD_NOT_REGISTERED";
    }
    // After a compromise the old authenticator may be the attacker's: it proves nothing until replaced.
    if (method == MethodKind.AUTHENTICATOR_APP && reregistration) {
      return "REREGISTRATION_REQUIRED";
    }
    return null;
  }

  /** Completes a recovery; see the class notes. */
  public Completed complete(String recoveryId, String code, Choice choice, String newPassword, String clientAddress,
      String peer) {
    var violations = new ArrayList<FieldViolation>();
    if (recoveryId == null || recoveryId.isEmpty()) {
      violations.add(FieldViolation.required("recovery_id"));
    }
    if (code == null || code.isBlank()) {
      violations.add(FieldViolation.required("verification_code"));
    }
    if (choice == null) {
      violations.add(FieldViolation.required("choice"));
    }
    if (choice == Choice.SET_PASSWORD && (newPassword == null || newPassword.isEmpty())) {
      violations.add(FieldViolation.required("new_password"));
    }
    if (!violations.isEmpty()) {
      throw DirectoryException.invalid(violations);
    }
    var typed = code.strip().replace(" ", "");
    var address = clientAddress == null || clientAddress.isBlank() ? peer : clientAddress.strip();
    var idHash = Secrets.sha256(recoveryId);
    var found = port.read(unit -> unit.recoveries().find(idHash));
    var askedName = found.map(Recovery::askedName).orElse("");
    throttle(Action.COMPLETE_RECOVERY, askedName, askedName.isEmpty() ? null : UserName.parse("user", askedName).key(),
        address, peer);
    var now = clock.instant();
    if (found.isEmpty() || found.get().completedAt() != null || found.get().attemptsLeft() <= 0
        || !now.isBefore(found.get().expiresAt())) {
      var reason = found.isEmpty() ? "UNKNOWN_RECOVERY" : found.get().completedAt() != null ? "COMPLETED"
          : found.get().attemptsLeft() <= 0 ? "NO_ATTEMPTS_LEFT" : "EXPIRED";
      port.write(unit -> {
        count(unit.recoveries(), askedName.isEmpty() ? null : UserName.parse("user", askedName).key(), address, peer, now);
        return unit.audit().append(AuditRecord.of(askedName.isEmpty() ? "-" : askedName, address,
            Action.COMPLETE_RECOVERY, askedName, "", AuditRecord.Outcome.FAILURE,
            Map.of("reason", Reason.RECOVERY_EXPIRED.name(), "cause", reason)));
      });
      throw DirectoryException.of(Reason.RECOVERY_EXPIRED);
    }
    var recovery = found.get();
    var name = UserName.parse("user_principal_name", recovery.askedName());
    if (choice == Choice.SET_PASSWORD) {
      // Before the code is checked, and from the name asked for only: a weak password costs no attempt.
      PasswordPolicy.check("new_password", newPassword, name, authPolicy);
    }
    // The code is checked with the same work whether the recovery can complete or not.
    var check = port.read(unit -> verify(unit, recovery, typed, now));
    if (check == null) {
      throw wrongCode(recovery, address, peer, Reason.RECOVERY_CODE_INVALID.name());
    }
    var hash = choice == Choice.SET_PASSWORD ? hasher.hash(newPassword, secrets.random()) : null;
    record Result(Completed completed, String refusal) {}
    var result = port.write(unit -> {
      var at = clock.instant();
      var recoveries = unit.recoveries();
      var current = recoveries.find(idHash).orElse(null);
      if (current == null || current.completedAt() != null || current.attemptsLeft() <= 0) {
        return new Result(null, "COMPLETED");
      }
      if (check.methodId() != null && !unit.methods().spendTimeStep(check.methodId(), check.timeStep(), at)) {
        return new Result(null, Reason.MFA_CODE_ALREADY_USED.name());
      }
      var user = unit.users().findByIdForUpdate(recovery.userId()).orElse(null);
      var refusal = refusal(unit, user, recovery.method());
      if (refusal != null) {
        return new Result(null, refusal);
      }
      recoveries.complete(idHash, at);
      boolean lockoutCleared = user.lockedAt(at);
      int revoked = 0;
      var changed = user.withLockout(0, List.of(), 0, null);
      if (choice == Choice.SET_PASSWORD) {
        changed = changed.withPassword(at, false);
        unit.credentials().setPasswordHash(user.id(), hash);
        revoked = unit.sessions().revokeAll(user.id(), at);
      }
      unit.users().update(changed, at);
      var details = new TreeMap<String, String>();
      details.put("method", recovery.method().name());
      details.put("choice", choice.name());
      details.put("recovery", reference(idHash));
      details.put("lockoutCleared", Boolean.toString(lockoutCleared));
      if (choice == Choice.SET_PASSWORD) {
        details.put("revokedSessionCount", Integer.toString(revoked));
      }
      unit.audit().append(AuditRecord.of(user.name().value(), address, Action.COMPLETE_RECOVERY, user.name().value(),
          "", AuditRecord.Outcome.SUCCESS, details));
      return new Result(new Completed(user.name().value(), choice, at, lockoutCleared, revoked), null);
    });
    if (result.completed() == null) {
      if (result.refusal().equals("COMPLETED")) {
        port.write(unit -> unit.audit().append(AuditRecord.of(recovery.askedName(), address, Action.COMPLETE_RECOVERY,
            recovery.askedName(), "", AuditRecord.Outcome.FAILURE,
            Map.of("reason", Reason.RECOVERY_EXPIRED.name(), "cause", "COMPLETED", "recovery", reference(idHash)))));
        throw DirectoryException.of(Reason.RECOVERY_EXPIRED);
      }
      // A replayed authenticator code, or a user blocked since the begin: as wrong as any code.
      throw wrongCode(recovery, address, peer, result.refusal());
    }
    return result.completed();
  }

  /** The authenticator and time step a right code matched (methodId null for an emailed code). */
  private record Check(String methodId, long timeStep) {}

  /** The match of {@code code}, or null when it is wrong or the recovery can never complete. */
  private Check verify(UnitOfWork unit, Recovery recovery, String code, Instant now) {
    boolean possible = recovery.userId() != null;
    switch (recovery.method()) {
      case ALTERNATE_EMAIL -> {
        boolean right = code.matches("[0-9]{" + policy.codeDigits() + "}") && MessageDigest.isEqual(
            codeHash(recovery.idHash(), code).getBytes(StandardCharsets.US_ASCII),
            recovery.codeHash().getBytes(StandardCharsets.US_ASCII));
        return possible && right ? new Check(null, 0) : null;
      }
      case AUTHENTICATOR_APP -> {
        var keys = new java.util.LinkedHashMap<String, byte[]>();
        if (possible) {
          var methods = unit.methods();
          for (var method : methods.list(recovery.userId())) {
            if (method.kind() == MethodKind.AUTHENTICATOR_APP && method.registered()) {
              methods.secret(recovery.userId(), method.id()).ifPresent(s -> keys.put(method.id(), box.open(s)));
            }
          }
        }
        if (keys.isEmpty()) {
          keys.put(null, decoyKey);
        }
        Check matched = null;
        for (var entry : keys.entrySet()) {
          var step = Totp.match(entry.getValue(), code, now);
          if (step.isPresent() && entry.getKey() != null) {
            matched = new Check(entry.getKey(), step.getAsLong());
          }
        }
        return matched;
      }
      case APP_PASSWORD -> {
        return null;
      }
    }
    return null;
  }

  /** Uses an attempt of {@code recovery}, counts it, audits it, and returns the error to answer with. */
  private DirectoryException wrongCode(Recovery recovery, String address, String peer, String cause) {
    int left = port.write(unit -> {
      var now = clock.instant();
      var recoveries = unit.recoveries();
      recoveries.useAttempt(recovery.idHash());
      count(recoveries, UserName.parse("user", recovery.askedName()).key(), address, peer, now);
      int remaining = recoveries.find(recovery.idHash()).map(Recovery::attemptsLeft).orElse(0);
      var details = new TreeMap<String, String>(Map.of("reason", Reason.RECOVERY_CODE_INVALID.name(),
          "method", recovery.method().name(), "attemptsLeft", Integer.toString(remaining),
          "recovery", reference(recovery.idHash())));
      if (!cause.equals(Reason.RECOVERY_CODE_INVALID.name()) || recovery.refusal() != null) {
        details.put("cause", recovery.refusal() != null ? recovery.refusal() : cause);
      }
      unit.audit().append(AuditRecord.of(recovery.askedName(), address, Action.COMPLETE_RECOVERY,
          recovery.askedName(), "", AuditRecord.Outcome.FAILURE, details));
      return remaining;
    });
    return DirectoryException.of(Reason.RECOVERY_CODE_INVALID, "attemptsLeft", Integer.toString(left));
  }

  /** Refuses, and audits, an attempt past a rate limit, before anything else is looked at. */
  private void throttle(Action action, String shownName, String userKey, String address, String peer) {
    var refusal = port.read(unit -> {
      var recoveries = unit.recoveries();
      var now = clock.instant();
      var from = now.minus(policy.window());
      if (userKey != null) {
        var counted = recoveries.attempts("USER", userKey, from);
        if (counted.count() >= policy.perUser()) {
          return refused("USER", counted.oldest(), now);
        }
      }
      var own = recoveries.attempts("ADDRESS", address, from);
      if (own.count() >= policy.perAddress()) {
        return refused("ADDRESS", own.oldest(), now);
      }
      var all = recoveries.attempts("PEER", peer, from);
      if (all.count() >= policy.perPeer()) {
        return refused("ADDRESS", all.oldest(), now);
      }
      return null;
    });
    if (refusal != null) {
      port.write(unit -> unit.audit().append(AuditRecord.of(shownName.isEmpty() ? "-" : shownName, address, action,
          shownName, "", AuditRecord.Outcome.FAILURE, Map.of("reason", refusal.reason().name(),
              "throttleScope", refusal.metadata().get("throttleScope")))));
      throw refusal;
    }
  }

  private void count(UnitOfWork.Recoveries recoveries, String userKey, String address, String peer, Instant now) {
    recoveries.pruneAttempts(now.minus(policy.window()));
    if (userKey != null) {
      recoveries.countAttempt("USER", userKey, now);
    }
    recoveries.countAttempt("ADDRESS", address, now);
    recoveries.countAttempt("PEER", peer, now);
  }

  private DirectoryException refused(String scope, Instant oldest, Instant now) {
    var wait = Duration.between(now, oldest.plus(policy.window()));
    if (wait.compareTo(Duration.ofSeconds(1)) < 0) {
      wait = Duration.ofSeconds(1);
    }
    return DirectoryException.retryable(Reason.SELF_SERVICE_THROTTLED, wait, Map.of(
        "throttleScope", scope, "retryAfterSeconds", Long.toString((wait.toMillis() + 999) / 1000)));
  }

  /** A code of {@code codeDigits} digits from SecureRandom, leading zeros kept. */
  private String emailCode() {
    var digits = new StringBuilder();
    for (int i = 0; i < policy.codeDigits(); i++) {
      digits.append(secrets.random().nextInt(10));
    }
    return digits.toString();
  }

  /** A code's keyed hash, bound to its recovery: a stolen table row is worth nothing without the key. */
  private String codeHash(String idHash, String code) {
    try {
      var mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(codeKey, "HmacSHA256"));
      mac.update(idHash.getBytes(StandardCharsets.US_ASCII));
      mac.update((byte) 0);
      return HexFormat.of().formatHex(mac.doFinal(code.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is in every JVM", e);
    }
  }

  /** A short reference to a recovery for the audit: a prefix of its id's hash, never the id. */
  private static String reference(String idHash) {
    return idHash.substring(0, 12);
  }

  /** Stops the mail thread after the mails already handed to it. */
  public void close() {
    mailer.shutdown();
  }
}
