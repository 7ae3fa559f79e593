package dev.accountadmin.server;

import static dev.accountadmin.server.TestServer.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.accountadmin.server.store.Dialect;
import dev.accountadmin.v1.AdminRole;
import dev.accountadmin.v1.ClientApp;
import dev.accountadmin.v1.DeletionOptions;
import dev.accountadmin.v1.ListUsersRequest;
import dev.accountadmin.v1.OffboardUserRequest;
import dev.accountadmin.v1.ProcedureResult;
import dev.accountadmin.v1.RestoreUserRequest;
import dev.accountadmin.v1.SignInRequest;
import dev.accountadmin.v1.StepKind;
import dev.accountadmin.v1.StepOptions;
import dev.accountadmin.v1.StepOutcome;
import dev.accountadmin.v1.StepResult;
import dev.accountadmin.v1.User;
import io.grpc.Status;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The seventh leaver step: an offboarding that deletes the account last. The user leaves the
 * listings and cannot sign in; restore brings the account back first, then undoes the rest, for
 * 30 days by the server's clock, and refuses after (USER_PURGED).
 */
@ParameterizedClass
@EnumSource(Dialect.class)
final class DeleteAccountTest {
  @Parameter Dialect engine;
  static final String USER = "ola@contoso.com";
  static final String NAME = "users/" + USER;
  @TempDir Path dir;
  TestServer server;

  @BeforeEach
  void start() throws Exception {
    server = new TestServer(engine, dir);
    server.createUser(USER);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  static final StepOptions DELETE = StepOptions.newBuilder().setDeletion(DeletionOptions.newBuilder().setDeleteUser(true)).build();

  ProcedureResult offboard(StepOptions options, boolean validateOnly) {
    return server.admin().offboardUser(OffboardUserRequest.newBuilder().setName(NAME).setOptions(options)
        .setValidateOnly(validateOnly).build()).getResult();
  }

  static StepResult step(ProcedureResult result, StepKind kind) {
    return result.getStepsList().stream().filter(s -> s.getKind() == kind).findFirst().orElseThrow();
  }

  java.util.List<String> listed(String filter) {
    return server.admin().listUsers(ListUsersRequest.newBuilder().setFilter(filter).build()).getUsersList().stream()
        .map(User::getUserPrincipalName).toList();
  }

  @Test
  void deleteIsLast_andOnlyWhenChosen() {
    var plan = offboard(StepOptions.getDefaultInstance(), true);
    assertThat(plan.getSteps(plan.getStepsCount() - 1).getKind()).isEqualTo(StepKind.STEP_KIND_DELETE_USER);
    assertThat(step(plan, StepKind.STEP_KIND_DELETE_USER).getOutcome()).isEqualTo(StepOutcome.STEP_OUTCOME_NOT_REQUESTED);

    var chosen = offboard(DELETE, true);
    var delete = step(chosen, StepKind.STEP_KIND_DELETE_USER);
    assertThat(delete.getOutcome()).isEqualTo(StepOutcome.STEP_OUTCOME_PLANNED);
    assertThat(delete.getDetails().getDeletion().getPurgeTime().getSeconds())
        .isEqualTo(server.clock.instant().plus(Duration.ofDays(30)).getEpochSecond());
    assertThat(listed("")).contains(USER);
  }

  @Test
  void deleted_leavesTheListing_cannotSignIn_andRestoreWithin30DaysBringsItAllBack() {
    var result = offboard(DELETE, false);
    assertThat(step(result, StepKind.STEP_KIND_DELETE_USER).getOutcome()).isEqualTo(StepOutcome.STEP_OUTCOME_DONE);
    assertThat(listed("")).doesNotContain(USER);
    assertThat(listed("deleted")).containsExactly(USER);
    var signIn = failure(() -> server.auth().signIn(SignInRequest.newBuilder().setUserPrincipalName(USER)
        .setPassword(TestServer.USER_PASSWORD).setClientApp(ClientApp.CLIENT_APP_IMAP).build()));
    assertThat(signIn.code()).isEqualTo(Status.Code.UNAUTHENTICATED);

    server.clock.advance(Duration.ofDays(29));
    var restored = server.admin().restoreUser(RestoreUserRequest.newBuilder().setName(NAME).build());

    // Brought back first, then the rest undone.
    assertThat(restored.getResult().getSteps(0).getKind()).isEqualTo(StepKind.STEP_KIND_UNDELETE_USER);
    assertThat(restored.getResult().getSteps(0).getOutcome()).isEqualTo(StepOutcome.STEP_OUTCOME_DONE);
    assertThat(step(restored.getResult(), StepKind.STEP_KIND_ALLOW_SIGN_IN).getOutcome())
        .isEqualTo(StepOutcome.STEP_OUTCOME_DONE);
    assertThat(restored.getUser().hasDeleteTime()).isFalse();
    assertThat(restored.getUser().getSignInBlocked()).isFalse();
    assertThat(listed("")).contains(USER);
  }

  @Test
  void restoreAfter30Days_isRefusedAsPurged() {
    offboard(DELETE, false);
    server.clock.advance(Duration.ofDays(30));

    var refused = failure(() -> server.admin().restoreUser(RestoreUserRequest.newBuilder().setName(NAME).build()));

    assertThat(refused.code()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(refused.errorInfo().getReason()).isEqualTo("USER_PURGED");
    assertThat(listed("deleted")).isEmpty();
  }

  @Test
  void restoreOfAnOffboardingThatDidNotDelete_saysTheAccountWasThere() {
    offboard(StepOptions.getDefaultInstance(), false);
    var restored = server.admin().restoreUser(RestoreUserRequest.newBuilder().setName(NAME).build()).getResult();
    assertThat(step(restored, StepKind.STEP_KIND_UNDELETE_USER).getOutcome()).isEqualTo(StepOutcome.STEP_OUTCOME_ALREADY_DONE);
  }

  @Test
  void aHelpdeskAdmin_mayNotDelete() {
    var helpdesk = server.as("hd@contoso.com", AdminRole.ADMIN_ROLE_HELPDESK_ADMIN);
    var plan = helpdesk.offboardUser(OffboardUserRequest.newBuilder().setName(NAME).setOptions(DELETE)
        .setValidateOnly(true).build()).getResult();
    assertThat(step(plan, StepKind.STEP_KIND_DELETE_USER).getOutcome()).isEqualTo(StepOutcome.STEP_OUTCOME_DENIED);
    assertThat(step(plan, StepKind.STEP_KIND_DELETE_USER).getRequiredRolesList())
        .containsExactlyInAnyOrder(AdminRole.ADMIN_ROLE_USER_ADMIN, AdminRole.ADMIN_ROLE_GLOBAL_ADMIN);
  }

  @Test
  void filesForTheManager_areGrantedBeforeTheLicenceGoes_andRestoreTakesBackOnlyThatGrant() throws Exception {
    server.createUser("boss@contoso.com");
    var options = DELETE.toBuilder().setFiles(dev.accountadmin.v1.FilesOptions.newBuilder().setGrantTo("users/boss@contoso.com"))
        .setMemberships(dev.accountadmin.v1.MembershipOptions.newBuilder().setRemoveLicences(true)).build();

    var result = offboard(options, false);

    var files = step(result, StepKind.STEP_KIND_GRANT_FILES_ACCESS);
    assertThat(files.getOutcome()).isEqualTo(StepOutcome.STEP_OUTCOME_DONE);
    assertThat(files.getDetails().getFilesAccess().getGranteesList()).containsExactly("users/boss@contoso.com");
    assertThat(result.getStepsList()).extracting(StepResult::getKind).containsSubsequence(
        StepKind.STEP_KIND_GRANT_FILES_ACCESS, StepKind.STEP_KIND_REMOVE_LICENCES, StepKind.STEP_KIND_DELETE_USER);
    assertThat(server.queryLong("SELECT COUNT(*) FROM file_access_grants")).isEqualTo(1);

    var restored = server.admin().restoreUser(RestoreUserRequest.newBuilder().setName(NAME).build()).getResult();

    assertThat(step(restored, StepKind.STEP_KIND_REVOKE_FILES_ACCESS).getOutcome()).isEqualTo(StepOutcome.STEP_OUTCOME_DONE);
    assertThat(server.queryLong("SELECT COUNT(*) FROM file_access_grants")).isZero();
  }

  @Test
  void filesForSomeoneWhoDoesNotExist_isAFailedStep_notAKeptFile() throws Exception {
    var result = offboard(StepOptions.newBuilder().setFiles(dev.accountadmin.v1.FilesOptions.newBuilder()
        .setGrantTo("users/nobody@contoso.com")).build(), false);

    var files = step(result, StepKind.STEP_KIND_GRANT_FILES_ACCESS);
    assertThat(files.getOutcome()).isEqualTo(StepOutcome.STEP_OUTCOME_FAILED);
    assertThat(files.getError().getReason()).isEqualTo("USER_NOT_FOUND");
    assertThat(server.queryLong("SELECT COUNT(*) FROM file_access_grants")).isZero();
  }
}
