package dev.accountadmin.server;

import dev.accountadmin.connector.Connector;
import dev.accountadmin.connector.DirectoriesFile;
import dev.accountadmin.connector.ad.ActiveDirectory;
import dev.accountadmin.connector.ad.ActiveDirectorySettings;
import dev.accountadmin.connector.keycloak.Keycloak;
import java.time.Clock;

/**
 * The connector types a directories file can name. A new type (Keycloak) is one more case here
 * and one {@link Connector} implementation in a package of its own; here, in the edge, because
 * the framework's package must not know the packages that implement it.
 */
final class Connectors {
  private Connectors() {}

  static Connector open(DirectoriesFile.Entry entry, Clock clock) {
    return switch (entry.type()) {
      case ActiveDirectory.TYPE -> new ActiveDirectory(entry.name(), ActiveDirectorySettings.of(entry.settings()), clock);
      case Keycloak.TYPE -> Keycloak.open(entry.name(), entry.settings(), clock);
      default -> throw new IllegalArgumentException("directory " + entry.name() + " has the connector type "
          + entry.type() + ", which this server does not know (it knows " + ActiveDirectory.TYPE + " and "
          + Keycloak.TYPE + ")");
    };
  }
}
