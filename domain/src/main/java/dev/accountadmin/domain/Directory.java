package dev.accountadmin.domain;

import dev.accountadmin.failure.Reason;
import dev.accountadmin.failure.DirectoryException;
import dev.accountadmin.failure.FieldViolation;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The user directory: reads, user management and single steps, each checked against
 * {@link Permissions} and audited in the same transaction as its change. A denial is audited
 * in a transaction of its own, after the refused one rolled back.
 */
public final class Directory {
  static final int DEFAULT_PAGE_SIZE = 50;
  static final int MAX_PAGE_SIZE = 1000;
  // The listings a page token can belong to.
  private static final String USERS = "users";
  private static final String AUDIT = "audit";

  /** A created user and the temporary password to hand over once. */
  public record Created(User user, String temporaryPassword) {}

  /** A page of users and the token for the next one (empty on the last page). */
  public record Page(List<User> users, Map<String, Integer> activeSessions, String nextPageToken) {}

  /** A user after a step, with the step's result. */
  public record Changed(StepResult step, User user, int activeSessions) {}

  private final Directories directories;
  // The built-in directory: users of its own, and for everyone the audit trail.
  private final DirectoryPort port;
  private final Passwords passwords;
  private final Clock clock;

  public Directory(DirectoryPort port, Passwords passwords, Clock clock) {
    this(Directories.of(port, passwords), clock);
  }

  /** A directory whose users may live in external directories too, each routed by its domain. */
  public Directory(Directories directories, Clock clock) {
    this.directories = directories;
    this.port = directories.builtIn().port();
    this.passwords = directories.builtIn().passwords();
    this.clock = clock;
  }

  /** The directory that holds {@code name}. */
  DirectoryPort portOf(UserName name) {
    return directories.of(name).port();
  }

  public Directories directories() {
    return directories;
  }

  /** A step result for a step {@code port} has no counterpart for, with its reason. */
  static StepResult notApplicable(DirectoryPort port, int number, StepKind kind, Instant now) {
    return new StepResult(number, kind, Outcome.NOT_APPLICABLE, null, Set.of(),
        new StepResult.Failure(Reason.STEP_NOT_APPLICABLE, Map.of("step", kind.name(), "directory", port.name())),
        port.notApplicable(kind, now));
  }

  /** Creates a user with a generated temporary password that must be changed at first sign-in. */
  public Created createUser(Caller caller, NewUser spec, String requestId, boolean validateOnly) {
    // The new user's tier is that of the roles it will have; giving roles is a global admin's.
    authorizeOrAudit(caller, Action.CREATE_USER, spec.name(), spec.roles(), requestId);
    if (!spec.roles().isEmpty()) {
      authorizeOrAudit(caller, Action.MANAGE_ADMIN_ROLES, spec.name(), spec.roles(), requestId);
    }
    // Hashed before the unit of work: Argon2id is slow and must not hold the write lock.
    var password = validateOnly ? null : passwords.forNewUser();
    return port.write(unit -> {
      // A user outside the tenant's domain could never receive its mail nor sign in as the tenant.
      var domain = unit.users().tenantDomain()
          .orElseThrow(() -> new IllegalStateException("the directory has no tenant: it was never bootstrapped"));
      if (!spec.name().domain().equals(domain)) {
        throw DirectoryException.invalid(new FieldViolation("user.user_principal_name", "DOMAIN_NOT_ACCEPTED",
            Map.of("field", "user.user_principal_name", "value", spec.name().value(), "domain", domain)));
      }
      if (unit.users().find(spec.name()).isPresent()) {
        throw DirectoryException.of(Reason.USER_ALREADY_EXISTS, "user", spec.name().value());
      }
      var now = clock.instant();
      var user = newUser(spec, now, true);
      if (validateOnly) {
        unit.audit().append(record(caller, Action.CREATE_USER, spec.name(), requestId, AuditRecord.Outcome.PLANNED, Map.of()));
        return new Created(user, null);
      }
      // A twin created on another replica since the look-up is USER_ALREADY_EXISTS too.
      unit.users().insert(user, password.hash());
      unit.audit().append(record(caller, Action.CREATE_USER, spec.name(), requestId, AuditRecord.Outcome.SUCCESS,
          spec.roles().isEmpty() ? Map.of() : Map.of("roles", names(spec.roles()))));
      return new Created(user, password.shown());
    });
  }

  /** A user as created now: every mail protocol on, sign-in allowed, no lockout. */
  public static User newUser(NewUser spec, Instant now, boolean changeRequired) {
    var displayName = spec.displayName() == null || spec.displayName().isBlank()
        ? spec.name().value().substring(0, spec.name().value().indexOf('@'))
        : spec.displayName().strip();
    var language = spec.preferredLanguage() == null || spec.preferredLanguage().isBlank()
        ? "en" : spec.preferredLanguage();
    return User.builder()
        .id(UUID.randomUUID().toString())
        .name(spec.name())
        .displayName(displayName)
        .preferredLanguage(language)
        .roles(Set.copyOf(spec.roles()))
        .passwordChangedAt(now)
        .passwordChangeRequired(changeRequired)
        .enabledProtocols(EnumSet.allOf(MailProtocol.class))
        .createdAt(now)
        .updatedAt(now)
        .version(1)
        .build();
  }

  public Changed getUser(Caller caller, UserName name) {
    requireAnyRole(caller);
    return portOf(name).read(unit -> {
      var user = existing(unit, name, clock.instant());
      return new Changed(null, user, unit.sessions().active(user.id(), clock.instant()).size());
    });
  }

  /** The user's mobile devices; any admin may read them. */
  public List<Device> devices(Caller caller, UserName name) {
    requireAnyRole(caller);
    return portOf(name).read(unit -> unit.devices().list(existing(unit, name, clock.instant()).id()));
  }

  /** A user's registered authentication methods, and since when a re-registration is required (null: it is not). */
  public record UserMethods(List<AuthMethod> methods, Instant reregistrationRequiredSince) {}

  /**
   * Any admin may see which methods a user has, and every user their own (to manage them, as the
   * portal's sign-in methods page does); nobody sees a secret (the domain has none to show).
   */
  public UserMethods methods(Caller caller, UserName name) {
    if (caller.name() == null || !caller.name().key().equals(name.key())) {
      requireAnyRole(caller);
    }
    return port.read(unit -> {
      var user = existing(unit, name, clock.instant());
      return new UserMethods(unit.methods().list(user.id()).stream().filter(AuthMethod::registered).toList(),
          unit.methods().reregistrationRequiredSince(user.id()).orElse(null));
    });
  }

  public Page listUsers(Caller caller, UserQuery query, int pageSize, String pageToken) {
    return listUsers(caller, "", query, pageSize, pageToken);
  }

  /** A page of the users of the directory called {@code directoryName} (empty: the built-in one), read through. */
  public Page listUsers(Caller caller, String directoryName, UserQuery query, int pageSize, String pageToken) {
    requireAnyRole(caller);
    int size = pageSize(pageSize);
    var source = directories.named("directory", directoryName).port();
    // A token binds the directory it pages through; the built-in one's tokens stay as they were.
    var filter = new java.util.ArrayList<>(filterOf(query));
    if (!source.name().isEmpty()) {
      filter.add(source.name());
    }
    var after = PageToken.decode(USERS, filter, pageToken);
    return source.read(unit -> {
      var page = unit.users().list(query, after, size + 1);
      var more = page.size() > size;
      var shown = more ? page.subList(0, size) : page;
      var counts = unit.sessions().activeCounts(shown.stream().map(User::id).toList(), clock.instant());
      var next = more ? PageToken.encode(USERS, filter, shown.get(shown.size() - 1).name().key()) : "";
      return new Page(List.copyOf(shown), counts, next);
    });
  }

  /** Validates a page size: 0 means the default, otherwise 1 to 1000. */
  public static int pageSize(int requested) {
    if (requested == 0) {
      return DEFAULT_PAGE_SIZE;
    }
    if (requested < 0 || requested > MAX_PAGE_SIZE) {
      throw DirectoryException.invalid(FieldViolation.outOfRange("page_size", requested, 1, MAX_PAGE_SIZE));
    }
    return requested;
  }

  /** What binds a users page token: the filter's terms (not its instant, which moves on). */
  private static List<String> filterOf(UserQuery query) {
    return List.of(String.join(" ", query.states().stream().map(UserQuery.State::term).toList()),
        String.join(" ", query.words()));
  }

  private static List<String> filterOf(AuditQuery query) {
    return java.util.Arrays.asList(query.actor(), query.target(),
        query.action() == null ? null : query.action().name(),
        query.start() == null ? null : query.start().toString(),
        query.end() == null ? null : query.end().toString());
  }

  /**
   * Runs one step on one user: look up, check permission, report ALREADY_DONE when there is
   * nothing to change, PLANNED for a validate-only run, otherwise change and audit.
   */
  public Changed runStep(Caller caller, Step step, UserName name, String requestId, boolean validateOnly) {
    var kind = step.kind();
    var port = portOf(name);
    return auditingDenials(caller, step.action(), name, requestId, () -> port.write(unit -> {
      var now = clock.instant();
      var user = live(unit, name, now);
      Outcome outcome;
      StepDetails details;
      var changed = user;
      if (!port.supports(kind)) {
        // No counterpart in the user's directory: said so to any admin, never reported done.
        requireAnyRole(caller);
        unit.audit().append(record(caller, step.action(), name, requestId, AuditRecord.Outcome.NO_CHANGE,
            Map.of("step", kind.name(), "outcome", Outcome.NOT_APPLICABLE.name(), "directory", port.name())));
        return new Changed(notApplicable(port, 1, kind, now), user, unit.sessions().active(user.id(), now).size());
      }
      // A step with nothing to change needs no permission beyond reading, which any admin has.
      if (!caller.adminRoles().isEmpty() && step.alreadyDone(user, unit, now)) {
        outcome = Outcome.ALREADY_DONE;
        details = StepDetails.NONE;
      } else {
        authorize(caller, step.action(), user);
        if (validateOnly) {
          outcome = Outcome.PLANNED;
          details = step.plan(user, unit, now);
        } else {
          var applied = step.apply(user, unit, now);
          changed = unit.users().update(applied.user(), now);
          outcome = Outcome.DONE;
          details = applied.details();
        }
      }
      unit.audit().append(record(caller, step.action(), name, requestId, auditOutcome(outcome),
          Map.of("step", kind.name(), "outcome", outcome.name())));
      var since = switch (outcome) {
        case DONE -> now;
        case ALREADY_DONE -> step.inEffectSince(user);
        case NOT_REQUESTED, DENIED, FAILED, PLANNED, NOT_APPLICABLE -> null;
      };
      var result = StepResult.of(1, kind, outcome, since, details);
      return new Changed(result, changed, unit.sessions().active(user.id(), now).size());
    }));
  }

  /** Prepares a password for a reset: generated and shown once, or chosen by the admin. */
  public PreparedPassword preparePassword(UserName name, String chosen, boolean changeRequired, boolean validateOnly) {
    var passwords = directories.of(name).passwords();
    return chosen != null && !chosen.isEmpty()
        ? passwords.chosen(name, chosen, changeRequired, validateOnly)
        : passwords.temporary(changeRequired, validateOnly);
  }

  /** A random credential nobody is shown (offboarding), of the built-in directory. */
  public PreparedPassword prepareUndisclosedPassword(boolean validateOnly) {
    return passwords.undisclosed(validateOnly);
  }

  /** A random credential nobody is shown (offboarding), for the directory that holds {@code name}. */
  public PreparedPassword prepareUndisclosedPassword(UserName name, boolean validateOnly) {
    return directories.of(name).passwords().undisclosed(validateOnly);
  }

  /** Soft-deletes a user: sign-in stops at once; undelete works for 30 days. */
  public Changed deleteUser(Caller caller, UserName name, String requestId, boolean validateOnly) {
    return auditingDenials(caller, Action.DELETE_USER, name, requestId, () -> portOf(name).write(unit -> {
      var now = clock.instant();
      var user = live(unit, name, now);
      authorize(caller, Action.DELETE_USER, user);
      if (validateOnly) {
        unit.audit().append(record(caller, Action.DELETE_USER, name, requestId, AuditRecord.Outcome.PLANNED, Map.of()));
        return new Changed(null, user, 0);
      }
      unit.sessions().revokeAll(user.id(), now);
      var deleted = unit.users().update(user.withDeletedAt(now), now);
      unit.audit().append(record(caller, Action.DELETE_USER, name, requestId, AuditRecord.Outcome.SUCCESS, Map.of()));
      return new Changed(null, deleted, 0);
    }));
  }

  /** Restores a deleted user within 30 days of its deletion. */
  public Changed undeleteUser(Caller caller, UserName name, String requestId, boolean validateOnly) {
    return auditingDenials(caller, Action.UNDELETE_USER, name, requestId, () -> portOf(name).write(unit -> {
      var now = clock.instant();
      var user = existing(unit, name, now);
      if (!user.deleted()) {
        throw DirectoryException.of(Reason.USER_NOT_DELETED, "user", name.value());
      }
      authorize(caller, Action.UNDELETE_USER, user);
      if (validateOnly) {
        unit.audit().append(record(caller, Action.UNDELETE_USER, name, requestId, AuditRecord.Outcome.PLANNED, Map.of()));
        return new Changed(null, user, 0);
      }
      var restored = unit.users().update(user.withDeletedAt(null), now);
      unit.audit().append(record(caller, Action.UNDELETE_USER, name, requestId, AuditRecord.Outcome.SUCCESS, Map.of()));
      return new Changed(null, restored, 0);
    }));
  }

  /** The user, unless it does not exist or was deleted (then USER_DELETED, with its purge time). */
  User live(UnitOfWork unit, UserName name, Instant now) {
    var user = existing(unit, name, now);
    if (user.deleted()) {
      throw DirectoryException.of(Reason.USER_DELETED, "user", name.value(),
          "purgeTime", user.deletedAt().plus(UserLifecycle.RESTORE_WINDOW).toString());
    }
    return user;
  }

  /**
   * The user restore works on, deleted or not. Past its restore window a deleted user cannot be
   * restored: USER_PURGED, which says so, rather than the USER_NOT_FOUND every other look-up gives
   * once it purged the row (see {@link #existing}).
   */
  User restorable(UnitOfWork unit, UserName name, Instant now) {
    var user = unit.users().find(name).orElseThrow(() -> notFound(name));
    if (user.deleted() && !now.isBefore(user.deletedAt().plus(UserLifecycle.RESTORE_WINDOW))) {
      throw DirectoryException.of(Reason.USER_PURGED, "user", name.value(),
          "purgeTime", user.deletedAt().plus(UserLifecycle.RESTORE_WINDOW).toString());
    }
    return user;
  }

  /** The user, deleted or not; a deleted user past its restore window is purged on sight. */
  User existing(UnitOfWork unit, UserName name, Instant now) {
    var user = unit.users().find(name).orElseThrow(() -> notFound(name));
    if (user.deleted() && !now.isBefore(user.deletedAt().plus(UserLifecycle.RESTORE_WINDOW))) {
      unit.users().delete(user.id());
      throw notFound(name);
    }
    return user;
  }

  static AuditRecord.Outcome auditOutcome(Outcome outcome) {
    return switch (outcome) {
      case DONE -> AuditRecord.Outcome.SUCCESS;
      case ALREADY_DONE, NOT_REQUESTED, NOT_APPLICABLE -> AuditRecord.Outcome.NO_CHANGE;
      case DENIED -> AuditRecord.Outcome.DENIED;
      case FAILED -> AuditRecord.Outcome.FAILURE;
      case PLANNED -> AuditRecord.Outcome.PLANNED;
    };
  }

  /** The answer to "may I do this to that user, and if not, which roles would let me?". */
  public record PermissionCheck(boolean allowed, Set<Role> requiredRoles, Set<Role> callerRoles,
      Permissions.TargetTier tier) {}

  public PermissionCheck checkPermission(Caller caller, Action action, UserName name) {
    requireAnyRole(caller);
    var target = portOf(name).read(unit -> unit.users().find(name).orElseThrow(() -> notFound(name)));
    var tier = Permissions.TargetTier.of(target.roles());
    return new PermissionCheck(Permissions.allows(caller.adminRoles(), action, target.roles()),
        Permissions.requiredRoles(action, tier), caller.adminRoles(), tier);
  }

  /** A page of audit records, newest first. */
  public record AuditPage(List<AuditRecord> records, String nextPageToken) {}

  public AuditPage listAudit(Caller caller, AuditQuery query, int pageSize, String pageToken) {
    requireAnyRole(caller);
    int size = pageSize(pageSize);
    long before = Long.MAX_VALUE;
    var position = PageToken.decode(AUDIT, filterOf(query), pageToken);
    if (!position.isEmpty()) {
      try {
        before = Long.parseLong(position);
      } catch (NumberFormatException e) {
        throw PageToken.invalid();
      }
    }
    long from = before;
    var records = port.read(unit -> unit.audit().list(query, from, size + 1));
    var more = records.size() > size;
    var shown = more ? records.subList(0, size) : records;
    return new AuditPage(List.copyOf(shown), more ? PageToken.encode(AUDIT, filterOf(query), Long.toString(shown.get(shown.size() - 1).sequence())) : "");
  }

  /** A user with their groups (memberships and ownerships) and their licences. */
  public record UserMemberships(User user, List<UnitOfWork.Memberships.Membership> groups,
      List<UnitOfWork.Memberships.Licence> licences) {}

  /** A user's groups and licences; any admin may read them, as they may read the user. */
  public UserMemberships memberships(Caller caller, UserName name) {
    requireAnyRole(caller);
    return portOf(name).read(unit -> {
      var user = existing(unit, name, clock.instant());
      return new UserMemberships(user, unit.memberships().of(user.id()), unit.memberships().licencesOf(user.id()));
    });
  }

  /** Every group of the directory. */
  public List<UnitOfWork.Memberships.Group> groups(Caller caller) {
    requireAnyRole(caller);
    return port.read(unit -> unit.memberships().groups());
  }

  /** The licence catalogue with each product's seats. */
  public List<UnitOfWork.Memberships.Licence> licences(Caller caller) {
    requireAnyRole(caller);
    return port.read(unit -> unit.memberships().licences());
  }

  /** A user's mailbox settings, delegates and inbox rules; any admin may read them, as they may read the user. */
  public MailboxView mailbox(Caller caller, UserName name) {
    requireAnyRole(caller);
    return port.read(unit -> {
      var user = existing(unit, name, clock.instant());
      return new MailboxView(user, unit.mailboxes().get(user.id()), unit.mailboxes().delegates(user.id()),
          unit.mailboxes().rules(user.id()));
    });
  }

  public AuditVerification verifyAudit(Caller caller) {
    requireAnyRole(caller);
    return port.read(unit -> unit.audit().verify());
  }

  /** Any admin role may read. */
  public void requireAnyRole(Caller caller) {
    if (caller.adminRoles().isEmpty()) {
      var required = Permissions.requiredRoles(Action.READ, Permissions.TargetTier.NON_ADMIN);
      appendAlone(record(caller, Action.READ, null, "", AuditRecord.Outcome.DENIED,
          Map.of("requiredRoles", names(required))));
      throw DirectoryException.of(Reason.READ_DENIED, "requiredRoles", names(required));
    }
  }

  /** Throws PERMISSION_DENIED unless the caller may do {@code action} on {@code target}. */
  static void authorize(Caller caller, Action action, User target) {
    if (!Permissions.allows(caller.adminRoles(), action, target.roles())) {
      throw denied(action, target.name(), Permissions.requiredRoles(action, Permissions.TargetTier.of(target.roles())));
    }
  }

  private void authorizeOrAudit(Caller caller, Action action, UserName target, Set<Role> targetRoles, String requestId) {
    if (!Permissions.allows(caller.adminRoles(), action, targetRoles)) {
      var required = Permissions.requiredRoles(action, Permissions.TargetTier.of(targetRoles));
      appendAlone(record(caller, action, target, requestId, AuditRecord.Outcome.DENIED,
          Map.of("requiredRoles", names(required))));
      throw denied(action, target, required);
    }
  }

  static DirectoryException denied(Action action, UserName target, Set<Role> required) {
    return DirectoryException.of(Reason.PERMISSION_DENIED, Map.of(
        "action", action.name(),
        "user", target.value(),
        "requiredRoles", names(required)));
  }

  /** Runs {@code work}; if it was refused for lack of a role, records the denial and rethrows. */
  <T> T auditingDenials(Caller caller, Action action, UserName target, String requestId,
      java.util.function.Supplier<T> work) {
    try {
      return work.get();
    } catch (DirectoryException e) {
      if (e.reason() == Reason.PERMISSION_DENIED || e.reason() == Reason.STEPS_DENIED) {
        appendAlone(record(caller, action, target, requestId, AuditRecord.Outcome.DENIED,
            new TreeMap<>(e.metadata())));
      }
      throw e;
    }
  }

  /** Appends a record in a unit of work of its own: a denial, after the refused work rolled back. */
  void appendAlone(AuditRecord record) {
    port.write(unit -> unit.audit().append(record));
  }

  static AuditRecord record(Caller caller, Action action, UserName target, String requestId,
      AuditRecord.Outcome outcome, Map<String, String> details) {
    return AuditRecord.of(caller.name().value(), caller.clientAddress(), action,
        target == null ? "" : target.value(), requestId, outcome, details);
  }

  static DirectoryException notFound(UserName name) {
    return DirectoryException.of(Reason.USER_NOT_FOUND, "user", name.value());
  }

  static String names(Set<? extends Enum<?>> values) {
    return String.join(",", values.stream().sorted().map(Enum::name).toList());
  }
}
