package dev.accountadmin.domain;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One unit of work on a directory, by what it touches. Every method acts inside the unit; a
 * failure of the directory itself is an unchecked exception that undoes the unit.
 */
public interface UnitOfWork {

  Users users();

  Credentials credentials();

  Sessions sessions();

  AuditTrail audit();

  MailSubmissions mail();

  SignInFailures signInFailures();

  Batches batches();

  KeptResponses keptResponses();

  ServerSecrets secrets();

  Devices devices();
  Memberships memberships();

  /** What the built-in store keeps about users of external directories. */
  ExternalUsers externalUsers();

  Methods methods();

  ScheduledOffboardings schedules();

  FileAccess fileAccess();

  OffboardingTemplates templates();

  Mailboxes mailboxes();

  /** Self-service recoveries and their rate limits (issue 14, part 3). */
  Recoveries recoveries();

  /** Users, with their live state. Every write checks the version it read (optimistic locking). */
  interface Users {
    /** The tenant's domain, in lower case; empty before the directory is bootstrapped. */
    Optional<String> tenantDomain();

    /** Records the tenant; false when another replica did first. */
    boolean createTenant(String domain, Instant now);

    /** The user named {@code name}, locked for update where the directory has row locks. */
    Optional<User> find(UserName name);

    Optional<User> findById(String id);

    /** The user with this id, locked for update where the directory has row locks. */
    Optional<User> findByIdForUpdate(String id);

    /** Users matching {@code query} whose key is after {@code afterKey}, in key order, at most {@code limit}. */
    List<User> list(UserQuery query, String afterKey, int limit);

    /** Inserts a new user; USER_ALREADY_EXISTS when another call created the same name first. */
    void insert(User user, String passwordHash);

    /** Writes {@code changed} if nobody changed it since it was read; returns it with its new version. */
    User update(User changed, Instant now);

    void delete(String userId);
  }

  /** Password hashes, read by sign-in only, so that no other path can leak one. */
  interface Credentials {
    /** The stored hash, or empty when no password can sign in. */
    Optional<String> passwordHash(String userId);

    /** Sets the hash; null leaves a credential that no password matches. */
    void setPasswordHash(String userId, String hash);
  }

  /** Sessions and their rotating refresh tokens. */
  interface Sessions {
    void insert(Session session);

    Optional<Session> find(String id);

    /** The session whose refresh token has this digest. */
    Optional<Session> findByRefreshHash(String hash);

    /** The session a spent (rotated away) refresh token belonged to: a reuse. */
    Optional<Session> findBySpentRefreshHash(String hash);

    /** Rotates the refresh token; false when another call rotated it first. */
    boolean rotate(Session session, String newRefreshHash, Instant accessExpiresAt);

    void revoke(String sessionId, Instant now);

    /** A user's sessions that are neither revoked nor past their refresh expiry. */
    List<Session> active(String userId, Instant now);

    /** How many active sessions each user has (absent: none). */
    Map<String, Integer> activeCounts(Collection<String> userIds, Instant now);

    /** Revokes every active session of a user; returns how many there were. */
    int revokeAll(String userId, Instant now);
  }

  /** The tamper-evident audit trail. */
  interface AuditTrail {
    /** Appends {@code record} in this unit; the trail assigns its sequence, time and hashes. */
    AuditRecord append(AuditRecord record);

    /** Records newest first matching {@code query}, at most {@code limit}, before {@code beforeSequence}. */
    List<AuditRecord> list(AuditQuery query, long beforeSequence, int limit);

    /** Recomputes the whole chain. */
    AuditVerification verify();
  }

  /** Accepted messages, counted against the outbound limits. */
  interface MailSubmissions {
    /** Recipients counted since some instant. */
    record Counted(long internal, long external) {
      public long total() {
        return internal + external;
      }
    }

    void insert(String id, String userId, Instant time, int internal, int external);

    /** Forgets the sender's messages older than a day: no limit looks back further. */
    void prune(String userId, Instant now);

    /** The recipients of the sender's unforgiven messages after {@code from}. */
    Counted since(String userId, Instant from);

    /** Stops counting everything the sender sent so far: the fresh allowance after a restriction ends. */
    void forgive(String userId, Instant now);
  }

  /** Failed sign-ins per client address, and the addresses someone signed in from successfully. */
  interface SignInFailures {
    /** Failures counted in a window, and the oldest of them (null when there are none). */
    record Counted(int count, Instant oldest) {}

    void insert(String address, boolean familiar, Instant time);

    void prune(Instant before);

    Counted fromAddress(String address, Instant from);

    Counted unfamiliar(Instant from);

    boolean familiar(String address);

    void markFamiliar(String address, Instant time);
  }

  /** Offboarding batches: their users and each one's state and stored response. */
  interface Batches {
    /** An item of a batch; {@code response} is the stored response, null while pending. */
    record Item(int position, String name, BatchItemState state, byte[] response) {}

    /** Who started a batch, and the options it chose (the edge's encoding; empty when none). */
    record Header(String actorId, byte[] options) {}

    /** Stores a new batch; false when one with this id exists (a retry resumes it). */
    boolean create(String id, String actorId, Instant createdAt, List<String> names, byte[] options);

    /** The batch's header; empty when there is no such batch. */
    Optional<Header> header(String batchId);

    List<Item> items(String batchId);

    void finish(String batchId, int position, BatchItemState state, byte[] response);
  }

  /** Responses kept for idempotent retries (AIP-155), encrypted by the caller. */
  interface KeptResponses {
    /** A kept response and what it answered. */
    record Kept(String method, String requestHash, String response, Instant createdAt) {}

    Optional<Kept> find(String actorId, String requestId);

    /** Keeps a response unless a concurrent twin kept one first; drops those created before {@code expiredBefore}. */
    void keep(String actorId, String requestId, Kept kept, Instant expiredBefore);
  }

  /** Secrets every replica shares, created once by whichever starts first. */
  interface ServerSecrets {
    String getOrCreate(String name, Supplier<String> create, Instant now);
  }

  /** Mobile devices that synced through Exchange ActiveSync, per user. */
  interface Devices {
    /** The user's devices, by device id. */
    List<Device> list(String userId);

    /** The user's device with this id, locked for update where the directory has row locks. */
    Optional<Device> find(String userId, String deviceId);

    /** Registers a device at its first sync, or records another sync of a known one. */
    void recordSync(String userId, String deviceId, String model, Instant now);

    /** Refuses the device's next syncs; {@code by} is the procedure's correlation (null: by hand). */
    void block(String userId, String deviceId, String by, Instant now);

    void unblock(String userId, String deviceId);

    /** Marks the device wipe-pending; {@code by} as for {@link #block}. */
    void requestWipe(String userId, String deviceId, String by, Instant now);

    /** Withdraws a wipe the device has not yet acknowledged; false when it already did. */
    boolean cancelWipe(String userId, String deviceId);

    /** The device acknowledged the wipe it received. */
    void confirmWipe(String userId, String deviceId, Instant now);
  }

  /**
   * Groups with their members and owners, the licence catalogue with its seats, and what
   * offboarding removed from a user so that restore can re-add exactly that.
   */
  interface Memberships {
    /** A group of the directory. */
    record Group(String id, String name) {}

    /** A user's place in a group: owner true for an ownership, false for a membership. */
    record Membership(Group group, boolean owner) {}

    /** A product in the catalogue, with the seats bought and those assigned. */
    record Licence(String sku, String name, int seats, int used) {
      public int free() {
        return Math.max(0, seats - used);
      }
    }

    /** Creates a group unless one with the same name (case-insensitive) exists; returns it. */
    Group createGroup(String id, String name, Instant now);

    /** Every group, by name. */
    List<Group> groups();

    /** The user's memberships and ownerships, by group name, memberships first. */
    List<Membership> of(String userId);

    /** How many owners the group has. */
    int ownerCount(String groupId);

    /** Adds the membership or ownership; false when the user already had it. */
    boolean add(String userId, Membership membership, Instant now);

    /** Removes the membership or ownership; false when the user did not have it. */
    boolean remove(String userId, Membership membership);

    /** Adds a product to the catalogue, or sets its seats when it is there. */
    void defineLicence(String sku, String name, int seats);

    /** The catalogue, by name, with each product's seats used. */
    List<Licence> licences();

    /** The products assigned to the user, by name. */
    List<Licence> licencesOf(String userId);

    /** Assigns a seat; false when the product has no free seat or the user has it already. */
    boolean assign(String userId, String sku, Instant now);

    /** Gives the user's seat back to the pool; false when the user had none. */
    boolean unassign(String userId, String sku);

    /** Remembers memberships offboarding removed, for restore. */
    void recordRemoved(String userId, List<Membership> removed, Instant now);

    /** The memberships offboarding removed and restore has not re-added. */
    List<Membership> removed(String userId);

    /** Forgets one removed membership: restore re-added it. */
    void forgetRemoved(String userId, Membership membership);

    /** Remembers the products whose seats offboarding gave back, for restore. */
    void recordRemovedLicences(String userId, List<String> skus, Instant now);

    /** The products offboarding removed and restore has not re-assigned. */
    List<Licence> removedLicences(String userId);

    /** Forgets one removed product: restore re-assigned it. */
    void forgetRemovedLicence(String userId, String sku);
  }

  /**
   * Restore state of users who live in an external directory, kept here because that directory
   * has nowhere to keep it: an offboarding's time and prior state, and the connector's own part.
   */
  interface ExternalUsers {
    /** A user's state; {@code offboardedAt} and {@code prior} are null unless offboarded. */
    record State(Instant offboardedAt, PriorState prior, String connectorState) {
      public static final State NONE = new State(null, null, "");
    }

    /** The state of the user {@code userId} of {@code directory}; NONE when nothing is kept. */
    State find(String directory, String userId);

    void save(String directory, String userId, State state, Instant now);
  }

  /**
   * Authentication methods, with their secrets for sign-in only, the last accepted authenticator
   * time step (so that a code signs in once, on every replica), re-registration requirements, and
   * what offboarding removed so that restore can say what comes back and what cannot.
   */
  interface Methods {
    /** The user's methods, oldest first, unconfirmed authenticators included. */
    List<AuthMethod> list(String userId);

    /** Stores a new method; {@code secret} is already protected (encrypted or hashed), null for none. */
    void insert(AuthMethod method, String secret);

    /** The stored (protected) secret of the user's method. */
    Optional<String> secret(String userId, String methodId);

    /** Marks an authenticator registered, its confirming code's time step spent. */
    void confirm(String userId, String methodId, long timeStep, Instant now);

    /**
     * Spends {@code timeStep} of the authenticator: true when it is later than the last one
     * accepted (and records it with the use), false for a replay; atomic across replicas.
     */
    boolean spendTimeStep(String methodId, long timeStep, Instant now);

    /** Records a sign-in with the method (an app password). */
    void used(String methodId, Instant now);

    /** Deletes the method and its secret; false when the user had no such method. */
    boolean remove(String userId, String methodId);

    /** Since when the user must register an authenticator again; empty when they need not. */
    Optional<Instant> reregistrationRequiredSince(String userId);

    /** Requires re-registration, unless already required; {@code by} as for devices (null: by hand). */
    void requireReregistration(String userId, String by, Instant now);

    /** Lifts the requirement; false when there was none. */
    boolean liftReregistration(String userId);

    /** Remembers methods offboarding removed (kind and name only, never a secret), for restore. */
    void recordRemoved(String userId, List<AuthMethod> removed, Instant now);

    /** The methods offboarding removed that restore has not dealt with. */
    List<AuthMethod> removed(String userId);

    /** Forgets what offboarding removed: restore dealt with it. */
    void forgetRemoved(String userId);
  }

  /** Offboardings scheduled for later, and the users' time zones their times are read in. */
  interface ScheduledOffboardings {
    void insert(ScheduledOffboarding scheduled);

    Optional<ScheduledOffboarding> find(String id);

    /** Those in {@code state} (null: any) of the user {@code userId} (null: any), earliest run first. */
    List<ScheduledOffboarding> list(ScheduledOffboarding.State state, String userId);

    /** The ids of SCHEDULED ones whose time is at or before {@code now}, earliest first. */
    List<String> due(Instant now, int limit);

    /**
     * Claims a due one for this unit of work: SCHEDULED becomes RUNNING only if it still is
     * SCHEDULED and due, so of two replicas (or two ticks) exactly one gets true. Where the
     * directory has row locks, the other waits for this unit and then finds it no longer SCHEDULED.
     */
    boolean claim(String id, Instant now);

    /**
     * Writes {@code changed} if it is still SCHEDULED at {@code expectedVersion}; false otherwise
     * (it started, or someone changed it first).
     */
    boolean update(ScheduledOffboarding changed, long expectedVersion);

    /** Records how a claimed one ended: DONE with its result, or FAILED with its error. */
    void finish(String id, ScheduledOffboarding.State state, byte[] result, StepResult.Failure error, Instant now);

    /** The user's own time zone; empty when they have none (the tenant's default applies). */
    Optional<String> userTimeZone(String userId);

    /** Sets (null: clears) the user's time zone. */
    void setUserTimeZone(String userId, String zone, Instant now);
  }

  /** The tenant's default offboarding template, every version kept. */
  interface OffboardingTemplates {
    Optional<TemplateVersion> current();

    /** Every version, newest first. */
    List<TemplateVersion> versions();

    /** Adds {@code version}; false when a version with its number exists (someone else's change won). */
    boolean insert(TemplateVersion version, String updaterId);
  }

  /** Who may open a user's files besides the user: grants kept for a colleague when the user leaves. */
  interface FileAccess {
    /** Gives {@code grantee} access; {@code byOffboarding}: an offboarding's grant, which restore takes back. */
    void grant(String userId, User grantee, boolean byOffboarding, Instant now);

    /** Everyone with access to the user's files, by user name. */
    List<String> grantees(String userId);

    /** Those an offboarding gave access to, by user name. */
    List<String> offboardingGrantees(String userId);

    /** Takes back the grants offboarding gave. */
    void revokeOffboardingGrants(String userId);
  }

  /**
   * Mailbox settings, delegates and inbox rules, and what offboarding changed about them so that
   * restore can put back exactly that (issue 13, part 1).
   */
  interface Mailboxes {
    /** A user with full access to a shared mailbox; {@code addedBy} as for {@link Devices#block}. */
    record Delegate(String userId, UserName name, String addedBy) {}

    /** A mailbox as the address list shows it. */
    record AddressEntry(UserName name, String displayName, boolean shared) {}

    /**
     * The address list: live users whose mailbox is not hidden and whose name or display name
     * starts with {@code prefix} (case-insensitive), by name, at most {@code limit}.
     */
    List<AddressEntry> addressList(String prefix, int limit);

    /** The user's mailbox settings; the defaults when nothing was ever set. */
    Mailbox get(String userId);

    /** Writes the settings. */
    void put(Mailbox mailbox);

    /** The delegates of the user's (shared) mailbox, by name. */
    List<Delegate> delegates(String mailboxUserId);

    /** Gives full access; false when the delegate had it already. */
    boolean addDelegate(String mailboxUserId, String delegateUserId, String addedBy, Instant now);

    /** Takes full access away; false when the delegate did not have it. */
    boolean removeDelegate(String mailboxUserId, String delegateUserId);

    /** The user's inbox rules, oldest first. */
    List<InboxRule> rules(String userId);

    void insertRule(String userId, InboxRule rule);

    void deleteRule(String userId, String ruleId);

    /** Keeps the settings before {@code kind} changed them, once: a second offboarding keeps the first. */
    void recordPrior(String userId, StepKind kind, Mailbox prior, Instant now);

    /** The settings recorded before {@code kind} changed them, if restore has not undone it yet. */
    Optional<Mailbox> prior(String userId, StepKind kind);

    /** Forgets what {@code kind} recorded: restore undid it. */
    void forgetPrior(String userId, StepKind kind);

    /** Remembers rules offboarding deleted, so that restore can say which it cannot bring back. */
    void recordDeletedRules(String userId, List<InboxRule> rules, Instant now);

    /** The rules offboarding deleted that restore has not yet reported. */
    List<InboxRule> deletedRules(String userId);

    void forgetDeletedRules(String userId);
  }

  /**
   * Self-service recoveries of users who cannot sign in, and the attempts counted against the
   * self-service rate limits; in the shared store, so that every replica sees the same.
   */
  interface Recoveries {
    /**
     * A begun recovery. {@code userId} is null when it can never complete, and {@code refusal}
     * then says why (for the audit); {@code codeHash} is an emailed code's keyed hash.
     */
    record Recovery(String idHash, String askedName, String userId, String refusal, MethodKind method,
        String codeHash, Instant createdAt, Instant expiresAt, int attemptsLeft, Instant completedAt) {
      @Override
      public String toString() {
        return "Recovery[" + askedName + ", " + method + "]";
      }
    }

    void insert(Recovery recovery);

    /** The recovery whose id has this hash, locked for update where the directory has row locks. */
    Optional<Recovery> find(String idHash);

    /** Uses one attempt of an open recovery; false when none was left (or it completed): atomic. */
    boolean useAttempt(String idHash);

    /** Marks the recovery completed; false when it already was (a concurrent twin won). */
    boolean complete(String idHash, Instant now);

    /** Forgets recoveries that ran out before {@code before}. */
    void prune(Instant before);

    /** Counts an attempt against {@code scope} (USER, ADDRESS, PEER) and {@code subject}. */
    void countAttempt(String scope, String subject, Instant time);

    /** The attempts counted for {@code subject} after {@code from}, and the oldest of them. */
    SignInFailures.Counted attempts(String scope, String subject, Instant from);

    /** Forgets attempts at or before {@code before}: no window looks back that far. */
    void pruneAttempts(Instant before);
  }
}
