package dev.accountadmin.connector.keycloak;

import dev.accountadmin.connector.Connector;
import dev.accountadmin.connector.ConnectorState;
import dev.accountadmin.connector.DirectoriesFile;
import dev.accountadmin.domain.ClientApp;
import dev.accountadmin.domain.Role;
import dev.accountadmin.domain.Session;
import dev.accountadmin.domain.StepKind;
import dev.accountadmin.domain.User;
import dev.accountadmin.domain.UserName;
import dev.accountadmin.domain.UserQuery;
import dev.accountadmin.failure.DirectoryException;
import dev.accountadmin.failure.Reason;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One Keycloak realm, through {@link KeycloakAdminClient}. Lockout is brute-force detection, a
 * sign-in block the {@code enabled} flag, a reset a temporary password ({@code UPDATE_PASSWORD}),
 * sessions the online and offline sessions (logout, consents and offline tokens revoked), admin
 * roles the direct mappings {@link AdminRoles#defaults()} counts (the realm's {@code admin}, every
 * role of {@code realm-management}), all of them our global admin. What offboarding removed is kept
 * in the user's attributes by the client, so the {@link ConnectorState} stays empty. Mail, devices,
 * our groups and licences, sign-in methods and files have no counterpart here.
 */
public final class Keycloak implements Connector {
  public static final String TYPE = "keycloak";
  private static final int LIST_LIMIT = 10_000;
  // Keycloak tells whether a user is locked, not until when (that needs view-realm): far ahead.
  private static final Duration LOCKED_FOR_OUR_PURPOSES = Duration.ofDays(36_500);
  private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "::1", "[::1]");

  private final String name;
  private final KeycloakAdminClient client;
  private final Duration accessTokenLifespan;
  private final Clock clock;

  /**
   * @param accessTokenLifespan the realm's access token lifespan: an access token issued before a
   *     logout stays valid that long for resource servers that check it offline
   */
  public Keycloak(String name, KeycloakAdminClient client, Duration accessTokenLifespan, Clock clock) {
    this.name = name;
    this.client = client;
    this.accessTokenLifespan = accessTokenLifespan;
    this.clock = clock;
  }

  /** The connector a directories file's entry describes; the client secret from the environment or a file. */
  public static Keycloak open(String name, DirectoriesFile.Settings s, Clock clock) {
    var url = URI.create(s.text("url"));
    if (!"https".equals(url.getScheme()) && !("http".equals(url.getScheme()) && LOOPBACK.contains(url.getHost()))) {
      throw new IllegalArgumentException("directory " + name + " has the url " + url
          + ", which is not encrypted: use https:// (plain http only to this machine)");
    }
    var secret = s.secret("client_secret").toCharArray();
    var settings = new KeycloakSettings(name, url, s.text("realm"), s.text("client_id"), secret,
        Duration.ofMillis(s.number("request_timeout_ms", 10_000)));
    java.util.Arrays.fill(secret, '\0');
    return new Keycloak(name, KeycloakAdminClient.create(settings),
        Duration.ofSeconds(s.number("access_token_lifespan_seconds", 300)), clock);
  }

  @Override
  public boolean supports(StepKind kind) {
    return switch (kind) {
      // Reviewing the admin roles reads the admin role mappings, which Keycloak has.
      case CLEAR_LOCKOUT, RESET_PASSWORD, ALLOW_SIGN_IN, BLOCK_SIGN_IN, REMOVE_ADMIN_ROLES, ASSIGN_ADMIN_ROLES,
          REVIEW_ADMIN_ROLES -> true;
      // Keycloak ends online and offline sessions and refuses their refresh tokens from then on.
      case REVOKE_SESSIONS -> true;
      case LIFT_SENDING_RESTRICTION, RESTRICT_SENDING, SET_MAIL_PROTOCOLS, WIPE_DEVICES, BLOCK_DEVICES, UNBLOCK_DEVICES,
          CANCEL_DEVICE_WIPES, REMOVE_GROUP_MEMBERSHIPS, REMOVE_LICENCES, RESTORE_GROUP_MEMBERSHIPS, RESTORE_LICENCES -> false;
      // Authenticator apps, app passwords and re-registration are AccountAdmin's sign-in, which a
      // Keycloak user does not go through.
      case REMOVE_AUTH_METHODS, REQUIRE_REREGISTRATION, LIFT_REREGISTRATION, RESTORE_AUTH_METHODS -> false;
      // Deleting and keeping files are the built-in directory's; a Keycloak leaver stays, disabled.
      case DELETE_USER, UNDELETE_USER, GRANT_FILES_ACCESS, REVOKE_FILES_ACCESS -> false;
      // Keycloak has no mailbox.
      case PLACE_LITIGATION_HOLD, REMOVE_LITIGATION_HOLD, REMOVE_FLAGGED_INBOX_RULES, REPORT_DELETED_INBOX_RULES,
          CONVERT_TO_SHARED, CONVERT_TO_USER_MAILBOX, SET_FORWARDING, RESTORE_FORWARDING, REMOVE_FORWARDING,
          SET_AUTO_REPLIES, RESTORE_AUTO_REPLIES, HIDE_FROM_ADDRESS_LIST, SHOW_IN_ADDRESS_LIST -> false;
    };
  }

  @Override
  public Optional<User> find(UserName user) {
    return state(user.value()).map(this::user);
  }

  @Override
  public Optional<User> findById(String id) {
    return kc(() -> client.userById(id)).flatMap(u -> state(u.username())).map(this::user);
  }

  @Override
  public List<User> list(UserQuery query, String afterKey, int limit) {
    // Keycloak searches one word; the others narrow what it found.
    var first = query.words().isEmpty() ? "" : query.words().get(0);
    var after = afterKey == null ? "" : afterKey;
    return kc(() -> client.users(first, LIST_LIMIT)).stream()
        .filter(u -> nameOf(u) != null)
        .filter(u -> query.words().stream().allMatch(w -> matches(u, w)))
        .filter(u -> nameOf(u).key().compareTo(after) > 0)
        .sorted(Comparator.comparing(u -> nameOf(u).key()))
        .limit(limit)
        .map(u -> state(u.username()))
        .flatMap(Optional::stream)
        .map(this::user)
        .toList();
  }

  private static boolean matches(KeycloakUser u, String word) {
    var w = word.toLowerCase(Locale.ROOT);
    return u.username().toLowerCase(Locale.ROOT).contains(w) || u.email().toLowerCase(Locale.ROOT).contains(w);
  }

  /**
   * Always a temporary password: a password someone other than the user chose is one the user
   * replaces at the next sign-in (Keycloak's admin API cannot set one and leave it at that).
   */
  @Override
  public void setPassword(User user, String password) {
    var chars = password.toCharArray();
    try {
      kc(() -> client.resetPassword(username(user.id()), chars, true));
    } finally {
      java.util.Arrays.fill(chars, '\0');
    }
  }

  @Override
  public void update(User before, User after, ConnectorState state) {
    var username = username(after.id());
    if ((before.lockedUntil() != null || before.failedAttempts() > 0) && after.lockedUntil() == null
        && after.failedAttempts() == 0) {
      kc(() -> client.clearLockout(username));
    }
    if (before.signInBlocked() != after.signInBlocked()) {
      kc(() -> client.setEnabled(username, !after.signInBlocked()));
    }
    // Stamped before the roles go, so that the user's attributes say why they went.
    var kept = kc(() -> client.readRestoreState(username));
    if (after.offboardedAt() != null && kept.offboardedAt().isEmpty()) {
      kc(() -> client.writeRestoreState(username, new RestoreState(Optional.of(after.offboardedAt()),
          kept.removedRoles())));
    }
    boolean removed = before.roles().contains(Role.GLOBAL_ADMIN) && !after.roles().contains(Role.GLOBAL_ADMIN);
    boolean added = !before.roles().contains(Role.GLOBAL_ADMIN) && after.roles().contains(Role.GLOBAL_ADMIN);
    if (removed) {
      kc(() -> client.removeAdminRoles(username, AdminRoles.defaults()));
    } else if (added) {
      var restored = kc(() -> client.restoreRoles(username));
      if (restored.restored().isEmpty() && restored.alreadyPresent().isEmpty()) {
        // Nothing recorded to put back: which role would make someone an admin is the realm's call.
        throw DirectoryException.of(Reason.DIRECTORY_REFUSED, "directory", name, "problem", "NO_ROLE_RECORDED");
      }
    }
    if (after.offboardedAt() == null && before.offboardedAt() != null) {
      var now = kc(() -> client.readRestoreState(username));
      kc(() -> client.writeRestoreState(username, new RestoreState(Optional.empty(), now.removedRoles())));
    }
  }

  /** One entry per online or offline session: Keycloak's admin API lists them, we only count. */
  @Override
  public List<Session> sessions(User user, Instant now) {
    var found = state(username(user.id())).orElseThrow(() -> notFound(user.name().value()));
    int count = found.sessions() + found.offlineSessions();
    var sessions = new ArrayList<Session>();
    for (int i = 0; i < count; i++) {
      sessions.add(new Session(user.id() + "/" + i, user.id(), ClientApp.BROWSER, now, null,
          now.plus(accessTokenLifespan), now.plus(accessTokenLifespan), null));
    }
    return sessions;
  }

  @Override
  public int revokeSessions(User user, Instant now) {
    var ended = kc(() -> client.logoutEverywhere(username(user.id())));
    return ended.sessionsFound() + ended.offlineSessionsFound();
  }

  private Optional<KeycloakUserState> state(String usernameOrEmail) {
    try {
      return Optional.of(kc(() -> client.read(usernameOrEmail)));
    } catch (DirectoryException e) {
      if (e.reason() == Reason.USER_NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private String username(String id) {
    return kc(() -> client.userById(id)).map(KeycloakUser::username).orElseThrow(() -> notFound(id));
  }

  private User user(KeycloakUserState s) {
    var u = s.user();
    var name = nameOf(u);
    if (name == null) {
      throw DirectoryException.of(Reason.DIRECTORY_REFUSED, "directory", this.name, "problem", "USER_WITHOUT_UPN");
    }
    boolean admin = s.roleMappings().stream().anyMatch(AdminRoles.defaults()::matches);
    var bruteForce = s.bruteForce();
    Instant lockedUntil = bruteForce.locked()
        ? bruteForce.lastFailure().orElse(clock.instant()).plus(LOCKED_FOR_OUR_PURPOSES) : null;
    var created = u.createdAt() == null ? Instant.EPOCH : u.createdAt();
    boolean changeRequired = u.requiredActions().contains("UPDATE_PASSWORD");
    // No version from Keycloak: one derived from everything we read changes when any of it does.
    long version = Objects.hash(u.enabled(), u.requiredActions(), bruteForce, s.sessions(), s.offlineSessions(),
        Set.copyOf(s.roleMappings()), s.restoreState()) & 0xffffffffL;
    return User.builder()
        .id(u.id())
        .name(name)
        .displayName(u.username())
        .preferredLanguage(u.attributes().getOrDefault("locale", List.of("en")).stream().findFirst().orElse("en"))
        .roles(admin ? Set.of(Role.GLOBAL_ADMIN) : Set.of())
        .signInBlocked(!u.enabled())
        .passwordChangeRequired(changeRequired)
        .failedAttempts(bruteForce.failures())
        .lockedUntil(lockedUntil)
        .createdAt(created)
        // Keycloak keeps no time of a user's last change.
        .updatedAt(created)
        .version(version)
        .build();
  }

  /** The user's email as their name, else their username if it is one; null for neither. */
  private static UserName nameOf(KeycloakUser u) {
    for (var candidate : List.of(u.email(), u.username())) {
      try {
        if (candidate.contains("@")) {
          return UserName.parse("email", candidate);
        }
      } catch (DirectoryException notAUserName) {
        // the next one
      }
    }
    return null;
  }

  private DirectoryException notFound(String user) {
    return DirectoryException.of(Reason.USER_NOT_FOUND, "user", user);
  }

  /** A Keycloak failure as ours: the directory not answering (retry later), or refusing (which way, never a value). */
  private <T> T kc(Supplier<T> call) {
    try {
      return call.get();
    } catch (KeycloakUserNotFoundException e) {
      throw DirectoryException.of(Reason.USER_NOT_FOUND, "user", e.user());
    } catch (KeycloakUnavailableException e) {
      throw DirectoryException.retryable(Reason.DIRECTORY_UNAVAILABLE, Duration.ofSeconds(5),
          Map.of("directory", name, "connector", TYPE));
    } catch (KeycloakPermissionException e) {
      throw DirectoryException.of(Reason.DIRECTORY_REFUSED, "directory", name, "problem", "HTTP_" + e.status());
    } catch (KeycloakRejectedException e) {
      throw DirectoryException.of(Reason.DIRECTORY_REFUSED, "directory", name, "problem", "HTTP_" + e.status());
    } catch (KeycloakConfigurationException e) {
      throw DirectoryException.of(Reason.DIRECTORY_REFUSED, "directory", name, "problem", "REALM_CONFIGURATION");
    }
  }

  @Override
  public void close() {
    // The client's HTTP connections end with it.
  }
}
