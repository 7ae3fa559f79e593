package dev.accountadmin.server;

import static dev.accountadmin.server.TestServer.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.accountadmin.server.store.Dialect;
import dev.accountadmin.v1.AdminRole;
import dev.accountadmin.v1.AuditOutcome;
import dev.accountadmin.v1.BatchOffboardUsersRequest;
import dev.accountadmin.v1.DeletionOptions;
import dev.accountadmin.v1.DeviceOptions;
import dev.accountadmin.v1.GetOffboardingTemplateRequest;
import dev.accountadmin.v1.ListAuditEventsRequest;
import dev.accountadmin.v1.ListOffboardingTemplateVersionsRequest;
import dev.accountadmin.v1.MembershipOptions;
import dev.accountadmin.v1.OffboardUserRequest;
import dev.accountadmin.v1.OffboardingTemplate;
import dev.accountadmin.v1.ProcedureResult;
import dev.accountadmin.v1.StepKind;
import dev.accountadmin.v1.StepOptions;
import dev.accountadmin.v1.StepOutcome;
import dev.accountadmin.v1.StepResult;
import dev.accountadmin.v1.UpdateOffboardingTemplateRequest;
import io.grpc.Status;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The tenant's default offboarding template: versioned, changed by global admins only, used by a
 * request without options and refined by one with options; the plan shows exactly what runs.
 */
@ParameterizedClass
@EnumSource(Dialect.class)
final class OffboardingTemplateTest {
  @Parameter Dialect engine;
  static final String USER = "ida@contoso.com";
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

  static final StepOptions REMOVE_GROUPS = StepOptions.newBuilder()
      .setMemberships(MembershipOptions.newBuilder().setRemoveGroups(true)).build();

  OffboardingTemplate set(StepOptions options, long expected) {
    return server.admin().updateOffboardingTemplate(UpdateOffboardingTemplateRequest.newBuilder().setOptions(options)
        .setExpectedVersion(expected).build()).getTemplate();
  }

  static Map<StepKind, StepOutcome> outcomes(ProcedureResult result) {
    return result.getStepsList().stream().collect(Collectors.toMap(StepResult::getKind, StepResult::getOutcome));
  }

  @Test
  void versions_eachChangeReplacesTheOneItRead_andAStaleOneIsAborted() {
    assertThat(server.admin().getOffboardingTemplate(GetOffboardingTemplateRequest.getDefaultInstance()).getTemplate().getVersion()).isZero();
    var first = set(REMOVE_GROUPS, 0);
    var second = set(StepOptions.newBuilder().setDevices(DeviceOptions.newBuilder().setWipe(true)).build(), first.getVersion());
    assertThat(java.util.List.of(first.getVersion(), second.getVersion())).containsExactly(1L, 2L);

    var stale = failure(() -> set(StepOptions.getDefaultInstance(), 1));
    assertThat(stale.code()).isEqualTo(Status.Code.ABORTED);
    assertThat(stale.errorInfo().getReason()).isEqualTo("TEMPLATE_VERSION_MISMATCH");
    assertThat(stale.errorInfo().getMetadataMap()).containsEntry("version", "2");

    var current = server.admin().getOffboardingTemplate(GetOffboardingTemplateRequest.getDefaultInstance()).getTemplate();
    assertThat(current.getVersion()).isEqualTo(2);
    assertThat(current.getOptions().getDevices().getWipe()).isTrue();
    assertThat(current.getUpdater()).isEqualTo("users/" + TestServer.ADMIN);
    assertThat(server.admin().listOffboardingTemplateVersions(ListOffboardingTemplateVersionsRequest.getDefaultInstance())
        .getVersionsList()).extracting(OffboardingTemplate::getVersion).containsExactly(2L, 1L);
  }

  @Test
  void aUserAdmin_mayReadButNotChange_andTheDenialIsAudited() {
    var userAdmin = server.as("ua@contoso.com", AdminRole.ADMIN_ROLE_USER_ADMIN);
    assertThat(userAdmin.getOffboardingTemplate(GetOffboardingTemplateRequest.getDefaultInstance()).getTemplate().getVersion()).isZero();

    var denied = failure(() -> userAdmin.updateOffboardingTemplate(UpdateOffboardingTemplateRequest.newBuilder()
        .setOptions(REMOVE_GROUPS).build()));

    assertThat(denied.code()).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(denied.errorInfo().getReason()).isEqualTo("TEMPLATE_DENIED");
    assertThat(denied.errorInfo().getMetadataMap()).containsEntry("requiredRoles", "GLOBAL_ADMIN");
    assertThat(server.admin().listAuditEvents(ListAuditEventsRequest.newBuilder().setActor("ua@contoso.com").build())
        .getEventsList()).anySatisfy(e -> {
          assertThat(e.getAction()).isEqualTo(dev.accountadmin.v1.Action.ACTION_MANAGE_OFFBOARDING_TEMPLATE);
          assertThat(e.getOutcome()).isEqualTo(AuditOutcome.AUDIT_OUTCOME_DENIED);
        });
    assertThat(server.admin().getOffboardingTemplate(GetOffboardingTemplateRequest.getDefaultInstance()).getTemplate().getVersion()).isZero();
  }

  @Test
  void aRequestWithoutOptionsRunsTheTemplate_andOneWithOptionsRefinesIt_thePlanShowsWhich() {
    set(REMOVE_GROUPS, 0);

    var plain = server.admin().offboardUser(OffboardUserRequest.newBuilder().setName(NAME).setValidateOnly(true).build())
        .getResult();
    assertThat(outcomes(plain)).containsEntry(StepKind.STEP_KIND_REMOVE_GROUP_MEMBERSHIPS, StepOutcome.STEP_OUTCOME_ALREADY_DONE)
        .containsEntry(StepKind.STEP_KIND_REMOVE_LICENCES, StepOutcome.STEP_OUTCOME_NOT_REQUESTED)
        .containsEntry(StepKind.STEP_KIND_DELETE_USER, StepOutcome.STEP_OUTCOME_NOT_REQUESTED)
        .containsEntry(StepKind.STEP_KIND_WIPE_DEVICES, StepOutcome.STEP_OUTCOME_NOT_REQUESTED);

    var refined = server.admin().offboardUser(OffboardUserRequest.newBuilder().setName(NAME).setValidateOnly(true)
        .setOptions(StepOptions.newBuilder().setDeletion(DeletionOptions.newBuilder().setDeleteUser(true))).build())
        .getResult();
    // The template's step stays chosen; the request's is added.
    assertThat(outcomes(refined)).containsEntry(StepKind.STEP_KIND_REMOVE_GROUP_MEMBERSHIPS, StepOutcome.STEP_OUTCOME_ALREADY_DONE)
        .containsEntry(StepKind.STEP_KIND_DELETE_USER, StepOutcome.STEP_OUTCOME_PLANNED)
        .containsEntry(StepKind.STEP_KIND_REMOVE_LICENCES, StepOutcome.STEP_OUTCOME_NOT_REQUESTED);

    var batch = server.admin().batchOffboardUsers(BatchOffboardUsersRequest.newBuilder().addNames(NAME).setValidateOnly(true)
        .build()).next();
    assertThat(outcomes(batch.getResult())).containsEntry(StepKind.STEP_KIND_REMOVE_GROUP_MEMBERSHIPS,
        StepOutcome.STEP_OUTCOME_ALREADY_DONE);
  }

}
