package dev.accountadmin.connector.ad;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.util.ssl.PEMFileTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Samba Active Directory domain controller (Debian's {@code samba}), provisioned in a
 * temporary directory and listening on loopback only. Samba's LDAP ports are fixed (389, 636; only
 * the CLDAP port is configurable) and it binds only to addresses an interface has, so it takes
 * 127.0.0.1: one DC at a time on a machine. Its TLS certificate is made here for 127.0.0.1, so
 * that the connector verifies the host name as in production. The domain's password policy is
 * complex passwords of at least 10 characters, no minimum age, and a lockout after 3 bad ones.
 */
public final class SambaDc implements AutoCloseable {
  public static final String REALM = "CORP.EXAMPLE.TEST";
  public static final String SUFFIX = "corp.example.test";
  public static final String BASE_DN = "DC=corp,DC=example,DC=test";
  public static final String USERS_DN = "CN=Users," + BASE_DN;
  public static final String LEAVERS_OU = "OU=Leavers," + BASE_DN;
  public static final String ADMIN_DN = "CN=Administrator," + USERS_DN;
  public static final String URL = "ldaps://127.0.0.1:636";
  public static final int LOCKOUT_THRESHOLD = 3;

  private final Path dir;
  private final Path caFile;
  private final String adminPassword;
  private final Duration startup;
  private final Process samba;

  private SambaDc(Path dir, Path caFile, String adminPassword, Process samba, Duration startup) {
    this.dir = dir;
    this.caFile = caFile;
    this.adminPassword = adminPassword;
    this.samba = samba;
    this.startup = startup;
  }

  /** Provisions a new domain in {@code dir} and starts its DC; fails when samba-tool is missing or port 636 is taken. */
  public static SambaDc start(Path dir) throws Exception {
    var began = Instant.now();
    if (!Files.isExecutable(Path.of("/usr/bin/samba-tool"))) {
      throw new IllegalStateException("samba-tool is missing: install Debian's samba package (.ci/run does)");
    }
    if (listening(636)) {
      throw new IllegalStateException("something already listens on 127.0.0.1:636: another Samba DC?");
    }
    var adminPassword = "Adm1n-" + java.util.UUID.randomUUID().toString().substring(0, 12) + "!";
    var target = dir.resolve("dc");
    run(dir, "samba-tool", "domain", "provision", "--targetdir=" + target, "--use-rfc2307", "--server-role=dc",
        "--realm=" + REALM, "--domain=CORP", "--adminpass=" + adminPassword, "--dns-backend=NONE", "--host-name=dc1",
        "--option=interfaces=127.0.0.1", "--option=bind interfaces only=yes");
    var conf = target.resolve("etc/smb.conf");
    run(dir, "samba-tool", "domain", "passwordsettings", "set", "-s", conf.toString(), "--complexity=on",
        "--min-pwd-length=10", "--min-pwd-age=0", "--max-pwd-age=0", "--history-length=0",
        "--account-lockout-threshold=" + LOCKOUT_THRESHOLD, "--account-lockout-duration=30",
        "--reset-account-lockout-after=30");
    var key = target.resolve("tls-key.pem");
    var cert = target.resolve("tls-cert.pem");
    run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(), "-out",
        cert.toString(), "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1");
    Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    // Only LDAP, one worker, everything in the temp dir: no SMB, DNS, NetBIOS or Kerberos ports taken.
    var text = Files.readString(conf).replaceAll("(?m)^\\s*server services = .*$", String.join("\n",
        "\tserver services = ldap",
        "\tprefork children = 1",
        "\tpid directory = " + target,
        "\ttls enabled = yes",
        "\ttls keyfile = " + key,
        "\ttls certfile = " + cert,
        "\ttls cafile = ",
        "\tlog file = " + target.resolve("log.%m")))
        .replaceAll("(?m)^\\s*log file = /var/.*$\\n", "");
    Files.writeString(conf, text);
    var samba = new ProcessBuilder("samba", "-i", "-s", conf.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("samba.out").toFile()).start();
    var dc = new SambaDc(dir, cert, adminPassword, samba, Duration.ZERO);
    var deadline = Instant.now().plusSeconds(90);
    while (true) {
      try (var c = dc.admin()) {
        break;
      } catch (LDAPException e) {
        if (!samba.isAlive() || Instant.now().isAfter(deadline)) {
          dc.close();
          throw new IllegalStateException("Samba did not answer LDAP: " + Files.readString(dir.resolve("samba.out")), e);
        }
        // Waiting for another process to come up, not racing our own scheduler.
        Thread.sleep(250);
      }
    }
    try (var c = dc.admin()) {
      c.add("dn: " + LEAVERS_OU, "objectClass: organizationalUnit", "ou: Leavers");
    }
    return new SambaDc(dir, cert, adminPassword, samba, Duration.between(began, Instant.now()));
  }

  /** How long provisioning and the first LDAP answer took. */
  public Duration startup() {
    return startup;
  }

  /** The Administrator's password, to keep out of logs. */
  public String adminPassword() {
    return adminPassword;
  }

  private static boolean listening(int port) {
    try (var socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void run(Path dir, String... command) throws Exception {
    var log = dir.resolve("setup.log");
    var process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
      throw new IllegalStateException(command[0] + " " + command[1] + " failed: " + Files.readString(log));
    }
  }

  /** A connection bound as the domain's Administrator. */
  public LDAPConnection admin() throws LDAPException {
    return connect(ADMIN_DN, adminPassword);
  }

  /** A new LDAPS connection bound as {@code dn}; INVALID_CREDENTIALS when the DC refuses the password. */
  public LDAPConnection connect(String dn, String password) throws LDAPException {
    try {
      var ssl = new SSLUtil(new PEMFileTrustManager(caFile.toFile()));
      var c = new LDAPConnection(ssl.createSSLSocketFactory(), "127.0.0.1", 636);
      try {
        c.bind(dn, password);
        return c;
      } catch (LDAPException e) {
        c.close();
        throw e;
      }
    } catch (java.security.GeneralSecurityException e) {
      throw new LDAPException(ResultCode.LOCAL_ERROR, e);
    }
  }

  /** Whether the DC accepts {@code password} for {@code dn} in a simple bind; what it said otherwise. */
  public ResultCode bind(String dn, String password) {
    try (var c = connect(dn, password)) {
      return ResultCode.SUCCESS;
    } catch (LDAPException e) {
      return e.getResultCode();
    }
  }

  /** The diagnostic message of a refused bind (AD's "data 775" for a locked account, "data 773" for a must-change). */
  public String bindDiagnostic(String dn, String password) {
    try (var c = connect(dn, password)) {
      return "";
    } catch (LDAPException e) {
      return String.valueOf(e.getDiagnosticMessage());
    }
  }

  /** Creates an enabled user in CN=Users with {@code password}; returns its DN. */
  public String createUser(String login, String displayName, String password, String... groups) throws LDAPException {
    var dn = "CN=" + displayName + "," + USERS_DN;
    try (var c = admin()) {
      c.add(new com.unboundid.ldap.sdk.Entry(dn, List.of(
          new Attribute("objectClass", "top", "person", "organizationalPerson", "user"),
          new Attribute("sAMAccountName", login),
          new Attribute("userPrincipalName", login + "@" + SUFFIX),
          new Attribute("displayName", displayName),
          new Attribute("description", "Staff"),
          new Attribute("unicodePwd", unicodePwd(password)),
          new Attribute("userAccountControl", "512"))));
      for (var group : groups) {
        c.modify("CN=" + group + ",CN=Builtin," + BASE_DN + "", new Modification(ModificationType.ADD, "member", dn));
      }
    }
    return dn;
  }

  /** Adds the user to a group of CN=Users (Domain Admins). */
  public void addToUsersGroup(String dn, String group) throws LDAPException {
    try (var c = admin()) {
      c.modify("CN=" + group + "," + USERS_DN, new Modification(ModificationType.ADD, "member", dn));
    }
  }

  /** A new global security group in CN=Users, itself a member of these groups of CN=Builtin; its DN. */
  public String createGroup(String name, String... builtinGroups) throws LDAPException {
    var dn = "CN=" + name + "," + USERS_DN;
    try (var c = admin()) {
      c.add(new com.unboundid.ldap.sdk.Entry(dn, List.of(new Attribute("objectClass", "top", "group"),
          new Attribute("sAMAccountName", name.replace(' ', '-')))));
      for (var group : builtinGroups) {
        c.modify("CN=" + group + ",CN=Builtin," + BASE_DN, new Modification(ModificationType.ADD, "member", dn));
      }
    }
    return dn;
  }

  /** The user's entry, by user principal name, read as Administrator. */
  public SearchResultEntry entry(String upn) throws LDAPException {
    try (var c = admin()) {
      return c.searchForEntry(BASE_DN, com.unboundid.ldap.sdk.SearchScope.SUB, "(userPrincipalName=" + upn + ")",
          "*", "memberOf", "msDS-User-Account-Control-Computed");
    }
  }

  /** The user's own password change (AD's delete-old, add-new), made on a connection bound as Administrator. */
  public ResultCode changePassword(String dn, String oldPassword, String newPassword) {
    try (var c = admin()) {
      c.modify(dn, new Modification(ModificationType.DELETE, "unicodePwd", unicodePwd(oldPassword)),
          new Modification(ModificationType.ADD, "unicodePwd", unicodePwd(newPassword)));
      return ResultCode.SUCCESS;
    } catch (LDAPException e) {
      return e.getResultCode();
    }
  }

  static byte[] unicodePwd(String password) {
    return ("\"" + password + "\"").getBytes(StandardCharsets.UTF_16LE);
  }

  /** The DC's service-account settings as a directories file's table. */
  public String directoriesToml(String name, Path passwordFile) throws IOException {
    Files.writeString(passwordFile, adminPassword + "\n");
    return "[directories." + name + "]\n"
        + "type = \"active-directory\"\n"
        + "url = \"" + URL + "\"\n"
        + "bind_dn = \"" + ADMIN_DN + "\"\n"
        + "bind_password_file = \"" + passwordFile + "\"\n"
        + "base_dn = \"" + BASE_DN + "\"\n"
        + "leavers_ou = \"" + LEAVERS_OU + "\"\n"
        + "tls_ca_file = \"" + caFile + "\"\n"
        + "upn_suffixes = [\"" + SUFFIX + "\"]\n";
  }

  @Override
  public void close() throws Exception {
    samba.descendants().forEach(ProcessHandle::destroy);
    samba.destroy();
    if (!samba.waitFor(20, TimeUnit.SECONDS)) {
      samba.descendants().forEach(ProcessHandle::destroyForcibly);
      samba.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
