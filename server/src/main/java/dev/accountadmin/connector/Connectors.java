package dev.accountadmin.connector;

import dev.accountadmin.connector.ad.ActiveDirectory;
import dev.accountadmin.connector.ad.ActiveDirectorySettings;
import java.time.Clock;

/**
 * The connector types a directories file can name. A new type (Keycloak) is one more case here
 * and one {@link Connector} implementation in its own package.
 */
public final class Connectors {
  private Connectors() {}

  public static Connector open(DirectoriesFile.Entry entry, Clock clock) {
    return switch (entry.type()) {
      case ActiveDirectory.TYPE -> new ActiveDirectory(entry.name(), ActiveDirectorySettings.of(entry.settings()), clock);
      default -> throw DirectoriesFile.invalid(entry.name(), "has the connector type " + entry.type()
          + ", which this server does not know (it knows " + ActiveDirectory.TYPE + ")");
    };
  }
}
