package dev.accountadmin.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.ResultCode;
import dev.accountadmin.connector.ad.SambaDc;
import dev.accountadmin.server.store.Dialect;
import dev.accountadmin.v1.AdminRole;
import dev.accountadmin.v1.GetUserRequest;
import dev.accountadmin.v1.ListUsersRequest;
import dev.accountadmin.v1.MailProtocol;
import dev.accountadmin.v1.OffboardUserRequest;
import dev.accountadmin.v1.RestoreUserRequest;
import dev.accountadmin.v1.SetMailProtocolsRequest;
import dev.accountadmin.v1.StepKind;
import dev.accountadmin.v1.StepOutcome;
import dev.accountadmin.v1.StepResult;
import dev.accountadmin.v1.UnlockUserRequest;
import io.grpc.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The procedures on a real Samba Active Directory domain controller, provisioned once for the
 * class, through the real gRPC server on both engines: each engine's run has users of its own.
 * The server's clock starts at the DC's real time, as lockouts there are in real time.
 */
final class ActiveDirectoryTest {
  static SambaDc dc;
  @TempDir static Path dcDir;
  @TempDir Path dir;

  @BeforeAll
  static void startDc() throws Exception {
    dc = SambaDc.start(dcDir);
    System.out.println("Samba AD DC provisioned and answering in " + dc.startup().toMillis() + " ms");
  }

  @AfterAll
  static void stopDc() throws Exception {
    if (dc != null) {
      dc.close();
    }
  }

  private TestServer server(Dialect engine) throws Exception {
    var file = dir.resolve("directories.toml");
    // A second directory nobody answers for: its users' calls are UNAVAILABLE.
    Files.writeString(file, dc.directoriesToml("corp", dir.resolve("corp-bind-password")) + "\n"
        + "[directories.branch]\n"
        + "type = \"active-directory\"\n"
        + "url = \"ldaps://127.0.0.1:1\"\n"
        + "bind_dn = \"CN=svc,DC=branch,DC=example,DC=test\"\n"
        + "bind_password_env = \"BRANCH_BIND_PASSWORD\"\n"
        + "base_dn = \"DC=branch,DC=example,DC=test\"\n"
        + "connect_timeout_ms = 2000\n"
        + "upn_suffixes = [\"branch.example.test\"]\n"
        // The real DC, with a wrong service-account password: it refuses every call.
        + dc.directoriesToml("lab", dir.resolve("lab-bind-password")).replace("[\"" + SambaDc.SUFFIX + "\"]",
            "[\"lab.example.test\"]"));
    Files.writeString(dir.resolve("lab-bind-password"), "Not-The-Password-1\n");
    var server = new TestServer(engine, dir.resolve("server"), new TestClock(Instant.now()),
        config -> config.directories(file, Map.of("BRANCH_BIND_PASSWORD", "Branch-Secret-Pass-1")));
    LogCapture.secret(dc.adminPassword());
    return server;
  }

  /** The reason's message in every locale, from the metadata the server sent: every slot filled, the directory named. */
  static void rendersEverywhere(String reason, Map<String, String> metadata, String directory) {
    for (var locale : dev.accountadmin.i18n.Locales.SUPPORTED) {
      var text = dev.accountadmin.i18n.Messages.of(locale, java.time.ZoneOffset.UTC).renderError(reason, metadata);
      assertThat(text).as(locale + " " + reason).contains(directory).doesNotContain("{").doesNotContain("}");
    }
  }

  static StepResult step(List<StepResult> steps, StepKind kind) {
    return steps.stream().filter(s -> s.getKind() == kind).findFirst().orElseThrow();
  }

  static String login(String base, Dialect engine) {
    return base + "-" + engine.name().toLowerCase(java.util.Locale.ROOT).substring(0, 2);
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void unlock_clearsARealLockout_andTheUserSignsInWithTheNewPassword(Dialect engine) throws Exception {
    var login = login("lee", engine);
    var upn = login + "@" + SambaDc.SUFFIX;
    var dn = dc.createUser(login, "Lee Gu " + engine, "First-Pass-word-1");
    for (int i = 0; i < SambaDc.LOCKOUT_THRESHOLD; i++) {
      assertThat(dc.bind(dn, "Wrong-Pass-word-" + i)).isEqualTo(ResultCode.INVALID_CREDENTIALS);
    }
    // Locked: even the right password is refused now (AD's "data 775").
    assertThat(dc.bind(dn, "First-Pass-word-1")).isEqualTo(ResultCode.INVALID_CREDENTIALS);

    try (var server = server(engine)) {
      var admin = server.admin();
      var before = admin.getUser(GetUserRequest.newBuilder().setName("users/" + upn).build()).getUser();
      assertThat(before.getDirectory()).isEqualTo("corp");
      assertThat(before.getLockout().getLocked()).isTrue();
      assertThat(before.getLockout().getFailedAttempts()).isEqualTo(SambaDc.LOCKOUT_THRESHOLD);

      // A plan changes nothing: the account stays locked.
      var plan = admin.unlockUser(UnlockUserRequest.newBuilder().setName("users/" + upn).setResetPassword(true)
          .setValidateOnly(true).build()).getResult().getStepsList();
      assertThat(step(plan, StepKind.STEP_KIND_CLEAR_LOCKOUT).getOutcome()).isEqualTo(StepOutcome.STEP_OUTCOME_PLANNED);
      assertThat(dc.entry(upn).getAttributeValueAsLong("lockoutTime")).isPositive();

      var result = admin.unlockUser(UnlockUserRequest.newBuilder().setName("users/" + upn).setResetPassword(true).build())
          .getResult();
      var steps = result.getStepsList();
      assertThat(step(steps, StepKind.STEP_KIND_LIFT_SENDING_RESTRICTION).getOutcome())
          .isEqualTo(StepOutcome.STEP_OUTCOME_NOT_APPLICABLE);
      assertThat(step(steps, StepKind.STEP_KIND_LIFT_SENDING_RESTRICTION).getError().getReason())
          .isEqualTo("STEP_NOT_APPLICABLE");
      var cleared = step(steps, StepKind.STEP_KIND_CLEAR_LOCKOUT);
      assertThat(cleared.getOutcome()).isEqualTo(StepOutcome.STEP_OUTCOME_DONE);
      assertThat(cleared.getDetails().getLockoutCleared().getFailedAttempts()).isEqualTo(SambaDc.LOCKOUT_THRESHOLD);
      var reset = step(steps, StepKind.STEP_KIND_RESET_PASSWORD);
      assertThat(reset.getOutcome()).isEqualTo(StepOutcome.STEP_OUTCOME_DONE);
      var temporary = reset.getDetails().getPasswordReset().getTemporaryPassword();
      LogCapture.secret(temporary);
      assertThat(step(steps, StepKind.STEP_KIND_ALLOW_SIGN_IN).getOutcome())
          .isEqualTo(StepOutcome.STEP_OUTCOME_ALREADY_DONE);

      var entry = dc.entry(upn);
      assertThat(entry.getAttributeValueAsLong("lockoutTime")).isZero();
      assertThat(entry.getAttributeValueAsLong("pwdLastSet")).isZero();
      // The temporary password must be changed first; then the user binds with their own.
      assertThat(dc.changePassword(dn, temporary, "Own-New-Pass-word-2")).isEqualTo(ResultCode.SUCCESS);
      assertThat(dc.bind(dn, "Own-New-Pass-word-2")).isEqualTo(ResultCode.SUCCESS);

      // Nothing left to unlock: a second run changes nothing.
      var again = admin.unlockUser(UnlockUserRequest.newBuilder().setName("users/" + upn).build()).getResult();
      assertThat(step(again.getStepsList(), StepKind.STEP_KIND_CLEAR_LOCKOUT).getOutcome())
          .isEqualTo(StepOutcome.STEP_OUTCOME_ALREADY_DONE);
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void offboard_disablesMovesAndStripsPrivilegedGroups_andRestoreUndoesIt(Dialect engine) throws Exception {
    var login = login("megan", engine);
    var upn = login + "@" + SambaDc.SUFFIX;
    var cn = "Megan Bowen " + engine;
    var dn = dc.createUser(login, cn, "Megan-Pass-word-1", "Account Operators");
    dc.addToUsersGroup(dn, "Domain Admins");

    try (var server = server(engine)) {
      var admin = server.admin();
      var user = admin.getUser(GetUserRequest.newBuilder().setName("users/" + upn).build()).getUser();
      assertThat(user.getAdminRolesList()).containsExactlyInAnyOrder(AdminRole.ADMIN_ROLE_GLOBAL_ADMIN,
          AdminRole.ADMIN_ROLE_USER_ADMIN);

      // The plan reads AD's live state and changes nothing there.
      var plan = admin.offboardUser(OffboardUserRequest.newBuilder().setName("users/" + upn).setValidateOnly(true).build())
          .getResult().getStepsList();
      assertThat(step(plan, StepKind.STEP_KIND_BLOCK_SIGN_IN).getOutcome()).isEqualTo(StepOutcome.STEP_OUTCOME_PLANNED);
      assertThat(step(plan, StepKind.STEP_KIND_SET_MAIL_PROTOCOLS).getOutcome())
          .isEqualTo(StepOutcome.STEP_OUTCOME_NOT_APPLICABLE);
      assertThat(dc.entry(upn).getDN()).isEqualToIgnoringCase(dn);
      assertThat(dc.bind(dn, "Megan-Pass-word-1")).isEqualTo(ResultCode.SUCCESS);
      assertThat(dc.entry(upn).getAttributeValues("memberOf")).hasSize(2);

      var result = admin.offboardUser(OffboardUserRequest.newBuilder().setName("users/" + upn).build()).getResult();
      var steps = result.getStepsList();
      assertThat(step(steps, StepKind.STEP_KIND_RESET_PASSWORD).getOutcome()).isEqualTo(StepOutcome.STEP_OUTCOME_DONE);
      assertThat(step(steps, StepKind.STEP_KIND_BLOCK_SIGN_IN).getOutcome()).isEqualTo(StepOutcome.STEP_OUTCOME_DONE);
      assertThat(step(steps, StepKind.STEP_KIND_REMOVE_ADMIN_ROLES).getOutcome()).isEqualTo(StepOutcome.STEP_OUTCOME_DONE);
      // Kerberos tickets cannot be ended: not applicable, with how long they stay valid.
      var signOut = step(steps, StepKind.STEP_KIND_REVOKE_SESSIONS);
      assertThat(signOut.getOutcome()).isEqualTo(StepOutcome.STEP_OUTCOME_NOT_APPLICABLE);
      assertThat(result.getResidualAccess().getRemaining().getSeconds()).isEqualTo(10 * 3600);
      assertThat(step(steps, StepKind.STEP_KIND_SET_MAIL_PROTOCOLS).getOutcome())
          .isEqualTo(StepOutcome.STEP_OUTCOME_NOT_APPLICABLE);

      var entry = dc.entry(upn);
      assertThat(entry.getDN()).endsWithIgnoringCase(SambaDc.LEAVERS_OU);
      assertThat(entry.getAttributeValue("description")).startsWith("Offboarded by AccountAdmin on ");
      assertThat(entry.getAttributeValueAsInteger("userAccountControl") & 2).isEqualTo(2);
      assertThat(entry.getAttributeValues("memberOf")).isNull();
      assertThat(dc.bind(entry.getDN(), "Megan-Pass-word-1")).isEqualTo(ResultCode.INVALID_CREDENTIALS);
      var offboarded = admin.getUser(GetUserRequest.newBuilder().setName("users/" + upn).build()).getUser();
      assertThat(offboarded.hasOffboardTime()).isTrue();
      assertThat(offboarded.getSignInBlocked()).isTrue();
      assertThat(offboarded.getAdminRolesList()).isEmpty();

      // A second offboarding finds it all done.
      var again = admin.offboardUser(OffboardUserRequest.newBuilder().setName("users/" + upn).build()).getResult();
      assertThat(step(again.getStepsList(), StepKind.STEP_KIND_BLOCK_SIGN_IN).getOutcome())
          .isEqualTo(StepOutcome.STEP_OUTCOME_ALREADY_DONE);

      // A restore plan changes nothing; the restore puts everything back.
      admin.restoreUser(RestoreUserRequest.newBuilder().setName("users/" + upn).setValidateOnly(true).build());
      assertThat(dc.entry(upn).getDN()).endsWithIgnoringCase(SambaDc.LEAVERS_OU);
      var restored = admin.restoreUser(RestoreUserRequest.newBuilder().setName("users/" + upn).build()).getResult();
      assertThat(step(restored.getStepsList(), StepKind.STEP_KIND_ALLOW_SIGN_IN).getOutcome())
          .isEqualTo(StepOutcome.STEP_OUTCOME_DONE);
      assertThat(step(restored.getStepsList(), StepKind.STEP_KIND_ASSIGN_ADMIN_ROLES).getOutcome())
          .isEqualTo(StepOutcome.STEP_OUTCOME_DONE);
      var temporary = step(restored.getStepsList(), StepKind.STEP_KIND_RESET_PASSWORD).getDetails().getPasswordReset()
          .getTemporaryPassword();
      LogCapture.secret(temporary);
      var back = dc.entry(upn);
      assertThat(back.getDN()).isEqualToIgnoringCase(dn);
      assertThat(back.getAttributeValue("description")).isEqualTo("Staff");
      assertThat(back.getAttributeValueAsInteger("userAccountControl") & 2).isZero();
      assertThat(List.of(back.getAttributeValues("memberOf"))).hasSize(2)
          .anyMatch(g -> g.startsWith("CN=Domain Admins,")).anyMatch(g -> g.startsWith("CN=Account Operators,"));
      assertThat(dc.changePassword(dn, temporary, "Megan-Back-Pass-2")).isEqualTo(ResultCode.SUCCESS);
      assertThat(dc.bind(dn, "Megan-Back-Pass-2")).isEqualTo(ResultCode.SUCCESS);
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aGroupNestedInAPrivilegedOne_isAnAdminRole_thatOffboardingLeaves_andRestoreRejoins(Dialect engine)
      throws Exception {
    var login = login("nadia", engine);
    var upn = login + "@" + SambaDc.SUFFIX;
    // Helpdesk leads are account operators through their group, two levels down.
    var leads = dc.createGroup("Helpdesk Leads " + engine, "Account Operators");
    var team = dc.createGroup("Helpdesk Team " + engine);
    try (var c = dc.admin()) {
      c.modify(leads, new com.unboundid.ldap.sdk.Modification(com.unboundid.ldap.sdk.ModificationType.ADD, "member",
          team));
    }
    var dn = dc.createUser(login, "Nadia Lead " + engine, "Nadia-Pass-word-1");
    try (var c = dc.admin()) {
      c.modify(team, new com.unboundid.ldap.sdk.Modification(com.unboundid.ldap.sdk.ModificationType.ADD, "member",
          dn));
    }

    try (var server = server(engine)) {
      var admin = server.admin();
      var user = admin.getUser(GetUserRequest.newBuilder().setName("users/" + upn).build()).getUser();
      assertThat(user.getAdminRolesList()).containsExactly(AdminRole.ADMIN_ROLE_USER_ADMIN);

      var result = admin.offboardUser(OffboardUserRequest.newBuilder().setName("users/" + upn).build()).getResult();
      assertThat(step(result.getStepsList(), StepKind.STEP_KIND_REMOVE_ADMIN_ROLES).getOutcome())
          .isEqualTo(StepOutcome.STEP_OUTCOME_DONE);
      assertThat(dc.entry(upn).getAttributeValues("memberOf")).as("left the group that made them an operator").isNull();
      assertThat(admin.getUser(GetUserRequest.newBuilder().setName("users/" + upn).build()).getUser()
          .getAdminRolesList()).isEmpty();

      admin.restoreUser(RestoreUserRequest.newBuilder().setName("users/" + upn).build());
      assertThat(dc.entry(upn).getAttributeValues("memberOf")).containsExactly(team);
      assertThat(admin.getUser(GetUserRequest.newBuilder().setName("users/" + upn).build()).getUser()
          .getAdminRolesList()).containsExactly(AdminRole.ADMIN_ROLE_USER_ADMIN);
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void stepsWithoutCounterpart_areNotApplicable_andUsersListThroughTheirDirectory(Dialect engine) throws Exception {
    var login = login("alex", engine);
    var upn = login + "@" + SambaDc.SUFFIX;
    dc.createUser(login, "Alex Wilber " + engine, "Alex-Pass-word-1");
    try (var server = server(engine)) {
      var admin = server.admin();
      var set = admin.setMailProtocols(SetMailProtocolsRequest.newBuilder().setName("users/" + upn)
          .addEnabledProtocols(MailProtocol.MAIL_PROTOCOL_IMAP).build()).getStep();
      assertThat(set.getOutcome()).isEqualTo(StepOutcome.STEP_OUTCOME_NOT_APPLICABLE);
      assertThat(set.getError().getReason()).isEqualTo("STEP_NOT_APPLICABLE");
      assertThat(set.getError().getMetadataMap()).containsEntry("directory", "corp");
      rendersEverywhere("STEP_NOT_APPLICABLE", set.getError().getMetadataMap(), "corp");

      var listed = admin.listUsers(ListUsersRequest.newBuilder().setDirectory("corp").setFilter(login).build());
      assertThat(listed.getUsersList()).extracting(u -> u.getUserPrincipalName()).containsExactly(upn);
      assertThat(listed.getUsers(0).getDirectory()).isEqualTo("corp");
      // The built-in directory's own users are there still, from the built-in directory.
      var own = admin.listUsers(ListUsersRequest.newBuilder().build());
      assertThat(own.getUsersList()).extracting(u -> u.getUserPrincipalName()).contains(TestServer.ADMIN);
      assertThat(own.getUsersList()).allMatch(u -> u.getDirectory().isEmpty());
      // A directory nobody configured is the caller's mistake.
      var unknown = TestServer.failure(() -> admin.listUsers(ListUsersRequest.newBuilder().setDirectory("nowhere").build()));
      assertThat(unknown.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
      assertThat(unknown.badRequest().getFieldViolations(0).getField()).isEqualTo("directory");
      assertThat(unknown.badRequest().getFieldViolations(0).getDescription()).contains("nowhere");
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aDirectoryThatDoesNotAnswer_isUnavailable_namingIt(Dialect engine) throws Exception {
    try (var server = server(engine)) {
      var admin = server.admin();
      var failure = TestServer.failure(() -> admin.getUser(GetUserRequest.newBuilder()
          .setName("users/pat@branch.example.test").build()));
      assertThat(failure.code()).isEqualTo(Status.Code.UNAVAILABLE);
      assertThat(failure.errorInfo().getReason()).isEqualTo("DIRECTORY_UNAVAILABLE");
      assertThat(failure.errorInfo().getMetadataMap()).containsEntry("directory", "branch");
      assertThat(failure.localizedMessage().getMessage()).contains("branch");
      rendersEverywhere("DIRECTORY_UNAVAILABLE", failure.errorInfo().getMetadataMap(), "branch");

      // A directory that answers but refuses the service account: FAILED_PRECONDITION, not retryable.
      var refused = TestServer.failure(() -> admin.getUser(GetUserRequest.newBuilder()
          .setName("users/pat@lab.example.test").build()));
      assertThat(refused.code()).isEqualTo(Status.Code.FAILED_PRECONDITION);
      assertThat(refused.errorInfo().getReason()).isEqualTo("DIRECTORY_REFUSED");
      assertThat(refused.errorInfo().getMetadataMap()).containsEntry("directory", "lab")
          .containsEntry("problem", "INVALID_CREDENTIALS");
      rendersEverywhere("DIRECTORY_REFUSED", refused.errorInfo().getMetadataMap(), "lab");
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aBatch_offboardsUsersOfBothDirectories_eachWithItsResult_andARetryResumesIt(Dialect engine) throws Exception {
    var login = login("lynne", engine);
    var upn = login + "@" + SambaDc.SUFFIX;
    dc.createUser(login, "Lynne Robbins " + engine, "Lynne-Pass-word-1");
    try (var server = server(engine)) {
      server.createUser("pradeep@contoso.com");
      var requestId = java.util.UUID.randomUUID().toString();
      var request = dev.accountadmin.v1.BatchOffboardUsersRequest.newBuilder().addNames("users/" + upn)
          .addNames("users/pradeep@contoso.com").addNames("users/nobody@branch.example.test").setRequestId(requestId)
          .build();
      var first = new java.util.ArrayList<dev.accountadmin.v1.BatchOffboardUsersResponse>();
      server.admin().batchOffboardUsers(request).forEachRemaining(first::add);

      assertThat(first).hasSize(3);
      var external = first.stream().filter(r -> r.getName().equals("users/" + upn)).findFirst().orElseThrow();
      assertThat(external.getResult().getDirectory()).isEqualTo("corp");
      assertThat(step(external.getResult().getStepsList(), StepKind.STEP_KIND_BLOCK_SIGN_IN).getOutcome())
          .isEqualTo(StepOutcome.STEP_OUTCOME_DONE);
      var own = first.stream().filter(r -> r.getName().equals("users/pradeep@contoso.com")).findFirst().orElseThrow();
      assertThat(own.getResult().getDirectory()).isEmpty();
      assertThat(step(own.getResult().getStepsList(), StepKind.STEP_KIND_SET_MAIL_PROTOCOLS).getOutcome())
          .isEqualTo(StepOutcome.STEP_OUTCOME_DONE);
      // The directory nobody answers for fails alone, and says so.
      var unreachable = first.stream().filter(r -> r.getName().equals("users/nobody@branch.example.test")).findFirst()
          .orElseThrow();
      assertThat(unreachable.getError().getReason()).isEqualTo("DIRECTORY_UNAVAILABLE");
      assertThat(dc.entry(upn).getAttributeValueAsInteger("userAccountControl") & 2).isEqualTo(2);
      assertThat(dc.entry(upn).getDN()).endsWithIgnoringCase(SambaDc.LEAVERS_OU);

      // The same call again resumes the batch: the two done users are not offboarded twice.
      var again = new java.util.ArrayList<dev.accountadmin.v1.BatchOffboardUsersResponse>();
      server.admin().batchOffboardUsers(request).forEachRemaining(again::add);
      assertThat(again).hasSize(3).allMatch(dev.accountadmin.v1.BatchOffboardUsersResponse::getResumed);
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aStepTheCallerMayNotDo_stopsTheRun_beforeAnythingIsWrittenToTheDirectory(Dialect engine) throws Exception {
    var login = login("isaiah", engine);
    var upn = login + "@" + SambaDc.SUFFIX;
    var dn = dc.createUser(login, "Isaiah Langer " + engine, "Isaiah-Pass-word-1", "Account Operators");
    try (var server = server(engine)) {
      // A helpdesk admin may reset an ordinary user's password, not offboard a user admin.
      var helpdesk = server.as("helpdesk@contoso.com", AdminRole.ADMIN_ROLE_HELPDESK_ADMIN);
      var failure = TestServer.failure(() -> helpdesk.offboardUser(OffboardUserRequest.newBuilder()
          .setName("users/" + upn).build()));
      assertThat(failure.code()).isEqualTo(Status.Code.PERMISSION_DENIED);
      var entry = dc.entry(upn);
      assertThat(entry.getDN()).isEqualToIgnoringCase(dn);
      assertThat(entry.getAttributeValueAsInteger("userAccountControl") & 2).isZero();
      assertThat(entry.getAttributeValues("memberOf")).hasSize(1);
      assertThat(dc.bind(dn, "Isaiah-Pass-word-1")).isEqualTo(ResultCode.SUCCESS);
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aStepTheDirectoryRefusesMidway_namesWhatWasDone_andARetryContinues(Dialect engine) throws Exception {
    var login = login("nestor", engine);
    var upn = login + "@" + SambaDc.SUFFIX;
    var dn = dc.createUser(login, "Nestor Wilke " + engine, "Nestor-Pass-word-1");
    try (var server = server(engine)) {
      var admin = server.admin();
      // Long enough for AccountAdmin's policy, too simple for the domain's complexity rule.
      var requestId = java.util.UUID.randomUUID().toString();
      var failure = TestServer.failure(() -> admin.offboardUser(OffboardUserRequest.newBuilder().setName("users/" + upn)
          .setPassword("correcthorsebatterystaple").setRequestId(requestId).build()));
      assertThat(failure.code()).isEqualTo(Status.Code.FAILED_PRECONDITION);
      assertThat(failure.errorInfo().getReason()).isEqualTo("DIRECTORY_REFUSED");
      assertThat(failure.errorInfo().getMetadataMap()).containsEntry("directory", "corp")
          .containsEntry("failedStep", "RESET_PASSWORD").containsEntry("doneSteps", "");
      // Nothing after the refused step ran: still enabled and in place; the audit says the offboarding failed.
      assertThat(dc.entry(upn).getAttributeValueAsInteger("userAccountControl") & 2).isZero();
      assertThat(dc.entry(upn).getDN()).isEqualToIgnoringCase(dn);
      assertThat(server.queryLong("SELECT COUNT(*) FROM audit_events WHERE target = '" + upn
          + "' AND outcome = 'FAILURE' AND request_id = '" + requestId + "'")).isEqualTo(1);

      // The failure was not kept: a retry with the same request_id (and a password nobody is shown) continues.
      var steps = admin.offboardUser(OffboardUserRequest.newBuilder().setName("users/" + upn).setRequestId(requestId)
          .build()).getResult().getStepsList();
      assertThat(step(steps, StepKind.STEP_KIND_RESET_PASSWORD).getOutcome()).isEqualTo(StepOutcome.STEP_OUTCOME_DONE);
      assertThat(step(steps, StepKind.STEP_KIND_BLOCK_SIGN_IN).getOutcome()).isEqualTo(StepOutcome.STEP_OUTCOME_DONE);
      assertThat(dc.entry(upn).getDN()).endsWithIgnoringCase(SambaDc.LEAVERS_OU);
      // The state recorded by the failed run is the one restore puts back.
      admin.restoreUser(RestoreUserRequest.newBuilder().setName("users/" + upn).build());
      var back = dc.entry(upn);
      assertThat(back.getDN()).isEqualToIgnoringCase(dn);
      assertThat(back.getAttributeValue("description")).isEqualTo("Staff");
      assertThat(back.getAttributeValueAsInteger("userAccountControl") & 2).isZero();
    }
  }
}
