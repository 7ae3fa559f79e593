package dev.accountadmin.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Groups and licences from the command line, against a real server with the demo directory. */
final class GroupsCliTest {
  @TempDir Path dir;
  CliServer cli;

  @BeforeEach
  void start() throws Exception {
    cli = new CliServer(dir);
    cli.login();
  }

  @AfterEach
  void stop() {
    cli.close();
  }

  @Test
  void offboard_withGroupsAndLicences_warnsOfTheLastOwner_andRestoreGivesThemBack() {
    var plan = cli.run("--locale", "en", "offboard", "diego.siciliani@contoso.com", "--remove-groups", "--remove-licences",
        "--dry-run");
    assertThat(plan.code()).as(plan.err()).isZero();
    assertThat(plan.out()).contains("diego.siciliani@contoso.com would be removed from 3 groups: All staff, Finance, and Sales.")
        .contains("is the last owner of Finance");

    var done = cli.run("--locale", "en", "offboard", "diego.siciliani@contoso.com", "--remove-groups", "--remove-licences");
    assertThat(done.code()).as(done.err()).isZero();
    assertThat(done.out()).contains("16. [done]").contains("17. [done]")
        .contains("was the last owner of Finance, which now has no owner")
        .contains("lost 2 licences (Exchange Online (Plan 1) and Microsoft 365 E3)");

    var restored = cli.run("--locale", "ro", "restore", "diego.siciliani@contoso.com", "--show-password");
    assertThat(restored.code()).as(restored.err()).isZero();
    assertThat(restored.out()).contains("a fost adăugat din nou în 3 grupuri").contains("2 licențe au fost atribuite din nou");
  }

  @Test
  void offboard_withoutTheOptions_leavesGroupsAndLicences() {
    var done = cli.run("--locale", "fr", "offboard", "diego.siciliani@contoso.com");
    assertThat(done.code()).as(done.err()).isZero();
    assertThat(done.out()).contains("Groupes du compte diego.siciliani@contoso.com\u00A0: étape ignorée.")
        .contains("Licences du compte diego.siciliani@contoso.com\u00A0: étape ignorée.");
  }

  @Test
  void groupsAndLicences_listTheUsersPlaces_theCatalogue_andRemoveThemAll() {
    var groups = cli.run("--locale", "en", "groups", "diego.siciliani@contoso.com");
    assertThat(groups.code()).as(groups.err()).isZero();
    assertThat(groups.out()).contains("All staff: member\n", "Finance: member and group owner\n", "Sales: member\n", "3 groups.");

    var catalogue = cli.run("--locale", "en", "licences");
    assertThat(catalogue.code()).as(catalogue.err()).isZero();
    assertThat(catalogue.out()).contains("Exchange Online (Plan 1) (EXCHANGESTANDARD): 3 seats used, 0 free.");

    var mine = cli.run("--locale", "sv", "licences", "diego.siciliani@contoso.com");
    assertThat(mine.out()).contains("Microsoft 365 E3 (SPE_E3)");

    var removed = cli.run("--locale", "en", "licences", "diego.siciliani@contoso.com", "--remove-all");
    assertThat(removed.code()).as(removed.err()).isZero();
    assertThat(cli.run("--locale", "en", "licences").out())
        .contains("Exchange Online (Plan 1) (EXCHANGESTANDARD): 2 seats used, 1 free.");
    assertThat(cli.run("--locale", "en", "groups", "diego.siciliani@contoso.com", "--remove-all").out())
        .contains("was the last owner of Finance");
    assertThat(cli.run("--locale", "en", "groups", "diego.siciliani@contoso.com").out())
        .contains("diego.siciliani@contoso.com is in no group.");
    assertThat(cli.run("--locale", "en", "licences", "--remove-all").code()).isEqualTo(ExitCode.USAGE);
  }
}
