package dev.accountadmin.server;

import static dev.accountadmin.server.TestServer.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.accountadmin.v1.AdminRole;
import dev.accountadmin.v1.ClientApp;
import dev.accountadmin.v1.GetUserRequest;
import dev.accountadmin.v1.OffboardUserRequest;
import dev.accountadmin.v1.RestrictSendingRequest;
import dev.accountadmin.v1.SignInRequest;
import dev.accountadmin.v1.StepOutcome;
import dev.accountadmin.v1.StepResult;
import dev.accountadmin.v1.UnlockUserRequest;
import io.grpc.Status;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import dev.accountadmin.server.store.Dialect;

/** Plans (validate_only) and per-step permissions: nothing half-done, nothing changed by a plan. */
@ParameterizedClass
@EnumSource(Dialect.class)
final class PlansTest {
  @Parameter Dialect engine;
  static final String NAME = "users/pat@contoso.com";
  @TempDir Path dir;
  TestServer server;

  @BeforeEach
  void start() throws Exception {
    server = new TestServer(engine, dir);
    server.createUser("pat@contoso.com");
    server.auth().signIn(SignInRequest.newBuilder().setUserPrincipalName("pat@contoso.com")
        .setPassword(TestServer.USER_PASSWORD).setClientApp(ClientApp.CLIENT_APP_IMAP).build());
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  /** Every row of every table but the audit log's, as text. */
  List<String> snapshot() throws Exception {
    var rows = new ArrayList<String>();
    try (var c = server.connect();
        var tables = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
      var names = new ArrayList<String>();
      while (tables.next()) {
        var table = tables.getString("TABLE_NAME");
        // The schema's own tables only (PostgreSQL lists its system catalogs too).
        var schema = tables.getString("TABLE_SCHEM");
        if (!table.equals("audit_events") && !table.equals("audit_head")
            && (schema == null || schema.equals("public") || schema.equals("main"))) {
          names.add(table);
        }
      }
      java.util.Collections.sort(names);
      for (var table : names) {
        try (var r = c.createStatement().executeQuery("SELECT * FROM " + table + " ORDER BY 1")) {
          int columns = r.getMetaData().getColumnCount();
          while (r.next()) {
            var row = new StringBuilder(table).append(':');
            for (int i = 1; i <= columns; i++) {
              row.append(r.getString(i)).append('|');
            }
            rows.add(row.toString());
          }
        }
      }
    }
    return rows;
  }

  @Test
  void validateOnly_offboard_changesNothingButOneAuditRecord() throws Exception {
    var admin = server.admin();
    var before = snapshot();
    long auditBefore = server.queryLong("SELECT COUNT(*) FROM audit_events");

    var plan = admin.offboardUser(OffboardUserRequest.newBuilder().setName(NAME).setValidateOnly(true).build()).getResult();

    assertThat(plan.getValidateOnly()).isTrue();
    assertThat(plan.getStepsList()).extracting(StepResult::getOutcome).containsExactly(StepOutcome.STEP_OUTCOME_PLANNED,
        StepOutcome.STEP_OUTCOME_PLANNED,
        // Authentication methods, the mailbox steps, the device steps, and groups and licences run only when chosen.
        StepOutcome.STEP_OUTCOME_NOT_REQUESTED, StepOutcome.STEP_OUTCOME_NOT_REQUESTED, StepOutcome.STEP_OUTCOME_NOT_REQUESTED,
        StepOutcome.STEP_OUTCOME_NOT_REQUESTED, StepOutcome.STEP_OUTCOME_NOT_REQUESTED, StepOutcome.STEP_OUTCOME_NOT_REQUESTED,
        StepOutcome.STEP_OUTCOME_NOT_REQUESTED, StepOutcome.STEP_OUTCOME_NOT_REQUESTED, StepOutcome.STEP_OUTCOME_NOT_REQUESTED,
        StepOutcome.STEP_OUTCOME_PLANNED, StepOutcome.STEP_OUTCOME_PLANNED,
        StepOutcome.STEP_OUTCOME_ALREADY_DONE,
        StepOutcome.STEP_OUTCOME_NOT_REQUESTED, StepOutcome.STEP_OUTCOME_NOT_REQUESTED, StepOutcome.STEP_OUTCOME_NOT_REQUESTED,
        StepOutcome.STEP_OUTCOME_NOT_REQUESTED);
    assertThat(plan.getSteps(1).getDetails().getSessionsRevoked().getRevokedSessionCount()).isEqualTo(1);
    assertThat(plan.getSteps(12).getDetails().getMailProtocols().getBeforeCount()).isEqualTo(7);
    assertThat(plan.hasResidualAccess()).isTrue();
    assertThat(snapshot()).isEqualTo(before);
    assertThat(server.queryLong("SELECT COUNT(*) FROM audit_events")).isEqualTo(auditBefore + 1);
    assertThat(server.queryLong("SELECT COUNT(*) FROM audit_events WHERE outcome = 'PLANNED' AND action = 'OFFBOARD_USER'")).isEqualTo(1);
  }

  @Test
  void validateOnly_unlockWithReset_showsNoPasswordAndChangesNothing() throws Exception {
    var admin = server.admin();
    admin.restrictSending(RestrictSendingRequest.newBuilder().setName(NAME).build());
    var before = snapshot();
    var plan = admin.unlockUser(UnlockUserRequest.newBuilder().setName(NAME).setResetPassword(true)
        .setValidateOnly(true).build()).getResult();
    assertThat(plan.getStepsList()).extracting(StepResult::getOutcome).containsExactly(StepOutcome.STEP_OUTCOME_PLANNED,
        StepOutcome.STEP_OUTCOME_ALREADY_DONE, StepOutcome.STEP_OUTCOME_PLANNED, StepOutcome.STEP_OUTCOME_ALREADY_DONE);
    assertThat(plan.getSteps(2).getDetails().getPasswordReset().getTemporaryPassword()).isEmpty();
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void helpdeskOffboardingPlan_showsExactlyTheDeniedSteps() {
    var helpdesk = server.as("hd@contoso.com", AdminRole.ADMIN_ROLE_HELPDESK_ADMIN);
    var plan = helpdesk.offboardUser(OffboardUserRequest.newBuilder().setName(NAME).setValidateOnly(true).build()).getResult();
    assertThat(plan.getStepsList()).extracting(StepResult::getOutcome).containsExactly(
        StepOutcome.STEP_OUTCOME_PLANNED, StepOutcome.STEP_OUTCOME_PLANNED,
        // Authentication methods, the mailbox steps and the device steps run only when chosen.
        StepOutcome.STEP_OUTCOME_NOT_REQUESTED, StepOutcome.STEP_OUTCOME_NOT_REQUESTED, StepOutcome.STEP_OUTCOME_NOT_REQUESTED,
        StepOutcome.STEP_OUTCOME_NOT_REQUESTED, StepOutcome.STEP_OUTCOME_NOT_REQUESTED, StepOutcome.STEP_OUTCOME_NOT_REQUESTED,
        StepOutcome.STEP_OUTCOME_NOT_REQUESTED, StepOutcome.STEP_OUTCOME_NOT_REQUESTED, StepOutcome.STEP_OUTCOME_NOT_REQUESTED,
        StepOutcome.STEP_OUTCOME_DENIED, StepOutcome.STEP_OUTCOME_DENIED,
        // The user has no admin roles: nothing to remove, so nothing to deny.
        StepOutcome.STEP_OUTCOME_ALREADY_DONE,
        StepOutcome.STEP_OUTCOME_NOT_REQUESTED, StepOutcome.STEP_OUTCOME_NOT_REQUESTED, StepOutcome.STEP_OUTCOME_NOT_REQUESTED,
        StepOutcome.STEP_OUTCOME_NOT_REQUESTED);
    assertThat(plan.getSteps(11).getRequiredRolesList()).containsExactly(AdminRole.ADMIN_ROLE_GLOBAL_ADMIN, AdminRole.ADMIN_ROLE_USER_ADMIN);
    assertThat(plan.getSteps(12).getRequiredRolesList()).containsExactly(AdminRole.ADMIN_ROLE_GLOBAL_ADMIN, AdminRole.ADMIN_ROLE_EXCHANGE_ADMIN);
  }

  @Test
  void helpdeskOffboarding_realRun_changesNothingAndListsTheDeniedSteps() throws Exception {
    var helpdesk = server.as("hd@contoso.com", AdminRole.ADMIN_ROLE_HELPDESK_ADMIN);
    var before = server.admin().getUser(GetUserRequest.newBuilder().setName(NAME).build()).getUser();
    var beforeRows = snapshot().stream().filter(r -> r.startsWith("users:") || r.startsWith("sessions:")).toList();

    var failure = failure(() -> helpdesk.offboardUser(OffboardUserRequest.newBuilder().setName(NAME).build()));

    assertThat(failure.code()).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(failure.errorInfo().getReason()).isEqualTo("STEPS_DENIED");
    assertThat(failure.errorInfo().getMetadataMap())
        .containsEntry("deniedSteps", "BLOCK_SIGN_IN,SET_MAIL_PROTOCOLS")
        .containsEntry("requiredRoles", "GLOBAL_ADMIN")
        .containsEntry("procedure", "OFFBOARD");
    assertThat(snapshot().stream().filter(r -> r.startsWith("users:") || r.startsWith("sessions:")).toList()).isEqualTo(beforeRows);
    assertThat(server.admin().getUser(GetUserRequest.newBuilder().setName(NAME).build()).getUser()).isEqualTo(before);
    assertThat(server.queryLong("SELECT COUNT(*) FROM audit_events WHERE actor = 'hd@contoso.com'"
        + " AND action = 'OFFBOARD_USER' AND outcome = 'DENIED'")).isEqualTo(1);
  }
}
