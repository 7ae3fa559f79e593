package dev.accountadmin.connector.ad;

import dev.accountadmin.connector.DirectoriesFile;
import dev.accountadmin.domain.Role;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How to reach one Active Directory domain and what its groups mean here.
 *
 * @param url {@code ldaps://host:636}, or {@code ldap://host:389} with {@code startTls}: AD takes a
 *     password (unicodePwd) only over an encrypted connection, so a plain one is refused
 * @param caFile the PEM certificates to trust for the DC's TLS certificate; null for the JVM's
 * @param leaversOu where offboarding moves an account (restore moves it back); null: it stays put
 * @param adminGroups the privileged groups that make a user one of our admin roles (by group name)
 * @param ticketLifetime how long a Kerberos ticket issued before an offboarding stays valid
 */
public record ActiveDirectorySettings(String url, boolean startTls, String bindDn, String bindPassword, String baseDn,
    String leaversOu, Path caFile, boolean verifyHostname, Map<Role, List<String>> adminGroups, Duration ticketLifetime,
    Duration connectTimeout, Duration responseTimeout) {

  /**
   * Active Directory's built-in privileged groups as our roles: the domain's own administrators
   * are global admins, Account Operators (who manage users and groups) user admins.
   */
  public static final Map<Role, List<String>> DEFAULT_ADMIN_GROUPS = Map.of(
      Role.GLOBAL_ADMIN, List.of("Domain Admins", "Enterprise Admins", "Schema Admins", "Administrators",
          "Server Operators", "Backup Operators"),
      Role.USER_ADMIN, List.of("Account Operators"));

  @Override
  public String toString() {
    return "ActiveDirectorySettings[url=" + url + ", bindDn=" + bindDn + ", baseDn=" + baseDn + "]";
  }

  public static ActiveDirectorySettings of(DirectoriesFile.Settings s) {
    var url = s.text("url");
    boolean startTls = s.flag("start_tls", false);
    if (!url.startsWith("ldaps://") && !startTls) {
      throw new IllegalArgumentException("directory url " + url + " is not encrypted: use ldaps:// or start_tls = true");
    }
    var groups = new EnumMap<Role, List<String>>(Role.class);
    var configured = s.lists("admin_groups");
    if (configured.isEmpty()) {
      groups.putAll(DEFAULT_ADMIN_GROUPS);
    } else {
      configured.forEach((role, names) -> groups.put(Role.valueOf(role), List.copyOf(names)));
    }
    var ca = s.text("tls_ca_file", null);
    return new ActiveDirectorySettings(url, startTls, s.text("bind_dn"), s.secret("bind_password"), s.text("base_dn"),
        s.text("leavers_ou", null), ca == null ? null : Path.of(ca), s.flag("tls_verify_hostname", true), groups,
        Duration.ofHours(s.number("kerberos_ticket_lifetime_hours", 10)),
        Duration.ofMillis(s.number("connect_timeout_ms", 5000)), Duration.ofMillis(s.number("response_timeout_ms", 15000)));
  }
}
