package dev.accountadmin.connector.ad;

import com.google.gson.Gson;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ModifyDNRequest;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.SingleServerSet;
import com.unboundid.ldap.sdk.StartTLSPostConnectProcessor;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.JVMDefaultTrustManager;
import com.unboundid.util.ssl.PEMFileTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import dev.accountadmin.connector.Connector;
import dev.accountadmin.connector.ConnectorState;
import dev.accountadmin.domain.Role;
import dev.accountadmin.domain.StepDetails;
import dev.accountadmin.domain.StepKind;
import dev.accountadmin.domain.User;
import dev.accountadmin.domain.UserName;
import dev.accountadmin.domain.UserQuery;
import dev.accountadmin.failure.DirectoryException;
import dev.accountadmin.failure.Reason;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.TrustManager;

/**
 * Active Directory (or a Samba AD domain controller) over LDAP with TLS. Lockout is lockoutTime
 * and badPwdCount, sign-in block the ACCOUNTDISABLE bit of userAccountControl, a reset unicodePwd
 * and pwdLastSet, admin roles the privileged groups of {@link ActiveDirectorySettings#adminGroups},
 * offboarding a move to the leavers OU with a stamped description. Mail protocols, devices, our
 * groups and licences, sending restrictions and sessions have no counterpart here.
 */
public final class ActiveDirectory implements Connector {
  public static final String TYPE = "active-directory";
  private static final int ACCOUNTDISABLE = 0x2;
  private static final int UF_LOCKOUT = 0x10;
  // Windows FILETIME: 100-ns intervals since 1601-01-01.
  private static final long FILETIME_EPOCH_OFFSET_SECONDS = 11_644_473_600L;
  private static final String[] ATTRIBUTES = {"objectGUID", "userPrincipalName", "displayName", "userAccountControl",
      "msDS-User-Account-Control-Computed", "lockoutTime", "badPwdCount", "pwdLastSet", "memberOf", "uSNChanged",
      "whenCreated", "whenChanged", "description", "preferredLanguage"};
  private static final int LIST_LIMIT = 10_000;
  /** LDAP_MATCHING_RULE_IN_CHAIN: membership at any depth. */
  private static final String IN_CHAIN = "1.2.840.113556.1.4.1941";
  private static final Gson GSON = new Gson();

  /** What offboarding changed that restore puts back: the OU, the description, the privileged groups. */
  static final class Kept {
    /** The OU and description below were recorded (they are kept until restore puts them back). */
    boolean recorded;
    /** The account is among the leavers, stamped. */
    boolean placed;
    String parentDn;
    String description;
    Map<String, String> removedGroups = new LinkedHashMap<>();
  }

  private final String name;
  private final ActiveDirectorySettings settings;
  private final Clock clock;
  private LDAPConnectionPool pool;
  private Duration lockoutDuration;

  public ActiveDirectory(String name, ActiveDirectorySettings settings, Clock clock) {
    this.name = name;
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public boolean supports(StepKind kind) {
    return switch (kind) {
      // Reviewing the admin roles reads the privileged groups, which AD has.
      case CLEAR_LOCKOUT, RESET_PASSWORD, ALLOW_SIGN_IN, BLOCK_SIGN_IN, REMOVE_ADMIN_ROLES, ASSIGN_ADMIN_ROLES,
          REVIEW_ADMIN_ROLES -> true;
      // AD cannot end the Kerberos tickets it issued; a reset and a block stop new ones.
      case REVOKE_SESSIONS -> false;
      case LIFT_SENDING_RESTRICTION, RESTRICT_SENDING, SET_MAIL_PROTOCOLS, WIPE_DEVICES, BLOCK_DEVICES, UNBLOCK_DEVICES,
          CANCEL_DEVICE_WIPES, REMOVE_GROUP_MEMBERSHIPS, REMOVE_LICENCES, RESTORE_GROUP_MEMBERSHIPS, RESTORE_LICENCES -> false;
      // Authenticator apps, app passwords and re-registration are AccountAdmin's sign-in, which an
      // AD user does not go through.
      case REMOVE_AUTH_METHODS, REQUIRE_REREGISTRATION, LIFT_REREGISTRATION, RESTORE_AUTH_METHODS -> false;
      // Deleting and keeping files are the built-in directory's; an AD leaver stays in the leavers OU.
      case DELETE_USER, UNDELETE_USER, GRANT_FILES_ACCESS, REVOKE_FILES_ACCESS -> false;
      // The mailbox is Exchange's; without Exchange's schema AD has none of it (the address list
      // flag, msExchHideFromAddressLists, included).
      case PLACE_LITIGATION_HOLD, REMOVE_LITIGATION_HOLD, REMOVE_FLAGGED_INBOX_RULES, REPORT_DELETED_INBOX_RULES,
          CONVERT_TO_SHARED, CONVERT_TO_USER_MAILBOX, SET_FORWARDING, RESTORE_FORWARDING, REMOVE_FORWARDING,
          SET_AUTO_REPLIES, RESTORE_AUTO_REPLIES, HIDE_FROM_ADDRESS_LIST, SHOW_IN_ADDRESS_LIST -> false;
    };
  }

  /** A ticket issued just before now stays valid for its lifetime: the residual access, said honestly. */
  @Override
  public StepDetails notApplicable(StepKind kind, Instant now) {
    return kind == StepKind.REVOKE_SESSIONS
        ? new StepDetails.SessionsRevoked(0, now.plus(settings.ticketLifetime()))
        : StepDetails.NONE;
  }

  @Override
  public Optional<User> find(UserName user) {
    return one(Filter.createANDFilter(Filter.createEqualityFilter("objectClass", "user"),
        Filter.createEqualityFilter("userPrincipalName", user.value()))).map(e -> user(e, nestedPrivilegedGroups()));
  }

  @Override
  public Optional<User> findById(String id) {
    return entryById(id).map(e -> user(e, nestedPrivilegedGroups()));
  }

  @Override
  public List<User> list(UserQuery query, String afterKey, int limit) {
    var filters = new ArrayList<Filter>();
    filters.add(Filter.createEqualityFilter("objectCategory", "person"));
    filters.add(Filter.createEqualityFilter("objectClass", "user"));
    filters.add(Filter.createPresenceFilter("userPrincipalName"));
    for (var word : query.words()) {
      filters.add(Filter.createORFilter(
          Filter.createSubstringFilter("userPrincipalName", null, new String[] {word}, null),
          Filter.createSubstringFilter("displayName", null, new String[] {word}, null)));
    }
    var request = new SearchRequest(settings.baseDn(), SearchScope.SUB, Filter.createANDFilter(filters), ATTRIBUTES);
    request.setSizeLimit(LIST_LIMIT);
    var entries = ldap(p -> p.search(request).getSearchEntries());
    var nested = nestedPrivilegedGroups();
    return entries.stream()
        .filter(e -> parseName(e) != null)
        .map(e -> user(e, nested))
        .filter(u -> u.name().key().compareTo(afterKey == null ? "" : afterKey) > 0)
        .sorted(Comparator.comparing(u -> u.name().key()))
        .limit(limit)
        .toList();
  }

  @Override
  public void setPassword(User user, String password) {
    var dn = dnOf(user.id());
    // AD's unicodePwd: the password in double quotes, UTF-16LE, replaced by an administrator.
    var value = ("\"" + password + "\"").getBytes(StandardCharsets.UTF_16LE);
    ldap(p -> p.modify(dn, new Modification(ModificationType.REPLACE, "unicodePwd", value)));
  }

  @Override
  public void update(User before, User after, ConnectorState state) {
    var kept = state.get().isEmpty() ? new Kept() : GSON.fromJson(state.get(), Kept.class);
    var entry = entryById(after.id()).orElseThrow(() -> DirectoryException.of(Reason.USER_NOT_FOUND,
        "user", after.name().value()));
    var dn = entry.getDN();
    var mods = new ArrayList<Modification>();
    if ((before.lockedUntil() != null || before.failedAttempts() > 0) && after.lockedUntil() == null
        && after.failedAttempts() == 0) {
      // Zero clears the lockout and, with it, the count of bad passwords.
      mods.add(new Modification(ModificationType.REPLACE, "lockoutTime", "0"));
    }
    if (before.signInBlocked() != after.signInBlocked()) {
      int uac = entry.getAttributeValueAsInteger("userAccountControl");
      uac = after.signInBlocked() ? uac | ACCOUNTDISABLE : uac & ~ACCOUNTDISABLE;
      mods.add(new Modification(ModificationType.REPLACE, "userAccountControl", Integer.toString(uac)));
    }
    boolean reset = !Objects.equals(before.passwordChangedAt(), after.passwordChangedAt());
    if (after.passwordChangeRequired() && (reset || !before.passwordChangeRequired())) {
      mods.add(new Modification(ModificationType.REPLACE, "pwdLastSet", "0"));
    } else if (!after.passwordChangeRequired() && before.passwordChangeRequired() && !reset) {
      // -1: "set now", the only other value AD accepts.
      mods.add(new Modification(ModificationType.REPLACE, "pwdLastSet", "-1"));
    }
    // An offboarded account goes among the leavers, stamped, once it is blocked (with the block
    // step's write, so that a failure before it leaves the account where it was); restore brings
    // it back when the offboarding is undone.
    boolean offboarding = after.offboardedAt() != null && after.signInBlocked() && !kept.placed;
    boolean restoring = after.offboardedAt() == null && kept.recorded;
    if (offboarding) {
      if (!kept.recorded) {
        kept.recorded = true;
        kept.description = entry.getAttributeValue("description");
        kept.parentDn = parentOf(dn);
        // Recorded before anything changes: what restore puts back must outlive a failure below.
        state.set(GSON.toJson(kept));
      }
      mods.add(new Modification(ModificationType.REPLACE, "description",
          "Offboarded by AccountAdmin on " + after.offboardedAt().atOffset(ZoneOffset.UTC).toLocalDate()));
    } else if (restoring) {
      mods.add(kept.description == null ? new Modification(ModificationType.REPLACE, "description")
          : new Modification(ModificationType.REPLACE, "description", kept.description));
      kept.description = null;
      kept.placed = false;
      kept.recorded = false;
    }
    if (!mods.isEmpty()) {
      ldap(p -> p.modify(dn, mods));
    }
    roles(dn, entry, before.roles(), after.roles(), kept, state);
    if (offboarding) {
      if (settings.leaversOu() != null && !parentOf(dn).equalsIgnoreCase(settings.leaversOu())) {
        move(dn, settings.leaversOu());
      }
      kept.placed = true;
    } else if (restoring && kept.parentDn != null) {
      if (!parentOf(dn).equalsIgnoreCase(kept.parentDn)) {
        move(dn, kept.parentDn);
      }
      kept.parentDn = null;
    }
    state.set(GSON.toJson(kept));
  }

  /** Leaves the groups of removed roles (remembered, for restore) and joins those of added ones. */
  private void roles(String dn, SearchResultEntry entry, Set<Role> before, Set<Role> after, Kept kept,
      ConnectorState state) {
    var removed = EnumSet.noneOf(Role.class);
    removed.addAll(before);
    removed.removeAll(after);
    var added = EnumSet.noneOf(Role.class);
    added.addAll(after);
    added.removeAll(before);
    // A group nested in a privileged one makes its members privileged too: leaving the role means
    // leaving it (recorded like the others, so that restore rejoins it).
    var nested = removed.isEmpty() ? Map.<String, Role>of() : nestedPrivilegedGroups();
    for (var group : values(entry, "memberOf")) {
      var role = roleOf(group, nested);
      if (role != null && removed.contains(role)) {
        kept.removedGroups.put(group, role.name());
        state.set(GSON.toJson(kept));
        member(group, dn, ModificationType.DELETE);
      }
    }
    for (var role : added) {
      var groups = kept.removedGroups.entrySet().stream().filter(e -> e.getValue().equals(role.name()))
          .map(Map.Entry::getKey).toList();
      if (groups.isEmpty()) {
        var first = settings.adminGroups().getOrDefault(role, List.of()).stream().findFirst()
            .orElseThrow(() -> DirectoryException.of(Reason.DIRECTORY_REFUSED, "directory", name,
                "problem", "NO_GROUP_FOR_ROLE", "role", role.name()));
        groups = List.of(groupDn(first));
      }
      for (var group : groups) {
        member(group, dn, ModificationType.ADD);
        kept.removedGroups.remove(group);
      }
    }
  }

  private void member(String group, String dn, ModificationType type) {
    try {
      pool().modify(group, new Modification(type, "member", dn));
    } catch (LDAPException e) {
      // Already out, already in: the change is there, which is all a retry needs.
      if (e.getResultCode() != ResultCode.NO_SUCH_ATTRIBUTE && e.getResultCode() != ResultCode.ATTRIBUTE_OR_VALUE_EXISTS
          && e.getResultCode() != ResultCode.ENTRY_ALREADY_EXISTS && e.getResultCode() != ResultCode.UNWILLING_TO_PERFORM) {
        throw failure(e);
      }
    }
  }

  private String groupDn(String groupName) {
    return one(Filter.createANDFilter(Filter.createEqualityFilter("objectClass", "group"),
        Filter.createEqualityFilter("cn", groupName)))
        .map(SearchResultEntry::getDN)
        .orElseThrow(() -> DirectoryException.of(Reason.DIRECTORY_REFUSED, "directory", name,
            "problem", "NO_SUCH_GROUP", "group", groupName));
  }

  private void move(String dn, String newParent) {
    ldap(p -> {
      var rdn = new DN(dn).getRDNString();
      return p.modifyDN(new ModifyDNRequest(dn, rdn, true, newParent));
    });
  }

  private static String parentOf(String dn) {
    try {
      return new DN(dn).getParentString();
    } catch (LDAPException e) {
      throw new IllegalStateException("the directory returned a malformed DN", e);
    }
  }

  /**
   * The admin role a user's group gives: its own when it is a privileged group (by its DN's
   * common name), else that of the privileged group it is nested in; null for an ordinary group.
   */
  private Role roleOf(String groupDn, Map<String, Role> nested) {
    var own = roleOf(groupDn);
    return own != null ? own : nested.get(groupDn.toLowerCase(Locale.ROOT));
  }

  /**
   * The groups nested, at any depth, in a privileged group, by DN in lower case, with the role of
   * the privileged group (the highest, if several): AD's transitive membership rule
   * (LDAP_MATCHING_RULE_IN_CHAIN) finds them with one search per role.
   */
  private Map<String, Role> nestedPrivilegedGroups() {
    var nested = new java.util.HashMap<String, Role>();
    // Role's order is the tiers' (GLOBAL_ADMIN first): the first role found for a group is its highest.
    for (var role : Role.values()) {
      var names = settings.adminGroups().getOrDefault(role, List.of());
      if (names.isEmpty()) {
        continue;
      }
      var byName = Filter.createORFilter(names.stream().map(n -> Filter.createEqualityFilter("cn", n)).toList());
      var privileged = ldap(p -> p.search(new SearchRequest(settings.baseDn(), SearchScope.SUB,
          Filter.createANDFilter(Filter.createEqualityFilter("objectClass", "group"), byName),
          SearchRequest.NO_ATTRIBUTES)).getSearchEntries());
      if (privileged.isEmpty()) {
        continue;
      }
      var inChain = Filter.createORFilter(privileged.stream()
          .map(g -> Filter.createExtensibleMatchFilter("memberOf", IN_CHAIN, false, g.getDN())).toList());
      var request = new SearchRequest(settings.baseDn(), SearchScope.SUB,
          Filter.createANDFilter(Filter.createEqualityFilter("objectClass", "group"), inChain),
          SearchRequest.NO_ATTRIBUTES);
      request.setSizeLimit(LIST_LIMIT);
      for (var group : ldap(p -> p.search(request).getSearchEntries())) {
        nested.putIfAbsent(group.getDN().toLowerCase(Locale.ROOT), role);
      }
    }
    return nested;
  }

  /** The admin role a group (by its DN's common name) stands for, or null for an ordinary group. */
  private Role roleOf(String groupDn) {
    String cn;
    try {
      cn = new DN(groupDn).getRDN().getAttributeValues()[0];
    } catch (LDAPException e) {
      return null;
    }
    for (var e : settings.adminGroups().entrySet()) {
      if (e.getValue().stream().anyMatch(g -> g.equalsIgnoreCase(cn))) {
        return e.getKey();
      }
    }
    return null;
  }

  private User user(SearchResultEntry e, Map<String, Role> nested) {
    var name = parseName(e);
    var computed = e.getAttributeValueAsInteger("msDS-User-Account-Control-Computed");
    var uac = e.getAttributeValueAsInteger("userAccountControl");
    var lockoutTime = e.getAttributeValueAsLong("lockoutTime");
    Instant lockedUntil = null;
    if (computed != null && (computed & UF_LOCKOUT) != 0 && lockoutTime != null && lockoutTime > 0) {
      var duration = lockoutDuration();
      // A zero duration locks until an administrator unlocks: far in the future, for our purposes.
      lockedUntil = fileTime(lockoutTime).plus(duration.isZero() ? Duration.ofDays(36_500) : duration);
    }
    var pwdLastSet = e.getAttributeValueAsLong("pwdLastSet");
    var roles = EnumSet.noneOf(Role.class);
    values(e, "memberOf").stream().map(g -> roleOf(g, nested)).filter(Objects::nonNull).forEach(roles::add);
    var badPwdCount = e.getAttributeValueAsInteger("badPwdCount");
    var created = generalized(e.getAttributeValue("whenCreated"));
    var language = e.getAttributeValue("preferredLanguage");
    return User.builder()
        .id(HexFormat.of().formatHex(e.getAttributeValueBytes("objectGUID")))
        .name(name)
        .displayName(Optional.ofNullable(e.getAttributeValue("displayName")).orElse(name.value()))
        .preferredLanguage(language == null ? "en" : Locale.forLanguageTag(language).getLanguage())
        .roles(Set.copyOf(roles))
        .signInBlocked(uac != null && (uac & ACCOUNTDISABLE) != 0)
        .passwordChangedAt(pwdLastSet == null || pwdLastSet == 0 ? null : fileTime(pwdLastSet))
        .passwordChangeRequired(pwdLastSet != null && pwdLastSet == 0)
        .failedAttempts(badPwdCount == null ? 0 : badPwdCount)
        .lockedUntil(lockedUntil)
        .createdAt(created)
        .updatedAt(generalized(e.getAttributeValue("whenChanged")))
        .version(Optional.ofNullable(e.getAttributeValueAsLong("uSNChanged")).orElse(0L))
        .build();
  }

  private static UserName parseName(SearchResultEntry e) {
    try {
      return UserName.parse("userPrincipalName", e.getAttributeValue("userPrincipalName"));
    } catch (DirectoryException | NullPointerException notAUserName) {
      return null;
    }
  }

  private static List<String> values(SearchResultEntry e, String attribute) {
    var values = e.getAttributeValues(attribute);
    return values == null ? List.of() : List.of(values);
  }

  private static Instant fileTime(long value) {
    return Instant.ofEpochSecond(value / 10_000_000L - FILETIME_EPOCH_OFFSET_SECONDS, (value % 10_000_000L) * 100);
  }

  private static Instant generalized(String value) {
    if (value == null) {
      return null;
    }
    try {
      return com.unboundid.util.StaticUtils.decodeGeneralizedTime(value).toInstant();
    } catch (java.text.ParseException e) {
      return null;
    }
  }

  /** The domain's lockout duration, read once from the domain's root entry. */
  private synchronized Duration lockoutDuration() {
    if (lockoutDuration == null) {
      var root = ldap(p -> p.getEntry(settings.baseDn(), "lockoutDuration"));
      var value = root == null ? null : root.getAttributeValueAsLong("lockoutDuration");
      // Stored negative, in 100-ns intervals.
      lockoutDuration = value == null ? Duration.ZERO : Duration.ofNanos(Math.abs(value) * 100);
    }
    return lockoutDuration;
  }

  private Optional<SearchResultEntry> entryById(String id) {
    byte[] guid;
    try {
      guid = HexFormat.of().parseHex(id);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    return one(Filter.createEqualityFilter("objectGUID", guid));
  }

  private String dnOf(String id) {
    return entryById(id).map(SearchResultEntry::getDN)
        .orElseThrow(() -> DirectoryException.of(Reason.USER_NOT_FOUND, "user", id));
  }

  private Optional<SearchResultEntry> one(Filter filter) {
    return Optional.ofNullable(ldap(p -> p.searchForEntry(settings.baseDn(), SearchScope.SUB, filter, ATTRIBUTES)));
  }

  @FunctionalInterface
  private interface Call<T> {
    T run(LDAPConnectionPool pool) throws LDAPException;
  }

  private <T> T ldap(Call<T> call) {
    try {
      return call.run(pool());
    } catch (LDAPException e) {
      throw failure(e);
    }
  }

  /** An LDAP failure as ours: the directory not answering, or refusing (the result code says why, never a value). */
  private DirectoryException failure(LDAPException e) {
    var code = e.getResultCode();
    if (code == ResultCode.CONNECT_ERROR || code == ResultCode.SERVER_DOWN || code == ResultCode.TIMEOUT
        || code == ResultCode.UNAVAILABLE || code == ResultCode.BUSY || code == ResultCode.LOCAL_ERROR) {
      return DirectoryException.retryable(Reason.DIRECTORY_UNAVAILABLE, Duration.ofSeconds(5),
          Map.of("directory", name, "connector", TYPE));
    }
    return DirectoryException.of(Reason.DIRECTORY_REFUSED, "directory", name, "problem", code.getName()
        .toUpperCase(Locale.ROOT).replace(' ', '_'));
  }

  /** The pool, connected and bound as the service account on first use (and again after a failed connect). */
  private synchronized LDAPConnectionPool pool() throws LDAPException {
    if (pool != null) {
      return pool;
    }
    var url = new LDAPURL(settings.url());
    var options = new LDAPConnectionOptions();
    options.setConnectTimeoutMillis((int) settings.connectTimeout().toMillis());
    options.setResponseTimeoutMillis(settings.responseTimeout().toMillis());
    if (settings.verifyHostname()) {
      options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
    }
    SSLUtil ssl;
    try {
      TrustManager trust = settings.caFile() == null ? JVMDefaultTrustManager.getInstance()
          : new PEMFileTrustManager(settings.caFile().toFile());
      ssl = new SSLUtil(trust);
    } catch (RuntimeException | java.security.KeyStoreException e) {
      throw new LDAPException(ResultCode.LOCAL_ERROR, "cannot read the trusted certificates", e);
    }
    var bind = new SimpleBindRequest(settings.bindDn(), settings.bindPassword());
    try {
      if (url.getScheme().equals("ldaps")) {
        var servers = new SingleServerSet(url.getHost(), url.getPort(), ssl.createSSLSocketFactory(), options);
        pool = new LDAPConnectionPool(servers, bind, 1, 4);
      } else {
        var servers = new SingleServerSet(url.getHost(), url.getPort(), options);
        pool = new LDAPConnectionPool(servers, bind, 1, 4, new StartTLSPostConnectProcessor(ssl.createSSLContext()));
      }
    } catch (GeneralSecurityException e) {
      throw new LDAPException(ResultCode.LOCAL_ERROR, "cannot set up TLS", e);
    }
    pool.setRetryFailedOperationsDueToInvalidConnections(true);
    return pool;
  }

  @Override
  public synchronized void close() {
    if (pool != null) {
      pool.close();
      pool = null;
    }
  }
}
