package dev.accountadmin.server.store;

import dev.accountadmin.domain.TemplateVersion;
import dev.accountadmin.domain.UnitOfWork;
import dev.accountadmin.domain.UserName;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** The offboarding template's versions; options are kept as Base64 text. */
final class TemplateStore implements UnitOfWork.OffboardingTemplates {
  private static final String COLUMNS = "version, options, updater_name, updated_at";
  private final Connection c;

  TemplateStore(Connection c) {
    this.c = c;
  }

  @Override
  public Optional<TemplateVersion> current() {
    var versions = list(" LIMIT 1");
    return versions.isEmpty() ? Optional.empty() : Optional.of(versions.get(0));
  }

  @Override
  public List<TemplateVersion> versions() {
    return list("");
  }

  private List<TemplateVersion> list(String limit) {
    return Sql.call(() -> {
      try (var s = c.prepareStatement("SELECT " + COLUMNS + " FROM offboarding_templates ORDER BY version DESC" + limit)) {
        var found = new ArrayList<TemplateVersion>();
        try (var r = s.executeQuery()) {
          while (r.next()) {
            found.add(read(r));
          }
        }
        return found;
      }
    });
  }

  @Override
  public boolean insert(TemplateVersion version, String updaterId) {
    return Sql.call(() -> {
      try (var s = c.prepareStatement("INSERT INTO offboarding_templates (version, options, updater_id, updater_name,"
          + " updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (version) DO NOTHING")) {
        s.setLong(1, version.version());
        s.setString(2, Base64.getEncoder().encodeToString(version.options()));
        s.setString(3, updaterId);
        s.setString(4, version.updater().value());
        s.setLong(5, version.updatedAt().toEpochMilli());
        return s.executeUpdate() == 1;
      }
    });
  }

  private static TemplateVersion read(ResultSet r) throws SQLException {
    return new TemplateVersion(r.getLong("version"), Base64.getDecoder().decode(r.getString("options")),
        UserName.parse("updater", r.getString("updater_name")), Instant.ofEpochMilli(r.getLong("updated_at")));
  }
}
