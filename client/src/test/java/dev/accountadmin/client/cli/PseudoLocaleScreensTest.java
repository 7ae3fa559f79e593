package dev.accountadmin.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import dev.accountadmin.i18n.Locales;
import dev.accountadmin.i18n.Messages;
import dev.accountadmin.v1.AdminRole;
import dev.accountadmin.v1.AdminRolesDetails;
import dev.accountadmin.v1.LockoutClearedDetails;
import dev.accountadmin.v1.Lockout;
import dev.accountadmin.v1.MailProtocol;
import dev.accountadmin.v1.MailProtocolsDetails;
import dev.accountadmin.v1.Mailbox;
import dev.accountadmin.v1.SendingRestriction;
import dev.accountadmin.v1.SendingRestrictionDetails;
import dev.accountadmin.v1.SendingRestrictionReason;
import dev.accountadmin.v1.SessionsRevokedDetails;
import dev.accountadmin.v1.StepDetails;
import dev.accountadmin.v1.StepError;
import dev.accountadmin.v1.StepKind;
import dev.accountadmin.v1.StepOutcome;
import dev.accountadmin.v1.StepResult;
import dev.accountadmin.v1.User;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every CLI screen rendered in the pseudo-locale (accented, a third longer, bracketed): nothing
 * left untranslated, no placeholder left unsubstituted, columns still aligned with longer text.
 */
final class PseudoLocaleScreensTest {
  private static final Messages PSEUDO = Messages.of(Locales.PSEUDO, ZoneOffset.UTC);
  private static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");

  private static Timestamp at(Instant instant) {
    return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).build();
  }

  private static int column(String line, String cell) {
    int index = line.indexOf(cell);
    assertThat(index).as("\"" + cell + "\" in \"" + line + "\"").isNotNegative();
    return line.codePointCount(0, index);
  }

  @Test
  void guide_everyProcedure_everyLineFromABundleAndNoPlaceholderLeft() {
    for (String procedure : List.of("unlock", "offboard", "compromised")) {
      var result = GuideCommandTest.run("--locale", "qps", "guide", procedure);

      assertThat(result.code()).as(result.err()).isZero();
      assertThat(result.out()).doesNotContain("{", "}");
      // A line without a bracket would be text that never went through a bundle.
      assertThat(result.out().lines().filter(l -> !l.isBlank()))
          .as(procedure).allSatisfy(line -> assertThat(line).contains("[", "~]"));
      assertThat(result.out()).contains("acctadmin ");
    }
  }

  @Test
  void userTable_columnsStayAlignedWithLongerText() {
    var users = List.of(
        User.newBuilder().setUserPrincipalName("alex@contoso.com").setDisplayName("Alex Wilber")
            .addAdminRoles(AdminRole.ADMIN_ROLE_GLOBAL_ADMIN).addAdminRoles(AdminRole.ADMIN_ROLE_HELPDESK_ADMIN).build(),
        User.newBuilder().setUserPrincipalName("pat@contoso.com").setDisplayName("Pat")
            .setSignInBlocked(true).setLockout(Lockout.newBuilder().setLocked(true).setLockedUntil(at(NOW)))
            .setMailbox(Mailbox.newBuilder().setSendingRestriction(SendingRestriction.newBuilder()
                .setReason(SendingRestrictionReason.SENDING_RESTRICTION_REASON_OUTBOUND_SPAM))).build(),
        User.newBuilder().setUserPrincipalName("lee@contoso.com").setDisplayName("Lee Gu")
            .setDeleteTime(at(NOW)).setOffboardTime(at(NOW)).build());
    var out = new StringWriter();

    Render.userTable(new PrintWriter(out, true), PSEUDO, users);

    var lines = out.toString().lines().toList();
    assertThat(out.toString()).doesNotContain("{", "}");
    var header = lines.get(0);
    int[] columns = {
      column(header, PSEUDO.render("cli.users.column.user", java.util.Map.of())),
      column(header, PSEUDO.render("cli.users.column.displayName", java.util.Map.of())),
      column(header, PSEUDO.render("cli.users.column.roles", java.util.Map.of())),
      column(header, PSEUDO.render("cli.users.column.state", java.util.Map.of()))};
    for (int i = 0; i < users.size(); i++) {
      var u = users.get(i);
      var line = lines.get(i + 1);
      var roles = u.getAdminRolesCount() == 0 ? "–" : String.join(", ", Render.roles(PSEUDO, u.getAdminRolesList()));
      var cells = List.of(u.getUserPrincipalName(), u.getDisplayName(), roles, Render.state(PSEUDO, u));
      for (int c = 0; c < cells.size(); c++) {
        assertThat(column(line, cells.get(c))).as(line).isEqualTo(columns[c]);
      }
    }
    assertThat(Render.state(PSEUDO, users.get(1))).contains("[", "]").doesNotContain("{");
  }

  @Test
  void userDetails_valuesStartInOneColumn() {
    var user = User.newBuilder().setUserPrincipalName("pat@contoso.com").setDisplayName("Pat").setPreferredLanguage("ro")
        .addAdminRoles(AdminRole.ADMIN_ROLE_USER_ADMIN).setActiveSessionCount(21).setCreateTime(at(NOW))
        .setMailbox(Mailbox.newBuilder().addEnabledProtocols(MailProtocol.MAIL_PROTOCOL_POP3)
            .addEnabledProtocols(MailProtocol.MAIL_PROTOCOL_IMAP)).build();
    var out = new StringWriter();

    Render.user(new PrintWriter(out, true), PSEUDO, user);

    var lines = out.toString().lines().toList();
    assertThat(out.toString()).doesNotContain("{", "}");
    var labels = List.of("cli.user.name", "cli.user.displayName", "cli.user.language", "cli.user.roles",
        "cli.user.state", "cli.user.protocols", "cli.user.sessions", "cli.user.created");
    assertThat(lines).hasSameSizeAs(labels);
    int first = column(lines.get(0), "pat@contoso.com");
    for (int i = 0; i < lines.size(); i++) {
      var line = lines.get(i);
      var label = PSEUDO.render(labels.get(i), java.util.Map.of());
      int[] cps = line.codePoints().toArray();
      // The label, then spaces up to the shared column, then the value.
      assertThat(line).startsWith(label);
      assertThat(new String(cps, label.codePointCount(0, label.length()), first - label.codePointCount(0, label.length())))
          .as(line).isBlank().hasSizeGreaterThanOrEqualTo(2);
      assertThat(Character.isWhitespace(cps[first])).as(line).isFalse();
    }
  }

  @Test
  void stepLines_everyKindTimesEveryOutcome_substituteEveryPlaceholder() {
    var outcomes = Arrays.stream(StepOutcome.values())
        .filter(o -> o != StepOutcome.STEP_OUTCOME_UNSPECIFIED && o != StepOutcome.UNRECOGNIZED).toList();
    var kinds = Arrays.stream(StepKind.values())
        .filter(k -> k != StepKind.STEP_KIND_UNSPECIFIED && k != StepKind.UNRECOGNIZED).toList();
    assertThat(outcomes).hasSize(7);
    assertThat(kinds).hasSize(40);
    for (var kind : kinds) {
      for (var outcome : outcomes) {
        var step = StepResult.newBuilder().setNumber(3).setKind(kind).setOutcome(outcome).setEffectiveTime(at(NOW))
            .addRequiredRoles(AdminRole.ADMIN_ROLE_GLOBAL_ADMIN).addRequiredRoles(AdminRole.ADMIN_ROLE_USER_ADMIN)
            .setDetails(details(kind));
        if (outcome == StepOutcome.STEP_OUTCOME_FAILED) {
          step.setError(StepError.newBuilder().setReason("CONCURRENT_MODIFICATION").putMetadata("user", "pat@contoso.com"));
        }
        if (outcome == StepOutcome.STEP_OUTCOME_NOT_APPLICABLE) {
          step.setError(StepError.newBuilder().setReason("STEP_NOT_APPLICABLE").putMetadata("directory", "corp")
              .putMetadata("step", kind.name()));
        }

        var line = Render.step(PSEUDO, "pat@contoso.com", step.build(), NOW);

        assertThat(line).as(kind + " " + outcome).startsWith("3. [").contains("pat@contoso.com")
            .doesNotContain("{", "}");
      }
    }
  }

  @Test
  void stepLines_everyMailProtocolOff_hasItsOwnSentence() {
    var step = StepResult.newBuilder().setNumber(4).setKind(StepKind.STEP_KIND_SET_MAIL_PROTOCOLS)
        .setOutcome(StepOutcome.STEP_OUTCOME_DONE).setEffectiveTime(at(NOW))
        .setDetails(StepDetails.newBuilder().setMailProtocols(MailProtocolsDetails.newBuilder()
            .addBefore(MailProtocol.MAIL_PROTOCOL_POP3).addBefore(MailProtocol.MAIL_PROTOCOL_IMAP))).build();

    var line = Render.step(Messages.of(java.util.Locale.ENGLISH, ZoneOffset.UTC), "pat@contoso.com", step, NOW);

    assertThat(line).isEqualTo("4. [done] Every mail protocol is now turned off for pat@contoso.com (POP3 and IMAP), "
        + "in effect at Nov 23, 2026, 9:00\u202FAM UTC.");
  }

  private static StepDetails details(StepKind kind) {
    var details = StepDetails.newBuilder();
    switch (kind) {
      case STEP_KIND_REVOKE_SESSIONS -> details.setSessionsRevoked(SessionsRevokedDetails.newBuilder()
          .setRevokedSessionCount(21).setAccessTokensValidUntil(at(NOW.plusSeconds(3600))));
      case STEP_KIND_SET_MAIL_PROTOCOLS -> details.setMailProtocols(MailProtocolsDetails.newBuilder()
          .addBefore(MailProtocol.MAIL_PROTOCOL_POP3).addBefore(MailProtocol.MAIL_PROTOCOL_IMAP)
          .addAfter(MailProtocol.MAIL_PROTOCOL_IMAP));
      case STEP_KIND_REMOVE_ADMIN_ROLES, STEP_KIND_ASSIGN_ADMIN_ROLES -> details.setAdminRoles(AdminRolesDetails.newBuilder()
          .addBefore(AdminRole.ADMIN_ROLE_EXCHANGE_ADMIN).addAfter(AdminRole.ADMIN_ROLE_SECURITY_ADMIN));
      case STEP_KIND_CLEAR_LOCKOUT -> details.setLockoutCleared(LockoutClearedDetails.newBuilder().setFailedAttempts(101));
      case STEP_KIND_LIFT_SENDING_RESTRICTION, STEP_KIND_RESTRICT_SENDING -> details.setSendingRestriction(
          SendingRestrictionDetails.newBuilder().setReason(SendingRestrictionReason.SENDING_RESTRICTION_REASON_OUTBOUND_SPAM)
              .setRestrictionLiftCount(2));
      case STEP_KIND_WIPE_DEVICES, STEP_KIND_CANCEL_DEVICE_WIPES -> details.setDevicesWiped(
          dev.accountadmin.v1.DevicesWipedDetails.newBuilder()
              .addDevices(dev.accountadmin.v1.DeviceWipe.newBuilder().setDeviceId("PHONE-1").setModel("Pixel")
                  .setState(dev.accountadmin.v1.DeviceWipeState.DEVICE_WIPE_STATE_PENDING))
              .addDevices(dev.accountadmin.v1.DeviceWipe.newBuilder().setDeviceId("PHONE-2").setModel("Pixel")
                  .setState(dev.accountadmin.v1.DeviceWipeState.DEVICE_WIPE_STATE_CONFIRMED)));
      case STEP_KIND_BLOCK_DEVICES, STEP_KIND_UNBLOCK_DEVICES -> details.setDevicesBlocked(
          dev.accountadmin.v1.DevicesBlockedDetails.newBuilder().addDeviceIds("PHONE-1").addDeviceIds("PHONE-2"));
      // The last-owner warning and a full product: the longest lines these steps have.
      case STEP_KIND_REMOVE_GROUP_MEMBERSHIPS, STEP_KIND_RESTORE_GROUP_MEMBERSHIPS -> details.setGroupMemberships(
          dev.accountadmin.v1.GroupMembershipsDetails.newBuilder().addMemberGroups("Sales").addMemberGroups("Finance")
              .addOwnedGroups("Finance").addOwnerlessGroups("Finance"));
      case STEP_KIND_REMOVE_LICENCES, STEP_KIND_RESTORE_LICENCES -> details.setLicences(
          dev.accountadmin.v1.LicencesDetails.newBuilder().addLicences("Microsoft 365 E3")
              .addLicencesWithoutFreeSeat("Exchange Online (Plan 1)"));
      // What restore cannot give back: the longest line of the methods steps.
      case STEP_KIND_REMOVE_AUTH_METHODS, STEP_KIND_RESTORE_AUTH_METHODS -> details.setAuthMethods(
          dev.accountadmin.v1.AuthMethodsDetails.newBuilder()
              .addMethods(dev.accountadmin.v1.AuthMethodKind.AUTH_METHOD_KIND_ALTERNATE_EMAIL)
              .addNotRestorable(dev.accountadmin.v1.AuthMethodKind.AUTH_METHOD_KIND_AUTHENTICATOR_APP)
              .addNotRestorable(dev.accountadmin.v1.AuthMethodKind.AUTH_METHOD_KIND_APP_PASSWORD)
              .setReregistrationRequired(true));
      case STEP_KIND_REQUIRE_REREGISTRATION, STEP_KIND_LIFT_REREGISTRATION -> details.setReregistration(
          dev.accountadmin.v1.ReregistrationDetails.newBuilder()
              .addMethods(dev.accountadmin.v1.AuthMethodKind.AUTH_METHOD_KIND_AUTHENTICATOR_APP));
      case STEP_KIND_REVIEW_ADMIN_ROLES -> details.setAdminRoles(AdminRolesDetails.newBuilder()
          .addBefore(AdminRole.ADMIN_ROLE_EXCHANGE_ADMIN).addAfter(AdminRole.ADMIN_ROLE_EXCHANGE_ADMIN));
      default -> {}
    }
    return details.build();
  }

  @Test
  void stepLines_alreadyDoneWithATime_saySinceWhen() {
    var step = StepResult.newBuilder().setNumber(3).setKind(StepKind.STEP_KIND_RESTRICT_SENDING)
        .setOutcome(StepOutcome.STEP_OUTCOME_ALREADY_DONE).setEffectiveTime(at(NOW)).build();
    var undated = step.toBuilder().clearEffectiveTime().build();
    var english = Messages.of(java.util.Locale.ENGLISH, ZoneOffset.UTC);

    assertThat(Render.step(english, "pat@contoso.com", step, NOW.plusSeconds(3600))).isEqualTo(
        "3. [already done] pat@contoso.com has been restricted from sending email since Nov 23, 2026, 9:00\u202FAM UTC.");
    assertThat(Render.step(english, "pat@contoso.com", undated, NOW))
        .isEqualTo("3. [already done] pat@contoso.com was already restricted from sending email.");
  }
}
