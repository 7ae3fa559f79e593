package dev.accountadmin.server;

import dev.accountadmin.domain.AuditRecord;
import dev.accountadmin.server.auth.PasswordHasher;
import dev.accountadmin.domain.Action;
import dev.accountadmin.server.auth.Secrets;
import dev.accountadmin.domain.Directory;
import dev.accountadmin.domain.NewUser;
import dev.accountadmin.domain.Role;
import dev.accountadmin.domain.SendingRestriction;
import dev.accountadmin.domain.User;
import dev.accountadmin.domain.UserName;
import dev.accountadmin.domain.DirectoryPort;
import dev.accountadmin.domain.UnitOfWork;
import java.io.PrintStream;
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

  private final DirectoryPort port;
  private final PasswordHasher hasher;
  private final Secrets secrets;
  private final Clock clock;
  private final PrintStream out;

  Bootstrap(DirectoryPort port, PasswordHasher hasher, Secrets secrets, Clock clock, PrintStream out) {
    this.port = port;
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
    var created = port.write(unit -> {
      // Another replica may be bootstrapping the same database: the tenant row decides.
      if (!unit.users().createTenant(domain.toLowerCase(java.util.Locale.ROOT), clock.instant())) {
        return false;
      }
      var now = clock.instant();
      unit.users().insert(Directory.newUser(new NewUser(admin, "Administrator", "en", Set.of(Role.GLOBAL_ADMIN)), now, false), adminHash);
      unit.audit().append(AuditRecord.of("system", "", Action.CREATE_USER, admin.value(), "", AuditRecord.Outcome.SUCCESS,
          Map.of("roles", "GLOBAL_ADMIN", "reason", "bootstrap")));
      seedCatalogue(unit.memberships());
      if (demo) {
        seedDemo(unit.users(), domain, demoHash, now, demoStaff);
        // A phone and a tablet that synced, so that offboarding can show a wipe and a block.
        var alex = unit.users().find(new UserName("alex.wilber@" + domain)).orElseThrow();
        unit.devices().recordSync(alex.id(), "ANDROID-5E1C07", "Pixel 8", now);
        unit.devices().recordSync(alex.id(), "IPAD-93B2F4", "iPad Air", now);
        seedDemoMemberships(unit, domain, now);
        unit.audit().append(AuditRecord.of("system", "", Action.CREATE_USER, "", "", AuditRecord.Outcome.SUCCESS,
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
    return port.read(unit -> unit.users().tenantDomain().orElse(null));
  }

  /**
   * Users across every role; one locked out, one blocked, one restricted from sending; and
   * {@code staff} more to offboard in bulk.
   */
  private void seedDemo(UnitOfWork.Users users, String domain, String hash, Instant now, int staff) {
    users.insert(user("megan.bowen", domain, "Megan Bowen", "en", Set.of(Role.USER_ADMIN), now), hash);
    users.insert(user("lee.gu", domain, "Lee Gu", "sv", Set.of(Role.HELPDESK_ADMIN), now), hash);
    users.insert(user("isaiah.langer", domain, "Isaiah Langer", "nl", Set.of(Role.EXCHANGE_ADMIN), now), hash);
    users.insert(user("lynne.robbins", domain, "Lynne Robbins", "fr", Set.of(Role.SECURITY_ADMIN), now), hash);
    // Locked out after ten bad passwords, for the third time in a row; an hour long, so that a
    // newcomer has time to find it.
    var locked = user("alex.wilber", domain, "Alex Wilber", "fr", Set.of(), now);
    users.insert(locked.withLockout(10, List.of(), 3, now.plus(Duration.ofHours(1))), hash);
    users.insert(user("diego.siciliani", domain, "Diego Siciliani", "ro", Set.of(), now).withSignInBlocked(true), hash);
    users.insert(user("adele.vance", domain, "Adele Vance", "nl", Set.of(), now)
        .withRestriction(new SendingRestriction(SendingRestriction.Reason.OUTBOUND_SPAM, now, null), 0), hash);
    int made = 0;
    for (int i = 0; made < staff; i++) {
      var first = FIRST.get(i % FIRST.size());
      var last = LAST.get((i / FIRST.size()) % LAST.size());
      var local = first + "." + last + (i >= FIRST.size() * LAST.size() ? Integer.toString(i) : "");
      if (Set.of("alex.wilber", "megan.bowen", "lynne.robbins", "adele.vance", "isaiah.langer").contains(local)) {
        continue;
      }
      users.insert(user(local, domain, capitalize(first) + " " + capitalize(last),
          List.of("en", "fr", "ro", "nl", "sv").get(i % 5), Set.of(), now), hash);
      made++;
    }
  }

  /**
   * The products the tenant bought, with their seats. The built-in directory sells nothing: the
   * catalogue is fixed at bootstrap, sized so that a demo has both free seats and a full product.
   */
  private static void seedCatalogue(UnitOfWork.Memberships memberships) {
    memberships.defineLicence("SPE_E3", "Microsoft 365 E3", 25);
    memberships.defineLicence("SPE_E5", "Microsoft 365 E5", 5);
    memberships.defineLicence("SPB", "Microsoft 365 Business Premium", 10);
    memberships.defineLicence("EXCHANGESTANDARD", "Exchange Online (Plan 1)", 3);
  }

  /**
   * Groups and licences for the named demo users: Diego Siciliani is the only owner of Finance,
   * so that offboarding him shows the last-owner warning; Exchange Online (Plan 1) is full, so
   * that a restore after its seat was given away shows a licence that cannot come back.
   */
  private void seedDemoMemberships(UnitOfWork unit, String domain, Instant now) {
    var m = unit.memberships();
    var sales = m.createGroup(java.util.UUID.randomUUID().toString(), "Sales", now);
    var finance = m.createGroup(java.util.UUID.randomUUID().toString(), "Finance", now);
    var everyone = m.createGroup(java.util.UUID.randomUUID().toString(), "All staff", now);
    var admins = m.createGroup(java.util.UUID.randomUUID().toString(), "IT Admins", now);
    for (var local : List.of("megan.bowen", "lee.gu", "isaiah.langer", "lynne.robbins", "alex.wilber",
        "diego.siciliani", "adele.vance")) {
      var id = unit.users().find(new UserName(local + "@" + domain)).orElseThrow().id();
      m.add(id, new UnitOfWork.Memberships.Membership(everyone, false), now);
      m.assign(id, "SPE_E3", now);
    }
    var megan = unit.users().find(new UserName("megan.bowen@" + domain)).orElseThrow().id();
    var diego = unit.users().find(new UserName("diego.siciliani@" + domain)).orElseThrow().id();
    var adele = unit.users().find(new UserName("adele.vance@" + domain)).orElseThrow().id();
    m.add(megan, new UnitOfWork.Memberships.Membership(everyone, true), now);
    m.add(megan, new UnitOfWork.Memberships.Membership(admins, true), now);
    m.add(megan, new UnitOfWork.Memberships.Membership(admins, false), now);
    m.add(diego, new UnitOfWork.Memberships.Membership(finance, true), now);
    m.add(diego, new UnitOfWork.Memberships.Membership(finance, false), now);
    m.add(diego, new UnitOfWork.Memberships.Membership(sales, false), now);
    m.add(adele, new UnitOfWork.Memberships.Membership(sales, true), now);
    m.add(adele, new UnitOfWork.Memberships.Membership(sales, false), now);
    m.add(megan, new UnitOfWork.Memberships.Membership(sales, true), now);
    m.assign(megan, "SPE_E5", now);
    for (var id : List.of(megan, diego, adele)) {
      m.assign(id, "EXCHANGESTANDARD", now);
    }
  }

  private static User user(String local, String domain, String displayName, String language, Set<Role> roles, Instant now) {
    return Directory.newUser(new NewUser(new UserName(local + "@" + domain), displayName, language, roles), now, false);
  }

  private static String capitalize(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
