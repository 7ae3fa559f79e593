package dev.accountadmin.server;

import dev.accountadmin.server.audit.AuditLog;
import dev.accountadmin.server.domain.AuditRecord;
import dev.accountadmin.server.auth.PasswordHasher;
import dev.accountadmin.server.domain.Action;
import dev.accountadmin.server.auth.Secrets;
import dev.accountadmin.server.domain.Directory;
import dev.accountadmin.server.domain.NewUser;
import dev.accountadmin.server.domain.Role;
import dev.accountadmin.server.domain.SendingRestriction;
import dev.accountadmin.server.domain.User;
import dev.accountadmin.server.domain.UserName;
import dev.accountadmin.server.store.Database;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sets up a new directory: the tenant, its first global admin ({@code admin@<domain>}), and with
 * {@code --demo} a demo directory to try every procedure on at once.
 */
final class Bootstrap {
  /** The demo users' shared password: printed with the demo, never used outside it. */
  static final String DEMO_PASSWORD = "Demo-Passw0rd-2026";

  private static final List<String> FIRST = List.of("adele", "alex", "allan", "bianca", "cameron",
      "christie", "debra", "diego", "emily", "enrico", "grady", "henrietta", "irvin", "isaiah",
      "johanna", "joni", "lee", "lidia", "lynne", "megan", "miriam", "nestor", "patti", "pradeep",
      "raul", "sofia", "tomas", "ulla", "vasile", "wilma");
  private static final List<String> LAST = List.of("andersson", "bowen", "dubois", "gupta",
      "ionescu", "jansen", "karlsson", "lambert", "langer", "lorenz", "martin", "moreau", "nilsson",
      "popescu", "robbins", "smit", "stan", "vance", "visser", "wilke");

  private final Database database;
  private final AuditLog audit;
  private final Directory directory;
  private final PasswordHasher hasher;
  private final Secrets secrets;
  private final Clock clock;
  private final PrintStream out;

  Bootstrap(Database database, Directory directory, AuditLog audit, PasswordHasher hasher, Secrets secrets, Clock clock,
      PrintStream out) {
    this.database = database;
    this.audit = audit;
    this.directory = directory;
    this.hasher = hasher;
    this.secrets = secrets;
    this.clock = clock;
    this.out = out;
  }

  /**
   * Bootstraps a new directory and returns the tenant's domain (the stored one, if not new).
   *
   * @param demoStaff staff for a demo directory, or a negative number for no demo
   */
  String run(String domain, String bootstrapPassword, int demoStaff) {
    boolean demo = demoStaff >= 0;
    var existing = tenantDomain();
    if (existing != null) {
      return existing;
    }
    var admin = UserName.parse("--domain", "admin@" + domain);
    var generated = bootstrapPassword == null || bootstrapPassword.isEmpty();
    var password = generated ? secrets.temporaryPassword() : bootstrapPassword;
    // Both hashes are computed before the transaction: Argon2id must not hold the write lock.
    var adminHash = hasher.hash(password, secrets.random());
    var demoHash = demo ? hasher.hash(DEMO_PASSWORD, secrets.random()) : null;
    var created = database.inTransaction(c -> {
      // Another replica may be bootstrapping the same database: the tenant row decides.
      try (var statement = c.prepareStatement("INSERT INTO tenant (id, domain, created_at) VALUES (1, ?, ?)"
          + " ON CONFLICT (id) DO NOTHING")) {
        statement.setString(1, domain.toLowerCase(java.util.Locale.ROOT));
        statement.setLong(2, clock.millis());
        if (statement.executeUpdate() == 0) {
          return false;
        }
      }
      var now = clock.instant();
      directory.insert(c, Directory.newUser(new NewUser(admin, "Administrator", "en", Set.of(Role.GLOBAL_ADMIN)), now, false), adminHash);
      audit.append(c, AuditRecord.of("system", "", Action.CREATE_USER, admin.value(), "", AuditRecord.Outcome.SUCCESS,
          Map.of("roles", "GLOBAL_ADMIN", "reason", "bootstrap")));
      if (demo) {
        seedDemo(c, domain, demoHash, now, demoStaff);
        audit.append(c, AuditRecord.of("system", "", Action.CREATE_USER, "", "", AuditRecord.Outcome.SUCCESS,
            Map.of("reason", "demo", "userCount", Integer.toString(demoStaff + 7))));
      }
      return true;
    });
    if (!created) {
      return tenantDomain();
    }
    if (generated) {
      out.println("Bootstrap global admin: " + admin + " with password " + password
          + " (shown once; set ACCOUNTADMIN_BOOTSTRAP_PASSWORD to choose it)");
    } else {
      out.println("Bootstrap global admin: " + admin + " (password from ACCOUNTADMIN_BOOTSTRAP_PASSWORD)");
    }
    if (demo) {
      out.println("Demo directory: " + (demoStaff + 7) + " users; each demo user's password is " + DEMO_PASSWORD);
    }
    return tenantDomain();
  }

  private String tenantDomain() {
    return database.read(c -> {
      try (var statement = c.prepareStatement("SELECT domain FROM tenant WHERE id = 1"); var rows = statement.executeQuery()) {
        return rows.next() ? rows.getString(1) : null;
      }
    });
  }

  /**
   * Users across every role; one locked out, one blocked, one restricted from sending; and
   * {@code staff} more to offboard in bulk.
   */
  private void seedDemo(Connection c, String domain, String hash, Instant now, int staff) throws SQLException {
    insert(c, user("megan.bowen", domain, "Megan Bowen", "en", Set.of(Role.USER_ADMIN), now), hash);
    insert(c, user("lee.gu", domain, "Lee Gu", "sv", Set.of(Role.HELPDESK_ADMIN), now), hash);
    insert(c, user("isaiah.langer", domain, "Isaiah Langer", "nl", Set.of(Role.EXCHANGE_ADMIN), now), hash);
    insert(c, user("lynne.robbins", domain, "Lynne Robbins", "fr", Set.of(Role.SECURITY_ADMIN), now), hash);
    // Locked out after ten bad passwords, for the third time in a row; an hour long, so that a
    // newcomer has time to find it.
    var locked = user("alex.wilber", domain, "Alex Wilber", "fr", Set.of(), now);
    insert(c, locked.withLockout(10, List.of(), 3, now.plus(Duration.ofHours(1))), hash);
    insert(c, user("diego.siciliani", domain, "Diego Siciliani", "ro", Set.of(), now).withSignInBlocked(true), hash);
    insert(c, user("adele.vance", domain, "Adele Vance", "nl", Set.of(), now)
        .withRestriction(new SendingRestriction(SendingRestriction.Reason.OUTBOUND_SPAM, now, null), 0), hash);
    int made = 0;
    for (int i = 0; made < staff; i++) {
      var first = FIRST.get(i % FIRST.size());
      var last = LAST.get((i / FIRST.size()) % LAST.size());
      var local = first + "." + last + (i >= FIRST.size() * LAST.size() ? Integer.toString(i) : "");
      if (Set.of("alex.wilber", "megan.bowen", "lynne.robbins", "adele.vance", "isaiah.langer").contains(local)) {
        continue;
      }
      insert(c, user(local, domain, capitalize(first) + " " + capitalize(last),
          List.of("en", "fr", "ro", "nl", "sv").get(i % 5), Set.of(), now), hash);
      made++;
    }
  }

  private static User user(String local, String domain, String displayName, String language, Set<Role> roles, Instant now) {
    return Directory.newUser(new NewUser(new UserName(local + "@" + domain), displayName, language, roles), now, false);
  }

  private void insert(Connection c, User user, String hash) throws SQLException {
    directory.insert(c, user, hash);
  }

  private static String capitalize(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
