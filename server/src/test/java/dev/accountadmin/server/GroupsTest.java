package dev.accountadmin.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accountadmin.server.store.Dialect;
import dev.accountadmin.v1.AdminRole;
import dev.accountadmin.v1.MembershipOptions;
import dev.accountadmin.v1.OffboardUserRequest;
import dev.accountadmin.v1.RestoreUserRequest;
import dev.accountadmin.v1.StepKind;
import dev.accountadmin.v1.StepOptions;
import dev.accountadmin.v1.StepOutcome;
import dev.accountadmin.v1.StepResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Groups and licences of the built-in directory through the real server, on both engines, with
 * the demo directory: Diego Siciliani is Finance's only owner, a member of Sales, Finance and All
 * staff, and holds Microsoft 365 E3 and Exchange Online (Plan 1), whose three seats are all taken.
 */
final class GroupsTest {
  static final String DIEGO = "diego.siciliani@contoso.com";
  static final String DIEGO_NAME = "users/" + DIEGO;
  static final String MEMBERSHIPS_OF_DIEGO = "SELECT COUNT(*) FROM group_members m JOIN users u ON u.id = m.user_id"
      + " WHERE u.upn_key = '" + DIEGO + "'";
  static final String LICENCES_OF_DIEGO = "SELECT COUNT(*) FROM licence_assignments a JOIN users u ON u.id = a.user_id"
      + " WHERE u.upn_key = '" + DIEGO + "'";
  static final String EXCHANGE_SEATS_USED = "SELECT COUNT(*) FROM licence_assignments WHERE sku = 'EXCHANGESTANDARD'";

  @TempDir Path dir;

  static OffboardUserRequest offboardWithGroupsAndLicences(boolean validateOnly) {
    return OffboardUserRequest.newBuilder().setName(DIEGO_NAME).setValidateOnly(validateOnly)
        .setOptions(StepOptions.newBuilder().setMemberships(
            MembershipOptions.newBuilder().setRemoveGroups(true).setRemoveLicences(true)))
        .build();
  }

  static StepResult step(List<StepResult> steps, StepKind kind) {
    return steps.stream().filter(s -> s.getKind() == kind).findFirst().orElseThrow();
  }

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
      assertThat(server.queryLong(EXCHANGE_SEATS_USED)).isEqualTo(3);
      assertThat(server.queryLong("SELECT COUNT(*) FROM licences l WHERE l.seats <"
          + " (SELECT COUNT(*) FROM licence_assignments a WHERE a.sku = l.sku)")).isZero();
      assertThat(server.queryLong("SELECT COUNT(*) FROM licence_assignments WHERE sku = 'SPE_E3'")).isEqualTo(7);
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void offboard_removesGroupsAndLicences_warnsOfTheLastOwner_andRestoreReAddsExactly(Dialect engine) throws Exception {
    try (var server = new TestServer(engine, dir, true)) {
      var membershipsBefore = server.queryLong(MEMBERSHIPS_OF_DIEGO);
      assertThat(membershipsBefore).isEqualTo(4);

      var steps = server.admin().offboardUser(offboardWithGroupsAndLicences(false)).getResult().getStepsList();

      // Groups, then licences, after every step that closes the account.
      assertThat(steps).extracting(StepResult::getKind).endsWith(StepKind.STEP_KIND_REMOVE_ADMIN_ROLES,
          StepKind.STEP_KIND_GRANT_FILES_ACCESS, StepKind.STEP_KIND_REMOVE_GROUP_MEMBERSHIPS, StepKind.STEP_KIND_REMOVE_LICENCES, StepKind.STEP_KIND_DELETE_USER);
      var groups = step(steps, StepKind.STEP_KIND_REMOVE_GROUP_MEMBERSHIPS);
      assertThat(groups.getOutcome()).isEqualTo(StepOutcome.STEP_OUTCOME_DONE);
      assertThat(groups.getDetails().getGroupMemberships().getMemberGroupsList())
          .containsExactly("All staff", "Finance", "Sales");
      assertThat(groups.getDetails().getGroupMemberships().getOwnedGroupsList()).containsExactly("Finance");
      assertThat(groups.getDetails().getGroupMemberships().getOwnerlessGroupsList()).containsExactly("Finance");
      var licences = step(steps, StepKind.STEP_KIND_REMOVE_LICENCES);
      assertThat(licences.getOutcome()).isEqualTo(StepOutcome.STEP_OUTCOME_DONE);
      assertThat(licences.getDetails().getLicences().getLicencesList())
          .containsExactly("Exchange Online (Plan 1)", "Microsoft 365 E3");
      assertThat(server.queryLong(MEMBERSHIPS_OF_DIEGO)).isZero();
      assertThat(server.queryLong(LICENCES_OF_DIEGO)).isZero();
      // The seat is back in the pool.
      assertThat(server.queryLong(EXCHANGE_SEATS_USED)).isEqualTo(2);
      var audit = server.admin().listAuditEvents(dev.accountadmin.v1.ListAuditEventsRequest.newBuilder()
          .setAction(dev.accountadmin.v1.Action.ACTION_OFFBOARD_USER).build()).getEventsList();
      assertThat(audit).hasSize(1);
      assertThat(audit.get(0).getDetailsMap().get("steps"))
          .contains("REMOVE_GROUP_MEMBERSHIPS=DONE", "REMOVE_LICENCES=DONE");

      var restored = server.admin().restoreUser(RestoreUserRequest.newBuilder().setName(DIEGO_NAME).build())
          .getResult().getStepsList();

      assertThat(step(restored, StepKind.STEP_KIND_RESTORE_GROUP_MEMBERSHIPS).getOutcome()).isEqualTo(StepOutcome.STEP_OUTCOME_DONE);
      assertThat(step(restored, StepKind.STEP_KIND_RESTORE_LICENCES).getOutcome()).isEqualTo(StepOutcome.STEP_OUTCOME_DONE);
      assertThat(server.queryLong(MEMBERSHIPS_OF_DIEGO)).isEqualTo(membershipsBefore);
      assertThat(server.queryLong("SELECT COUNT(*) FROM group_members m JOIN directory_groups g ON g.id = m.group_id"
          + " WHERE g.name = 'Finance' AND m.owner = TRUE")).isEqualTo(1);
      assertThat(server.queryLong(LICENCES_OF_DIEGO)).isEqualTo(2);
      assertThat(server.queryLong(EXCHANGE_SEATS_USED)).isEqualTo(3);
      // Nothing is left to restore a second time.
      assertThat(server.queryLong("SELECT COUNT(*) FROM removed_memberships")).isZero();
      assertThat(server.queryLong("SELECT COUNT(*) FROM removed_licences")).isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void restore_whoseSeatWasTaken_failsThatStepWithItsReason_andGivesBackTheRest(Dialect engine) throws Exception {
    try (var server = new TestServer(engine, dir, true)) {
      server.admin().offboardUser(offboardWithGroupsAndLicences(false));
      // Someone else takes the freed Exchange Online seat.
      server.execute("INSERT INTO licence_assignments (sku, user_id, assigned_at)"
          + " SELECT 'EXCHANGESTANDARD', id, 0 FROM users WHERE upn_key = 'lee.gu@contoso.com'");

      var restored = server.admin().restoreUser(RestoreUserRequest.newBuilder().setName(DIEGO_NAME).build())
          .getResult().getStepsList();

      var licences = step(restored, StepKind.STEP_KIND_RESTORE_LICENCES);
      assertThat(licences.getOutcome()).isEqualTo(StepOutcome.STEP_OUTCOME_FAILED);
      assertThat(licences.getError().getReason()).isEqualTo("LICENCE_SEATS_EXHAUSTED");
      assertThat(licences.getError().getMetadataMap()).containsEntry("licences", "Exchange Online (Plan 1)");
      assertThat(licences.getDetails().getLicences().getLicencesList()).containsExactly("Microsoft 365 E3");
      assertThat(licences.getDetails().getLicences().getLicencesWithoutFreeSeatList()).containsExactly("Exchange Online (Plan 1)");
      assertThat(server.queryLong(LICENCES_OF_DIEGO)).isEqualTo(1);
      assertThat(server.queryLong(EXCHANGE_SEATS_USED)).isEqualTo(3);
      assertThat(step(restored, StepKind.STEP_KIND_RESTORE_GROUP_MEMBERSHIPS).getOutcome()).isEqualTo(StepOutcome.STEP_OUTCOME_DONE);
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void validateOnly_plansTheRemovalWithTheWarning_andChangesNothing(Dialect engine) throws Exception {
    try (var server = new TestServer(engine, dir, true)) {
      var steps = server.admin().offboardUser(offboardWithGroupsAndLicences(true)).getResult().getStepsList();

      var groups = step(steps, StepKind.STEP_KIND_REMOVE_GROUP_MEMBERSHIPS);
      assertThat(groups.getOutcome()).isEqualTo(StepOutcome.STEP_OUTCOME_PLANNED);
      assertThat(groups.getDetails().getGroupMemberships().getOwnerlessGroupsList()).containsExactly("Finance");
      assertThat(step(steps, StepKind.STEP_KIND_REMOVE_LICENCES).getOutcome()).isEqualTo(StepOutcome.STEP_OUTCOME_PLANNED);
      assertThat(server.queryLong(MEMBERSHIPS_OF_DIEGO)).isEqualTo(4);
      assertThat(server.queryLong(LICENCES_OF_DIEGO)).isEqualTo(2);
      assertThat(server.queryLong("SELECT COUNT(*) FROM removed_memberships")).isZero();
      assertThat(server.queryLong("SELECT COUNT(*) FROM removed_licences")).isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void helpdeskAdmin_isDeniedGroupsAndLicences_andChangesNothing(Dialect engine) throws Exception {
    try (var server = new TestServer(engine, dir, true)) {
      var helpdesk = server.as("hd@contoso.com", AdminRole.ADMIN_ROLE_HELPDESK_ADMIN);

      var steps = helpdesk.offboardUser(offboardWithGroupsAndLicences(true)).getResult().getStepsList();

      for (var kind : List.of(StepKind.STEP_KIND_REMOVE_GROUP_MEMBERSHIPS, StepKind.STEP_KIND_REMOVE_LICENCES)) {
        var step = step(steps, kind);
        assertThat(step.getOutcome()).as(kind.name()).isEqualTo(StepOutcome.STEP_OUTCOME_DENIED);
        assertThat(step.getRequiredRolesList()).as(kind.name())
            .containsExactly(AdminRole.ADMIN_ROLE_GLOBAL_ADMIN, AdminRole.ADMIN_ROLE_USER_ADMIN);
      }
      var failure = TestServer.failure(() -> helpdesk.offboardUser(offboardWithGroupsAndLicences(false)));
      assertThat(failure.errorInfo().getReason()).isEqualTo("STEPS_DENIED");
      assertThat(server.queryLong(MEMBERSHIPS_OF_DIEGO)).isEqualTo(4);
      assertThat(server.queryLong(LICENCES_OF_DIEGO)).isEqualTo(2);
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void listCalls_showTheCatalogueWithSeats_andAUsersGroupsWithOwnershipMarked(Dialect engine) throws Exception {
    try (var server = new TestServer(engine, dir, true)) {
      var catalogue = server.admin().listLicences(dev.accountadmin.v1.ListLicencesRequest.getDefaultInstance()).getLicencesList();
      assertThat(catalogue).extracting(dev.accountadmin.v1.Licence::getDisplayName).containsExactly(
          "Exchange Online (Plan 1)", "Microsoft 365 Business Premium", "Microsoft 365 E3", "Microsoft 365 E5");
      assertThat(catalogue.get(0).getUsedSeats()).isEqualTo(3);
      assertThat(catalogue.get(0).getTotalSeats()).isEqualTo(3);
      assertThat(server.admin().listGroups(dev.accountadmin.v1.ListGroupsRequest.getDefaultInstance()).getGroupsList())
          .extracting(dev.accountadmin.v1.Group::getDisplayName).containsExactly("All staff", "Finance", "IT Admins", "Sales");

      var diego = server.admin().listUserMemberships(dev.accountadmin.v1.ListUserMembershipsRequest.newBuilder()
          .setName(DIEGO_NAME).build());

      assertThat(diego.getGroupsList()).extracting(g -> g.getGroup().getDisplayName() + ":" + g.getMember() + ":" + g.getOwner())
          .containsExactly("All staff:true:false", "Finance:true:true", "Sales:true:false");
      assertThat(diego.getLicencesList()).extracting(dev.accountadmin.v1.Licence::getSku)
          .containsExactly("EXCHANGESTANDARD", "SPE_E3");
      assertThat(TestServer.failure(() -> server.anonymous().listLicences(
          dev.accountadmin.v1.ListLicencesRequest.getDefaultInstance())).code()).isEqualTo(io.grpc.Status.Code.UNAUTHENTICATED);
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void singleSteps_validateOnlyChangesNothing_thenRemoveAndGiveTheSeatBack(Dialect engine) throws Exception {
    try (var server = new TestServer(engine, dir, true)) {
      var plan = server.admin().removeLicences(dev.accountadmin.v1.RemoveLicencesRequest.newBuilder()
          .setName(DIEGO_NAME).setValidateOnly(true).build()).getStep();
      assertThat(plan.getOutcome()).isEqualTo(StepOutcome.STEP_OUTCOME_PLANNED);
      assertThat(server.queryLong(LICENCES_OF_DIEGO)).isEqualTo(2);

      var removed = server.admin().removeLicences(dev.accountadmin.v1.RemoveLicencesRequest.newBuilder()
          .setName(DIEGO_NAME).setRequestId(java.util.UUID.randomUUID().toString()).build()).getStep();
      assertThat(removed.getOutcome()).isEqualTo(StepOutcome.STEP_OUTCOME_DONE);
      assertThat(server.queryLong(EXCHANGE_SEATS_USED)).isEqualTo(2);
      var again = server.admin().removeLicences(dev.accountadmin.v1.RemoveLicencesRequest.newBuilder()
          .setName(DIEGO_NAME).build()).getStep();
      assertThat(again.getOutcome()).isEqualTo(StepOutcome.STEP_OUTCOME_ALREADY_DONE);

      var helpdesk = server.as("hd@contoso.com", AdminRole.ADMIN_ROLE_HELPDESK_ADMIN);
      var denied = TestServer.failure(() -> helpdesk.removeGroupMemberships(
          dev.accountadmin.v1.RemoveGroupMembershipsRequest.newBuilder().setName(DIEGO_NAME).build()));
      assertThat(denied.code()).isEqualTo(io.grpc.Status.Code.PERMISSION_DENIED);
      assertThat(server.queryLong(MEMBERSHIPS_OF_DIEGO)).isEqualTo(4);

      var groups = server.admin().removeGroupMemberships(dev.accountadmin.v1.RemoveGroupMembershipsRequest.newBuilder()
          .setName(DIEGO_NAME).build()).getStep();
      assertThat(groups.getDetails().getGroupMemberships().getOwnerlessGroupsList()).containsExactly("Finance");
      assertThat(server.queryLong(MEMBERSHIPS_OF_DIEGO)).isZero();

      // A removal on its own is the admin's decision: a later offboarding's restore leaves it be.
      assertThat(server.queryLong("SELECT COUNT(*) FROM removed_memberships")).isZero();
      assertThat(server.queryLong("SELECT COUNT(*) FROM removed_licences")).isZero();
      server.admin().offboardUser(OffboardUserRequest.newBuilder().setName(DIEGO_NAME).build());
      server.admin().restoreUser(RestoreUserRequest.newBuilder().setName(DIEGO_NAME).build());
      assertThat(server.queryLong(MEMBERSHIPS_OF_DIEGO)).isZero();
      assertThat(server.queryLong(LICENCES_OF_DIEGO)).isZero();
    }
  }
}
