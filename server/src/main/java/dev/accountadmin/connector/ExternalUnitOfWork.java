package dev.accountadmin.connector;

import dev.accountadmin.domain.Session;
import dev.accountadmin.domain.UnitOfWork;
import dev.accountadmin.domain.User;
import dev.accountadmin.domain.UserName;
import dev.accountadmin.domain.UserQuery;
import dev.accountadmin.failure.DirectoryException;
import dev.accountadmin.failure.Reason;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A unit of work on an external directory: users, passwords and sessions are the connector's,
 * everything else (audit, kept responses, batches, secrets) the built-in store's unit it wraps.
 * A user's offboarding and prior state live in the store's {@code external_users}, merged into
 * the user as read and split off again as written.
 */
final class ExternalUnitOfWork implements UnitOfWork {
  private final String directory;
  private final Connector connector;
  private final UnitOfWork store;
  private final Clock clock;
  // The users as this unit last read or wrote them: what a write is a change from.
  private final Map<String, User> read = new HashMap<>();

  ExternalUnitOfWork(String directory, Connector connector, UnitOfWork store, Clock clock) {
    this.directory = directory;
    this.connector = connector;
    this.store = store;
    this.clock = clock;
  }

  /** The connector's user with what the store keeps about it, remembered as read. */
  private User merged(User live) {
    var state = store.externalUsers().find(directory, live.id());
    var user = live.toBuilder().offboardedAt(state.offboardedAt()).priorState(state.prior()).directory(directory).build();
    read.put(user.id(), user);
    return user;
  }

  private User known(String id) {
    var user = read.get(id);
    if (user == null) {
      user = connector.findById(id).map(this::merged)
          .orElseThrow(() -> DirectoryException.of(Reason.USER_NOT_FOUND, "user", id));
    }
    return user;
  }

  @Override
  public Users users() {
    return new Users() {
      @Override
      public Optional<String> tenantDomain() {
        return store.users().tenantDomain();
      }

      @Override
      public boolean createTenant(String domain, Instant now) {
        return store.users().createTenant(domain, now);
      }

      @Override
      public Optional<User> find(UserName name) {
        return connector.find(name).map(ExternalUnitOfWork.this::merged);
      }

      @Override
      public Optional<User> findById(String id) {
        return connector.findById(id).map(ExternalUnitOfWork.this::merged);
      }

      @Override
      public Optional<User> findByIdForUpdate(String id) {
        return findById(id);
      }

      @Override
      public List<User> list(UserQuery query, String afterKey, int limit) {
        var now = query.now();
        // The connector filters by words; the states are read off the merged users here.
        return connector.list(query, afterKey, Integer.MAX_VALUE).stream()
            .map(ExternalUnitOfWork.this::merged)
            .filter(u -> query.states().stream().allMatch(s -> switch (s) {
              case LOCKED -> u.lockedAt(now);
              case BLOCKED -> u.signInBlocked();
              case RESTRICTED -> u.restrictedAt(now);
              case ADMIN -> !u.roles().isEmpty();
              case DELETED -> u.deleted();
              case OFFBOARDED -> u.offboardedAt() != null;
            }))
            .limit(limit)
            .toList();
      }

      @Override
      public void insert(User user, String passwordHash) {
        throw DirectoryException.of(Reason.NOT_IMPLEMENTED, "method", "CreateUser", "directory", directory);
      }

      @Override
      public User update(User changed, Instant now) {
        var before = known(changed.id());
        if (!Objects.equals(before.deletedAt(), changed.deletedAt())) {
          throw DirectoryException.of(Reason.NOT_IMPLEMENTED, "method", "DeleteUser", "directory", directory);
        }
        var kept = store.externalUsers().find(directory, changed.id());
        var state = new ConnectorState(kept.connectorState());
        boolean written = false;
        try {
          connector.update(before, changed, state);
          written = true;
        } finally {
          // Kept even when the directory failed midway: an offboarding's prior state (restore
          // needs it), else the offboarding as it was, with whatever the connector had recorded.
          var source = written || changed.priorState() != null ? changed : before;
          store.externalUsers().save(directory, changed.id(),
              new ExternalUsers.State(source.offboardedAt(), source.priorState(), state.get()), now);
        }
        return connector.findById(changed.id()).map(ExternalUnitOfWork.this::merged)
            .orElseThrow(() -> DirectoryException.of(Reason.USER_NOT_FOUND, "user", changed.name().value()));
      }

      @Override
      public void delete(String userId) {
        throw DirectoryException.of(Reason.NOT_IMPLEMENTED, "method", "DeleteUser", "directory", directory);
      }
    };
  }

  /** A reset's password goes to the directory, which hashes it itself; none is ever read back. */
  @Override
  public Credentials credentials() {
    return new Credentials() {
      @Override
      public Optional<String> passwordHash(String userId) {
        return Optional.empty();
      }

      @Override
      public void setPasswordHash(String userId, String password) {
        if (password == null) {
          throw new IllegalArgumentException("an external directory needs a password to set");
        }
        connector.setPassword(known(userId), password);
      }
    };
  }

  /** The sessions the directory knows of; AccountAdmin issues none to its users. */
  @Override
  public Sessions sessions() {
    var own = store.sessions();
    return new Sessions() {
      @Override
      public void insert(Session session) {
        own.insert(session);
      }

      @Override
      public Optional<Session> find(String id) {
        return own.find(id);
      }

      @Override
      public Optional<Session> findByRefreshHash(String hash) {
        return own.findByRefreshHash(hash);
      }

      @Override
      public Optional<Session> findBySpentRefreshHash(String hash) {
        return own.findBySpentRefreshHash(hash);
      }

      @Override
      public boolean rotate(Session session, String newRefreshHash, Instant accessExpiresAt) {
        return own.rotate(session, newRefreshHash, accessExpiresAt);
      }

      @Override
      public void revoke(String sessionId, Instant now) {
        own.revoke(sessionId, now);
      }

      @Override
      public List<Session> active(String userId, Instant now) {
        return connector.sessions(known(userId), now);
      }

      @Override
      public Map<String, Integer> activeCounts(Collection<String> userIds, Instant now) {
        var counts = new HashMap<String, Integer>();
        for (var id : userIds) {
          int n = connector.sessions(known(id), now).size();
          if (n > 0) {
            counts.put(id, n);
          }
        }
        return counts;
      }

      @Override
      public int revokeAll(String userId, Instant now) {
        return connector.revokeSessions(known(userId), now);
      }
    };
  }

  @Override
  public AuditTrail audit() {
    return store.audit();
  }

  @Override
  public MailSubmissions mail() {
    return store.mail();
  }

  @Override
  public SignInFailures signInFailures() {
    return store.signInFailures();
  }

  @Override
  public Batches batches() {
    return store.batches();
  }

  @Override
  public KeptResponses keptResponses() {
    return store.keptResponses();
  }

  @Override
  public ServerSecrets secrets() {
    return store.secrets();
  }

  @Override
  public Devices devices() {
    return store.devices();
  }

  @Override
  public Memberships memberships() {
    return store.memberships();
  }

  @Override
  public ExternalUsers externalUsers() {
    return store.externalUsers();
  }

  @Override
  public Methods methods() {
    return store.methods();
  }

  @Override
  public Mailboxes mailboxes() {
    return store.mailboxes();
  }

  // Self-service recovers users of the built-in directory only; its records are the store's.
  @Override
  public Recoveries recoveries() {
    return store.recoveries();
  }

  // Schedules and the template are AccountAdmin's own, whichever directory the user lives in.
  @Override
  public ScheduledOffboardings schedules() {
    return store.schedules();
  }

  @Override
  public OffboardingTemplates templates() {
    return store.templates();
  }

  @Override
  public FileAccess fileAccess() {
    return store.fileAccess();
  }
}
