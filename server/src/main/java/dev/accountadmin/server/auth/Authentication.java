package dev.accountadmin.server.auth;

import dev.accountadmin.domain.AuditRecord;
import dev.accountadmin.domain.Action;
import dev.accountadmin.domain.Caller;
import dev.accountadmin.domain.ClientApp;
import dev.accountadmin.failure.DirectoryException;
import dev.accountadmin.failure.FieldViolation;
import dev.accountadmin.failure.Reason;
import dev.accountadmin.domain.User;
import dev.accountadmin.domain.UserName;
import dev.accountadmin.domain.DirectoryPort;
import dev.accountadmin.domain.Session;
import dev.accountadmin.domain.UnitOfWork;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sign-in with smart lockout, sessions with rotating refresh tokens, and the live-state check
 * behind every token: a revoked session, a blocked user, a reset password or a disabled protocol
 * takes effect on the next call.
 *
 * <p>Design note — lockout: a wrong password increments {@code failed_attempts} unless it is one
 * of the last few wrong passwords (a phone retrying a stale password must not lock the user).
 * Reaching the threshold locks the account for {@link AuthPolicy#lockoutLength}, which doubles
 * with each lockout in a row and resets on success. The password is checked outside the write
 * transaction (Argon2id takes tens of milliseconds) and the outcome is then applied to a fresh
 * read of the user under its version check, so concurrent attempts on any replica all count.
 *
 * <p>Before any of that, {@link SignInThrottle} refuses an attempt from a client address with too
 * many failed ones (password spraying); every unknown user and wrong password counts there.
 *
 * <p>Design note — the second factor: a user with a registered authenticator app signs in with
 * the password and, in the same call, the app's current code. The code is asked for only once
 * the password is known to be right (a wrong password still says nothing more than
 * INVALID_CREDENTIALS); a wrong code counts toward the lockout like a wrong password; the code's
 * time step is spent in the sign-in's own transaction with a conditional update, so a code signs
 * in once across every replica. While a re-registration is required the old authenticator is not
 * asked for (it may be the attacker's): the session opened is for registering a new one only (see
 * {@link #authenticateForRegistration}). Mail apps that cannot ask for a code (POP3, IMAP, SMTP
 * AUTH) take an app password instead, and from a user with an authenticator nothing else.
 */
public final class Authentication {
  private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(Authentication.class.getName());

  /** What a sign-in or refresh hands back. Never logged. */
  public record Tokens(String accessToken, Instant accessExpiresAt, String refreshToken, String sessionId) {}

  /** A sign-in's tokens, and whether the session may only register an authenticator for now. */
  /** A session opened; {@code adminRoles} are the roles its admin-API token carries (none through any other app). */
  public record SignedIn(Tokens tokens, boolean registrationRequired, java.util.Set<dev.accountadmin.domain.Role> adminRoles) {}

  /** Mail apps that cannot ask for a verification code: with MFA they take an app password only. */
  private static final java.util.Set<ClientApp> LEGACY = java.util.EnumSet.of(ClientApp.POP3, ClientApp.IMAP, ClientApp.SMTP_AUTH);

  /** Why a token is not active; names match {@code accountadmin.v1.InactiveReason}. */
  public enum Inactive { INVALID, EXPIRED, SESSION_REVOKED, SIGN_IN_BLOCKED, PASSWORD_CHANGED, PROTOCOL_DISABLED, USER_DELETED }

  /**
   * The answer of an introspection; {@code inactive} is null when the token is active, and
   * {@code registrationRequired} true when its user must register an authenticator before anything else.
   */
  public record Introspection(Inactive inactive, User user, AccessTokens.Claims claims, boolean registrationRequired) {
    public boolean active() {
      return inactive == null;
    }
  }

  private final DirectoryPort port;
  private final PasswordHasher hasher;
  private final Secrets secrets;
  private final AccessTokens tokens;
  private final AuthPolicy policy;
  private final Clock clock;
  private final byte[] fingerprintKey;
  private final SignInThrottle throttle;
  private final SecretBox box;
  // Verified against when the user does not exist, so that both answers take as long. Made in
  // the background once the server is ready (warmUp): a cold Argon2id run, and Bouncy Castle's
  // signed jar verified on its first class, would otherwise compete with the start for the cores.
  private final java.util.concurrent.CompletableFuture<String> decoyHash = new java.util.concurrent.CompletableFuture<>();
  private final java.util.concurrent.atomic.AtomicBoolean decoyStarted = new java.util.concurrent.atomic.AtomicBoolean();

  public Authentication(DirectoryPort port, PasswordHasher hasher, Secrets secrets, AccessTokens tokens, AuthPolicy policy, Clock clock,
      byte[] fingerprintKey, SignInThrottle throttle, SecretBox box) {
    this.port = port;
    this.hasher = hasher;
    this.secrets = secrets;
    this.tokens = tokens;
    this.policy = policy;
    this.clock = clock;
    this.fingerprintKey = fingerprintKey.clone();
    this.throttle = throttle;
    this.box = box;
  }

  /**
   * Makes, in the background, what the first sign-ins would otherwise wait for: the decoy hash,
   * and with it Bouncy Castle's Argon2id loaded and warm. The server calls it after its ready line.
   */
  public void warmUp() {
    if (decoyStarted.compareAndSet(false, true)) {
      java.util.concurrent.CompletableFuture.runAsync(() -> {
        try {
          decoyHash.complete(hasher.hash(secrets.token(), secrets.random()));
        } catch (RuntimeException | Error e) {
          decoyHash.completeExceptionally(e);
        }
      });
    }
  }

  private String decoyHash() {
    warmUp();
    return decoyHash.join();
  }

  public AuthPolicy policy() {
    return policy;
  }

  /** Signs in through {@code app} with no verification code. */
  public SignedIn signIn(String upn, String password, ClientApp app, String clientAddress) {
    return signIn(upn, password, "", app, clientAddress);
  }

  /** Signs in through {@code app}; see the class notes for the order of checks. */
  public SignedIn signIn(String upn, String password, String code, ClientApp app, String clientAddress) {
    var name = UserName.parse("user_principal_name", upn);
    if (password == null || password.isEmpty()) {
      throw DirectoryException.invalid(FieldViolation.required("password"));
    }
    throttle(name, clientAddress, Action.SIGN_IN);
    var found = port.read(unit -> {
      var user = unit.users().find(name);
      return user.isEmpty() || user.get().deleted()
          ? Optional.<Found>empty()
          : Optional.of(new Found(user.get(), unit.credentials().passwordHash(user.get().id()).orElse(null),
              Factors.read(unit, user.get().id())));
    });
    if (found.isEmpty()) {
      hasher.verify(password, decoyHash());
      throttle.failed(clientAddress);
      appendAlone(AuditRecord.of(name.value(), clientAddress, Action.SIGN_IN, name.value(), "",
          AuditRecord.Outcome.FAILURE, Map.of("reason", Reason.INVALID_CREDENTIALS.name())));
      throw DirectoryException.of(Reason.INVALID_CREDENTIALS);
    }
    var user = found.get().user();
    var now = clock.instant();
    if (user.lockedAt(now)) {
      throw locked(user, now, clientAddress, false);
    }
    var factors = found.get().factors();
    boolean legacy = LEGACY.contains(app);
    // An app password signs in a mail app that cannot ask for a code, and nothing else.
    String appPassword = legacy ? factors.appPasswordMatching(password, hasher) : null;
    if (appPassword == null) {
      // A credential nobody knows (offboarding) has no hash: nothing matches it.
      boolean correct = found.get().hash() != null && hasher.verify(password, found.get().hash());
      if (!correct) {
        throttle.failed(clientAddress);
        throw recordFailure(name, password, clientAddress, Reason.INVALID_CREDENTIALS);
      }
      if (legacy && factors.hasAuthenticator()) {
        appendAlone(AuditRecord.of(name.value(), clientAddress, Action.SIGN_IN, name.value(), "",
            AuditRecord.Outcome.FAILURE, Map.of("reason", Reason.APP_PASSWORD_REQUIRED.name(), "clientApp", app.name())));
        throw DirectoryException.of(Reason.APP_PASSWORD_REQUIRED, "user", user.name().value(), "clientApp", app.name());
      }
    }
    // The authenticator whose code signs in, and that code's time step; null without a second factor.
    String authenticator = null;
    long timeStep = 0;
    if (appPassword == null && factors.hasAuthenticator() && !factors.reregistrationRequired()) {
      if (code == null || code.isEmpty()) {
        appendAlone(AuditRecord.of(name.value(), clientAddress, Action.SIGN_IN, name.value(), "",
            AuditRecord.Outcome.FAILURE, Map.of("reason", Reason.MFA_CODE_REQUIRED.name(), "clientApp", app.name())));
        throw DirectoryException.of(Reason.MFA_CODE_REQUIRED, "user", user.name().value());
      }
      for (var candidate : factors.authenticators().entrySet()) {
        var step = Totp.match(box.open(candidate.getValue()), code, now);
        if (step.isPresent()) {
          authenticator = candidate.getKey();
          timeStep = step.getAsLong();
          break;
        }
      }
      if (authenticator == null) {
        throttle.failed(clientAddress);
        // Marked apart from passwords, so that a code can never look like a repeat of a password.
        throw recordFailure(name, "\u0000code\u0000" + code, clientAddress, Reason.MFA_CODE_INVALID);
      }
    }
    throttle.succeeded(clientAddress);
    final String spentAuthenticator = authenticator;
    final long spentStep = timeStep;
    final String usedAppPassword = appPassword;
    // Refusals are decided inside the transaction but audited after it, in one of their own:
    // the sign-in transaction rolls back, and SQLite has one writer at a time.
    var attempt = port.write(unit -> {
      var current = unit.users().find(name).orElseThrow(() -> DirectoryException.of(Reason.INVALID_CREDENTIALS));
      var at = clock.instant();
      if (current.lockedAt(at)) {
        return Attempt.refused(locked(current, at, clientAddress, true));
      }
      if (current.signInBlocked()) {
        return Attempt.refused(DirectoryException.of(Reason.SIGN_IN_BLOCKED, "user", current.name().value()));
      }
      // A shared mailbox has no sign-in of its own: its delegates open it with theirs.
      if (unit.mailboxes().get(current.id()).shared()) {
        return Attempt.refused(DirectoryException.of(Reason.MAILBOX_SHARED, "user", current.name().value()));
      }
      var protocol = app.protocol();
      if (protocol.isPresent() && !current.enabledProtocols().contains(protocol.get())) {
        return Attempt.refused(DirectoryException.of(Reason.PROTOCOL_DISABLED,
            "user", current.name().value(), "clientApp", app.name()));
      }
      if (current.passwordChangeRequired()) {
        return Attempt.refused(DirectoryException.of(Reason.PASSWORD_CHANGE_REQUIRED, "user", current.name().value()));
      }
      if (spentAuthenticator != null && !unit.methods().spendTimeStep(spentAuthenticator, spentStep, at)) {
        return Attempt.refused(DirectoryException.of(Reason.MFA_CODE_ALREADY_USED, "user", current.name().value()));
      }
      if (usedAppPassword != null) {
        unit.methods().used(usedAppPassword, at);
      }
      boolean registrationRequired = unit.methods().reregistrationRequiredSince(current.id()).isPresent();
      if (current.lockedUntil() != null) {
        // The lockout ran out by itself; record that once, now that someone noticed.
        unit.audit().append(AuditRecord.of(name.value(), clientAddress, Action.SIGN_IN, name.value(), "",
            AuditRecord.Outcome.SUCCESS, Map.of("lockoutExpiredTime", current.lockedUntil().toString())));
      }
      if (current.failedAttempts() > 0 || current.lockoutCount() > 0 || current.lockedUntil() != null) {
        unit.users().update(current.withLockout(0, List.of(), 0, null), at);
      }
      var details = new java.util.TreeMap<String, String>(Map.of("clientApp", app.name()));
      if (spentAuthenticator != null) {
        details.put("secondFactor", dev.accountadmin.domain.MethodKind.AUTHENTICATOR_APP.name());
      } else if (usedAppPassword != null) {
        details.put("credential", dev.accountadmin.domain.MethodKind.APP_PASSWORD.name());
      }
      if (registrationRequired) {
        details.put("registrationRequired", "true");
      }
      unit.audit().append(AuditRecord.of(name.value(), clientAddress, Action.SIGN_IN, name.value(), "",
          AuditRecord.Outcome.SUCCESS, details));
      return new Attempt(new SignedIn(openSession(unit, current, app, at), registrationRequired,
          app == ClientApp.ADMIN_API ? current.roles() : java.util.Set.of()), null);
    });
    if (attempt.refusal() != null) {
      appendAlone(AuditRecord.of(name.value(), clientAddress, Action.SIGN_IN, name.value(), "",
          AuditRecord.Outcome.FAILURE, Map.of("reason", attempt.refusal().reason().name(), "clientApp", app.name())));
      throw attempt.refusal();
    }
    return attempt.tokens();
  }

  /**
   * Refuses, and audits, an attempt from a throttled address: first of all, before the user is
   * looked up, so that the answer is the same whether the user exists or not.
   */
  private void throttle(UserName name, String clientAddress, Action action) {
    var refusal = throttle.refusal(clientAddress);
    if (refusal != null) {
      appendAlone(AuditRecord.of(name.value(), clientAddress, action, name.value(), "", AuditRecord.Outcome.FAILURE,
          Map.of("reason", refusal.reason().name(), "throttleScope", refusal.metadata().get("throttleScope"))));
      throw refusal;
    }
  }

  private record Attempt(SignedIn tokens, DirectoryException refusal) {
    static Attempt refused(DirectoryException refusal) {
      return new Attempt(null, refusal);
    }
  }

  private record Found(User user, String hash, Factors factors) {}

  /**
   * What a user signs in with besides the password: authenticators (id to sealed key), app
   * passwords (id to hash), and whether a re-registration is required.
   */
  private record Factors(Map<String, String> authenticators, Map<String, String> appPasswords,
      boolean reregistrationRequired) {
    static Factors read(UnitOfWork unit, String userId) {
      var methods = unit.methods();
      var authenticators = new java.util.LinkedHashMap<String, String>();
      var appPasswords = new java.util.LinkedHashMap<String, String>();
      for (var method : methods.list(userId)) {
        if (!method.registered()) {
          continue;
        }
        switch (method.kind()) {
          case AUTHENTICATOR_APP -> methods.secret(userId, method.id()).ifPresent(s -> authenticators.put(method.id(), s));
          case APP_PASSWORD -> methods.secret(userId, method.id()).ifPresent(s -> appPasswords.put(method.id(), s));
          case ALTERNATE_EMAIL -> { }
        }
      }
      return new Factors(authenticators, appPasswords, methods.reregistrationRequiredSince(userId).isPresent());
    }

    boolean hasAuthenticator() {
      return !authenticators.isEmpty();
    }

    /** The id of the app password {@code password} is, or null. */
    String appPasswordMatching(String password, PasswordHasher hasher) {
      for (var entry : appPasswords.entrySet()) {
        if (hasher.verify(password, entry.getValue())) {
          return entry.getKey();
        }
      }
      return null;
    }
  }

  private Tokens openSession(UnitOfWork unit, User user, ClientApp app, Instant now) {
    var refresh = secrets.token();
    var sessionId = UUID.randomUUID().toString();
    var accessExpires = now.plus(policy.accessTokenLifetime());
    unit.sessions().insert(new Session(sessionId, user.id(), app, now, Secrets.sha256(refresh), accessExpires, now.plus(policy.refreshTokenLifetime()), null));
    var access = tokens.issue(new AccessTokens.Claims(user.id(), sessionId, app,
        user.passwordChangedAt().toEpochMilli(), now, accessExpires));
    return new Tokens(access, accessExpires, refresh, sessionId);
  }

  private DirectoryException locked(User user, Instant now, String clientAddress, boolean inTransaction) {
    var left = Duration.between(now, user.lockedUntil());
    var record = AuditRecord.of(user.name().value(), clientAddress, Action.SIGN_IN, user.name().value(), "",
        AuditRecord.Outcome.FAILURE, Map.of("reason", Reason.ACCOUNT_LOCKED.name()));
    if (!inTransaction) {
      appendAlone(record);
    }
    return DirectoryException.retryable(Reason.ACCOUNT_LOCKED, left, Map.of(
        "user", user.name().value(),
        "lockedUntilTime", user.lockedUntil().toString(),
        "retryAfterSeconds", Long.toString(Math.max(1, (left.toMillis() + 999) / 1000))));
  }

  /**
   * Counts a wrong password against the user as it is now, and returns the error to answer with.
   * The user is re-read under its row lock: an attempt that another one (on any replica) locked out
   * while this password was being checked is refused as locked and not counted, just as if it had
   * arrived after that lockout.
   */
  private DirectoryException recordFailure(UserName name, String password, String clientAddress, Reason refusal) {
    var fingerprint = fingerprint(name, password);
    return port.write(unit -> {
      var found = unit.users().find(name);
      var now = clock.instant();
      if (found.isEmpty()) {
        return DirectoryException.of(Reason.INVALID_CREDENTIALS);
      }
      var user = found.get();
      if (user.lockedAt(now)) {
        var lockedOut = locked(user, now, clientAddress, true);
        unit.audit().append(AuditRecord.of(name.value(), clientAddress, Action.SIGN_IN, name.value(), "",
            AuditRecord.Outcome.FAILURE, Map.of("reason", Reason.ACCOUNT_LOCKED.name())));
        return lockedOut;
      }
      var details = new java.util.TreeMap<String, String>();
      details.put("reason", refusal.name());
      if (user.lockedUntil() != null && !user.lockedAt(now)) {
        // The previous lockout ran out; say so once, the first time anyone notices.
        details.put("lockoutExpiredTime", user.lockedUntil().toString());
        // Counting starts again from zero; the count of lockouts in a row stays, so the next doubles.
        user = unit.users().update(user.withLockout(0, List.of(), user.lockoutCount(), null), now);
      }
      if (user.recentFailures().contains(fingerprint)) {
        details.put("repeatedPassword", "true");
      } else {
        var recent = new ArrayList<>(user.recentFailures());
        recent.add(fingerprint);
        while (recent.size() > policy.recentFailuresRemembered()) {
          recent.remove(0);
        }
        int failed = user.failedAttempts() + 1;
        if (failed >= policy.lockoutThreshold()) {
          int count = user.lockoutCount() + 1;
          var until = now.plus(policy.lockoutLength(count));
          // The failures stay on record while the lock lasts (an unlock reports them).
          unit.users().update(user.withLockout(failed, List.of(), count, until), now);
          LOG.info(() -> "account locked out: " + name + " until " + until + " (lockout " + count + ")");
          details.put("lockedUntilTime", until.toString());
          details.put("lockoutCount", Integer.toString(count));
        } else {
          unit.users().update(user.withLockout(failed, recent, user.lockoutCount(), user.lockedUntil()), now);
        }
        details.put("failedAttempts", Integer.toString(failed));
      }
      unit.audit().append(AuditRecord.of(name.value(), clientAddress, Action.SIGN_IN, name.value(), "",
          AuditRecord.Outcome.FAILURE, details));
      return refusal == Reason.INVALID_CREDENTIALS
          ? DirectoryException.of(refusal)
          : DirectoryException.of(refusal, "user", user.name().value());
    });
  }

  /** A keyed fingerprint of a wrong password: recognises a repeat, useless to anyone without the key. */
  private String fingerprint(UserName name, String password) {
    try {
      var mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(fingerprintKey, "HmacSHA256"));
      mac.update(name.key().getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      return HexFormat.of().formatHex(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)), 0, 16);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is in every JVM", e);
    }
  }

  /** Checks an access token against live state. */
  public Introspection introspect(String token) {
    var claims = tokens.verify(token == null ? "" : token);
    if (claims.isEmpty()) {
      return new Introspection(Inactive.INVALID, null, null, false);
    }
    var c0 = claims.get();
    return port.read(unit -> {
      var user = unit.users().findById(c0.userId()).orElse(null);
      var session = unit.sessions().find(c0.sessionId()).orElse(null);
      boolean registration = user != null && unit.methods().reregistrationRequiredSince(user.id()).isPresent();
      return new Introspection(inactive(c0, user, session), user, c0, registration);
    });
  }

  private Inactive inactive(AccessTokens.Claims claims, User user, Session session) {
    var now = clock.instant();
    if (!now.isBefore(claims.expiresAt())) {
      return Inactive.EXPIRED;
    }
    if (user == null || user.deleted()) {
      return Inactive.USER_DELETED;
    }
    if (session == null || session.revoked()) {
      return Inactive.SESSION_REVOKED;
    }
    if (user.signInBlocked()) {
      return Inactive.SIGN_IN_BLOCKED;
    }
    if (user.passwordChangedAt().toEpochMilli() != claims.passwordVersion()) {
      return Inactive.PASSWORD_CHANGED;
    }
    var protocol = claims.clientApp().protocol();
    if (protocol.isPresent() && !user.enabledProtocols().contains(protocol.get())) {
      return Inactive.PROTOCOL_DISABLED;
    }
    return null;
  }

  /**
   * The caller behind a bearer token, or UNAUTHENTICATED with the precise reason; a session whose
   * user must register an authenticator first is refused with MFA_REGISTRATION_REQUIRED.
   */
  public Caller authenticate(String token, String clientAddress) {
    return authenticate(token, clientAddress, false);
  }

  /** As {@link #authenticate}, for the calls that register an authenticator (and sign out). */
  public Caller authenticateForRegistration(String token, String clientAddress) {
    return authenticate(token, clientAddress, true);
  }

  private Caller authenticate(String token, String clientAddress, boolean registering) {
    if (token == null || token.isEmpty()) {
      throw DirectoryException.of(Reason.UNAUTHENTICATED);
    }
    var result = introspect(token);
    if (!result.active()) {
      throw switch (result.inactive()) {
        case EXPIRED -> DirectoryException.of(Reason.TOKEN_EXPIRED, "expireTime", result.claims().expiresAt().toString());
        case SESSION_REVOKED, PASSWORD_CHANGED, USER_DELETED -> DirectoryException.of(Reason.SESSION_REVOKED);
        case SIGN_IN_BLOCKED -> DirectoryException.of(Reason.SIGN_IN_BLOCKED, "user", result.user().name().value());
        case PROTOCOL_DISABLED -> DirectoryException.of(Reason.PROTOCOL_DISABLED,
            "user", result.user().name().value(), "clientApp", result.claims().clientApp().name());
        case INVALID -> DirectoryException.of(Reason.UNAUTHENTICATED);
      };
    }
    var user = result.user();
    if (result.registrationRequired() && !registering) {
      throw DirectoryException.of(Reason.MFA_REGISTRATION_REQUIRED, "user", user.name().value());
    }
    return new Caller(user.id(), user.name(), user.roles(), result.claims().clientApp(),
        result.claims().sessionId(), clientAddress);
  }

  /** Exchanges a refresh token; a spent one revokes its session (it was stolen or replayed). */
  public Tokens refresh(String refreshToken, String clientAddress) {
    if (refreshToken == null || refreshToken.isEmpty()) {
      throw DirectoryException.invalid(FieldViolation.required("refresh_token"));
    }
    var hash = Secrets.sha256(refreshToken);
    // A reuse commits the session's revocation before it is refused.
    Optional<Tokens> refreshed = port.write(unit -> {
      var now = clock.instant();
      var current = unit.sessions().findByRefreshHash(hash);
      if (current.isEmpty()) {
        // A token already exchanged is a replay (or a theft): it revokes its session.
        var spent = unit.sessions().findBySpentRefreshHash(hash).orElseThrow(() -> DirectoryException.of(Reason.UNAUTHENTICATED));
        unit.sessions().revoke(spent.id(), now);
        var user = unit.users().findById(spent.userId()).orElseThrow();
        unit.audit().append(AuditRecord.of(user.name().value(), clientAddress, Action.SIGN_IN, user.name().value(), "",
            AuditRecord.Outcome.FAILURE, Map.of("reason", "REFRESH_TOKEN_REUSED", "session", spent.id())));
        return Optional.empty();
      }
      var session = current.get();
      if (session.revoked() || !now.isBefore(session.refreshExpiresAt())) {
        throw DirectoryException.of(Reason.SESSION_REVOKED);
      }
      var user = unit.users().findById(session.userId()).orElseThrow(() -> DirectoryException.of(Reason.SESSION_REVOKED));
      var claims = new AccessTokens.Claims(user.id(), session.id(), session.clientApp(),
          user.passwordChangedAt().toEpochMilli(), now, now.plus(policy.accessTokenLifetime()));
      var reason = inactive(claims, user, session);
      if (reason != null) {
        throw switch (reason) {
          case SIGN_IN_BLOCKED -> DirectoryException.of(Reason.SIGN_IN_BLOCKED, "user", user.name().value());
          case PROTOCOL_DISABLED -> DirectoryException.of(Reason.PROTOCOL_DISABLED,
              "user", user.name().value(), "clientApp", session.clientApp().name());
          default -> DirectoryException.of(Reason.SESSION_REVOKED);
        };
      }
      // A session opened before a password reset cannot be refreshed into new tokens.
      if (user.passwordChangedAt().isAfter(session.createdAt())) {
        throw DirectoryException.of(Reason.SESSION_REVOKED);
      }
      var newRefresh = secrets.token();
      if (!unit.sessions().rotate(session, Secrets.sha256(newRefresh), claims.expiresAt())) {
        throw DirectoryException.of(Reason.SESSION_REVOKED);
      }
      return Optional.of(new Tokens(tokens.issue(claims), claims.expiresAt(), newRefresh, session.id()));
    });
    return refreshed.orElseThrow(() -> DirectoryException.of(Reason.SESSION_REVOKED));
  }

  /** Ends the session behind {@code caller}'s token. */
  public void signOut(Caller caller) {
    port.write(unit -> {
      unit.sessions().revoke(caller.sessionId(), clock.instant());
      return null;
    });
  }

  /** Changes a password knowing the current one; the way out of "must change at next sign-in". */
  public void changePassword(String upn, String current, String next, String clientAddress) {
    var name = UserName.parse("user_principal_name", upn);
    if (current == null || current.isEmpty()) {
      throw DirectoryException.invalid(FieldViolation.required("current_password"));
    }
    throttle(name, clientAddress, Action.CHANGE_PASSWORD);
    var found = port.read(unit -> unit.users().find(name)
        .filter(u -> !u.deleted())
        .map(u -> new Found(u, unit.credentials().passwordHash(u.id()).orElse(null), null)));
    if (found.isEmpty()) {
      hasher.verify(current, decoyHash());
      throttle.failed(clientAddress);
      throw DirectoryException.of(Reason.INVALID_CREDENTIALS);
    }
    var user = found.get().user();
    var now = clock.instant();
    if (user.lockedAt(now)) {
      throw locked(user, now, clientAddress, false);
    }
    if (found.get().hash() == null || !hasher.verify(current, found.get().hash())) {
      throttle.failed(clientAddress);
      throw recordFailure(name, current, clientAddress, Reason.INVALID_CREDENTIALS);
    }
    throttle.succeeded(clientAddress);
    PasswordPolicy.check("new_password", next, name, policy);
    if (next.equals(current)) {
      throw DirectoryException.invalid(FieldViolation.of("new_password", "SAME_AS_CURRENT", ""));
    }
    var hash = hasher.hash(next, secrets.random());
    port.write(unit -> {
      var fresh = unit.users().find(name).orElseThrow(() -> DirectoryException.of(Reason.INVALID_CREDENTIALS));
      unit.users().update(fresh.withPassword(clock.instant(), false).withLockout(0, List.of(), 0, null), clock.instant());
      unit.credentials().setPasswordHash(fresh.id(), hash);
      unit.audit().append(AuditRecord.of(name.value(), clientAddress, Action.CHANGE_PASSWORD, name.value(), "",
          AuditRecord.Outcome.SUCCESS, Map.of()));
      return null;
    });
  }


  /** Appends a record in a unit of work of its own: a refusal, after the refused work rolled back. */
  private void appendAlone(AuditRecord record) {
    port.write(unit -> unit.audit().append(record));
  }
}
