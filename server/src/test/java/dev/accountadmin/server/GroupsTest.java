package dev.accountadmin.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accountadmin.server.store.Dialect;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/** Groups and licences of the built-in directory, on both engines. */
final class GroupsTest {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void demo_givesItsUsersGroupsAndLicences_withinTheSeats(Dialect engine) throws Exception {
    try (var server = new TestServer(engine, dir, true)) {
      assertThat(server.queryLong("SELECT COUNT(*) FROM licences")).isEqualTo(4);
      assertThat(server.queryLong("SELECT COUNT(*) FROM directory_groups")).isEqualTo(4);
      // Diego is Finance's only owner: the last-owner case offboarding warns about.
      assertThat(server.queryLong("SELECT COUNT(*) FROM group_members m JOIN directory_groups g ON g.id = m.group_id"
          + " WHERE g.name = 'Finance' AND m.owner = TRUE")).isEqualTo(1);
      // Exchange Online (Plan 1) is full, and no product has more assignments than seats.
      assertThat(server.queryLong("SELECT COUNT(*) FROM licence_assignments WHERE sku = 'EXCHANGESTANDARD'")).isEqualTo(3);
      assertThat(server.queryLong("SELECT COUNT(*) FROM licences l WHERE l.seats <"
          + " (SELECT COUNT(*) FROM licence_assignments a WHERE a.sku = l.sku)")).isZero();
      assertThat(server.queryLong("SELECT COUNT(*) FROM licence_assignments WHERE sku = 'SPE_E3'")).isEqualTo(7);
    }
  }
}
