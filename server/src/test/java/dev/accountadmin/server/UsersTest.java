package dev.accountadmin.server;

import static dev.accountadmin.server.TestServer.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.accountadmin.server.store.Dialect;
import dev.accountadmin.v1.AdminRole;
import dev.accountadmin.v1.AllowSignInRequest;
import dev.accountadmin.v1.BlockSignInRequest;
import dev.accountadmin.v1.CreateUserRequest;
import dev.accountadmin.v1.GetUserRequest;
import dev.accountadmin.v1.ListAuditEventsRequest;
import dev.accountadmin.v1.ListUsersRequest;
import dev.accountadmin.v1.MailProtocol;
import dev.accountadmin.v1.StepKind;
import dev.accountadmin.v1.StepOutcome;
import dev.accountadmin.v1.User;
import io.grpc.Status;
import java.nio.file.Path;
import java.util.ArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Users and the sign-in steps, through a real server on each engine. */
@ParameterizedClass
@EnumSource(Dialect.class)
final class UsersTest {
  @Parameter Dialect engine;
  @TempDir Path dir;
  TestServer server;

  @BeforeEach
  void start() throws Exception {
    server = new TestServer(engine, dir);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  @Test
  void createUser_returnsUserAndTemporaryPasswordOnce() {
    var response = server.admin().createUser(CreateUserRequest.newBuilder()
        .setUser(User.newBuilder().setUserPrincipalName("Pat.Smith@contoso.com").setDisplayName("Pat Smith")
            .setPreferredLanguage("ro"))
        .build());

    var user = response.getUser();
    assertThat(user.getName()).isEqualTo("users/Pat.Smith@contoso.com");
    assertThat(user.getDisplayName()).isEqualTo("Pat Smith");
    assertThat(user.getPreferredLanguage()).isEqualTo("ro");
    assertThat(user.getPasswordChangeRequired()).isTrue();
    assertThat(user.getMailbox().getEnabledProtocolsList()).hasSize(7).doesNotContain(MailProtocol.MAIL_PROTOCOL_UNSPECIFIED);
    assertThat(response.getTemporaryPassword()).hasSize(16);
    var fetched = server.admin().getUser(GetUserRequest.newBuilder().setName("users/pat.smith@CONTOSO.com").build()).getUser();
    assertThat(fetched.getUserPrincipalName()).isEqualTo("Pat.Smith@contoso.com");
  }

  @Test
  void createUser_twice_isAlreadyExists() {
    server.createUser("pat@contoso.com");
    var failure = failure(() -> server.admin().createUser(CreateUserRequest.newBuilder()
        .setUser(User.newBuilder().setUserPrincipalName("PAT@contoso.com")).build()));
    assertThat(failure.code()).isEqualTo(Status.Code.ALREADY_EXISTS);
    assertThat(failure.errorInfo().getReason()).isEqualTo("USER_ALREADY_EXISTS");
    assertThat(failure.errorInfo().getDomain()).isEqualTo("accountadmin.dev");
    assertThat(failure.errorInfo().getMetadataMap()).containsEntry("user", "PAT@contoso.com");
  }

  @Test
  void createUser_withRoles_needsGlobalAdmin() {
    var userAdmin = server.as("ua@contoso.com", AdminRole.ADMIN_ROLE_USER_ADMIN);
    var failure = failure(() -> userAdmin.createUser(CreateUserRequest.newBuilder()
        .setUser(User.newBuilder().setUserPrincipalName("boss@contoso.com").addAdminRoles(AdminRole.ADMIN_ROLE_HELPDESK_ADMIN))
        .build()));
    assertThat(failure.code()).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(failure.errorInfo().getMetadataMap()).containsEntry("requiredRoles", "GLOBAL_ADMIN");
  }

  @Test
  void createUser_outsideTheTenantsDomain_isFieldViolation() {
    for (var upn : new String[] {"evil@fabrikam.example", "pat@sales.contoso.com"}) {
      for (var validateOnly : new boolean[] {false, true}) {
        var failure = failure(() -> server.admin().createUser(CreateUserRequest.newBuilder()
            .setUser(User.newBuilder().setUserPrincipalName(upn)).setValidateOnly(validateOnly).build()));

        assertThat(failure.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        var violation = failure.badRequest().getFieldViolations(0);
        assertThat(violation.getField()).isEqualTo("user.user_principal_name");
        assertThat(violation.getReason()).isEqualTo("DOMAIN_NOT_ACCEPTED");
        assertThat(violation.getDescription()).contains(upn, "@contoso.com");
      }
    }
  }

  @Test
  void createUser_controlCharacterOrBlankDisplayName_isRefusedByThePlanToo() {
    var cases = java.util.Map.of("Pat\u0000Smith", "CONTROL_CHARACTERS", "Pat\nSmith", "CONTROL_CHARACTERS",
        "   ", "BLANK_DISPLAY_NAME");
    cases.forEach((displayName, reason) -> {
      for (var validateOnly : new boolean[] {true, false}) {
        var failure = failure(() -> server.admin().createUser(CreateUserRequest.newBuilder()
            .setUser(User.newBuilder().setUserPrincipalName("pat@contoso.com").setDisplayName(displayName))
            .setValidateOnly(validateOnly).build()));

        assertThat(failure.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        var violation = failure.badRequest().getFieldViolations(0);
        assertThat(violation.getField()).isEqualTo("user.display_name");
        assertThat(violation.getReason()).isEqualTo(reason);
      }
    });
  }

  @Test
  void listUsers_pagesInNameOrder() {
    for (var name : new String[] {"c@contoso.com", "a@contoso.com", "b@contoso.com"}) {
      server.createUser(name);
    }
    var admin = server.admin();
    var seen = new ArrayList<String>();
    String token = "";
    int pages = 0;
    do {
      var page = admin.listUsers(ListUsersRequest.newBuilder().setPageSize(2).setPageToken(token).build());
      page.getUsersList().forEach(u -> seen.add(u.getUserPrincipalName()));
      token = page.getNextPageToken();
      pages++;
    } while (!token.isEmpty());
    assertThat(seen).containsExactly("a@contoso.com", "admin@contoso.com", "b@contoso.com", "c@contoso.com");
    assertThat(pages).isEqualTo(2);
  }

  @Test
  void listUsers_filtersByWordAndState() {
    server.createUser("anna.lind@contoso.com");
    server.createUser("bo.lind@contoso.com");
    server.createUser("carl@contoso.com");
    var admin = server.admin();
    admin.blockSignIn(BlockSignInRequest.newBuilder().setName("users/bo.lind@contoso.com").build());

    var lind = admin.listUsers(ListUsersRequest.newBuilder().setFilter("LIND").build()).getUsersList();
    var blockedLind = admin.listUsers(ListUsersRequest.newBuilder().setFilter("lind blocked").build()).getUsersList();
    var admins = admin.listUsers(ListUsersRequest.newBuilder().setFilter("admin").build()).getUsersList();

    assertThat(lind).extracting(User::getUserPrincipalName).containsExactly("anna.lind@contoso.com", "bo.lind@contoso.com");
    assertThat(blockedLind).extracting(User::getUserPrincipalName).containsExactly("bo.lind@contoso.com");
    assertThat(admins).extracting(User::getUserPrincipalName).containsExactly("admin@contoso.com");
  }

  @Test
  void listUsers_pageSizeOutOfRange_isInvalidArgumentWithFieldViolation() {
    var failure = failure(() -> server.admin().listUsers(ListUsersRequest.newBuilder().setPageSize(5000).build()));
    assertThat(failure.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(failure.errorInfo().getReason()).isEqualTo("INVALID_ARGUMENT");
    var violation = failure.badRequest().getFieldViolations(0);
    assertThat(violation.getField()).isEqualTo("page_size");
    assertThat(violation.getReason()).isEqualTo("OUT_OF_RANGE");
    assertThat(violation.getDescription()).contains("1,000");
  }

  @Test
  void listUsers_filterWithNul_isFieldViolationOnEveryEngine() {
    var failure = failure(() -> server.admin().listUsers(ListUsersRequest.newBuilder().setFilter("pat\u0000").build()));

    assertThat(failure.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    var violation = failure.badRequest().getFieldViolations(0);
    assertThat(violation.getField()).isEqualTo("filter");
    assertThat(violation.getReason()).isEqualTo("CONTROL_CHARACTERS");
  }

  @Test
  void listUsers_forgedPageToken_isInvalidArgument() {
    var failure = failure(() -> server.admin().listUsers(ListUsersRequest.newBuilder().setPageToken("%%%").build()));
    assertThat(failure.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(failure.badRequest().getFieldViolations(0).getField()).isEqualTo("page_token");
  }

  @Test
  void pageToken_worksOnlyForTheListingAndFilterThatIssuedIt() {
    server.createUser("anna.lind@contoso.com");
    server.createUser("bo.lind@contoso.com");
    var admin = server.admin();
    var lind = ListUsersRequest.newBuilder().setFilter("lind").setPageSize(1);
    var usersToken = admin.listUsers(lind.build()).getNextPageToken();
    var audit = ListAuditEventsRequest.newBuilder().setPageSize(1);
    var auditToken = admin.listAuditEvents(audit.build()).getNextPageToken();

    var next = admin.listUsers(lind.setPageToken(usersToken).build()).getUsersList();
    assertThat(next).extracting(User::getUserPrincipalName).containsExactly("bo.lind@contoso.com");
    var foreign = java.util.List.<Runnable>of(
        () -> admin.listUsers(ListUsersRequest.newBuilder().setPageSize(1).setPageToken(usersToken).build()),
        () -> admin.listUsers(ListUsersRequest.newBuilder().setFilter("lind").setPageToken(auditToken).build()),
        () -> admin.listAuditEvents(audit.setActor(TestServer.ADMIN).setPageToken(auditToken).build()),
        () -> admin.listAuditEvents(ListAuditEventsRequest.newBuilder().setPageToken(usersToken).build()));
    for (var call : foreign) {
      var failure = failure(call);
      assertThat(failure.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
      var violation = failure.badRequest().getFieldViolations(0);
      assertThat(violation.getField()).isEqualTo("page_token");
      assertThat(violation.getReason()).isEqualTo("INVALID_PAGE_TOKEN");
    }
  }

  @Test
  void getUser_emptyName_isRequiredFieldViolation() {
    var failure = failure(() -> server.admin().getUser(GetUserRequest.getDefaultInstance()));
    assertThat(failure.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(failure.badRequest().getFieldViolations(0).getField()).isEqualTo("name");
    assertThat(failure.badRequest().getFieldViolations(0).getReason()).isEqualTo("REQUIRED");
  }

  @Test
  void getUser_malformedPrincipalName_isFieldViolation() {
    var failure = failure(() -> server.admin().getUser(GetUserRequest.newBuilder().setName("users/not-an-email").build()));
    assertThat(failure.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    var violation = failure.badRequest().getFieldViolations(0);
    assertThat(violation.getReason()).isEqualTo("MALFORMED_USER_PRINCIPAL_NAME");
    assertThat(violation.getDescription()).contains("not-an-email");
  }

  @Test
  void getUser_unknown_isNotFound() {
    var failure = failure(() -> server.admin().getUser(GetUserRequest.newBuilder().setName("users/ghost@contoso.com").build()));
    assertThat(failure.code()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(failure.errorInfo().getReason()).isEqualTo("USER_NOT_FOUND");
    assertThat(failure.errorInfo().getMetadataMap()).containsEntry("user", "ghost@contoso.com");
  }

  @Test
  void blockSignIn_thenAgain_reportsDoneThenAlreadyDone() throws Exception {
    server.createUser("pat@contoso.com");
    var admin = server.admin();

    var first = admin.blockSignIn(BlockSignInRequest.newBuilder().setName("users/pat@contoso.com").build());
    var second = admin.blockSignIn(BlockSignInRequest.newBuilder().setName("users/pat@contoso.com").build());

    assertThat(first.getStep().getKind()).isEqualTo(StepKind.STEP_KIND_BLOCK_SIGN_IN);
    assertThat(first.getStep().getOutcome()).isEqualTo(StepOutcome.STEP_OUTCOME_DONE);
    assertThat(first.getStep().getEffectiveTime().getSeconds()).isEqualTo(server.clock.instant().getEpochSecond());
    assertThat(first.getUser().getSignInBlocked()).isTrue();
    assertThat(second.getStep().getOutcome()).isEqualTo(StepOutcome.STEP_OUTCOME_ALREADY_DONE);
    assertThat(server.queryLong("SELECT COUNT(*) FROM audit_events WHERE action = 'BLOCK_SIGN_IN'"
        + " AND target = 'pat@contoso.com' AND outcome = 'SUCCESS' AND actor = 'admin@contoso.com'")).isEqualTo(1);
  }

  @Test
  void blockSignIn_refusesTheUsersNextSignIn_allowSignInLetsItBack() {
    server.createUser("pat@contoso.com");
    var admin = server.admin();
    admin.blockSignIn(BlockSignInRequest.newBuilder().setName("users/pat@contoso.com").build());

    var refused = failure(() -> server.signIn("pat@contoso.com", TestServer.USER_PASSWORD));
    admin.allowSignIn(AllowSignInRequest.newBuilder().setName("users/pat@contoso.com").build());

    assertThat(refused.errorInfo().getReason()).isEqualTo("SIGN_IN_BLOCKED");
    assertThat(server.signIn("pat@contoso.com", TestServer.USER_PASSWORD)).isNotEmpty();
  }

  @Test
  void blockSignIn_validateOnly_changesNothing() {
    server.createUser("pat@contoso.com");
    var plan = server.admin().blockSignIn(BlockSignInRequest.newBuilder().setName("users/pat@contoso.com").setValidateOnly(true).build());
    assertThat(plan.getStep().getOutcome()).isEqualTo(StepOutcome.STEP_OUTCOME_PLANNED);
    assertThat(plan.getUser().getSignInBlocked()).isFalse();
    assertThat(server.admin().getUser(GetUserRequest.newBuilder().setName("users/pat@contoso.com").build())
        .getUser().getSignInBlocked()).isFalse();
  }

  @Test
  void blockSignIn_byHelpdeskAdmin_isDeniedAndAudited() throws Exception {
    server.createUser("pat@contoso.com");
    var helpdesk = server.as("hd@contoso.com", AdminRole.ADMIN_ROLE_HELPDESK_ADMIN);

    var failure = failure(() -> helpdesk.blockSignIn(BlockSignInRequest.newBuilder().setName("users/pat@contoso.com").build()));

    assertThat(failure.code()).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(failure.errorInfo().getReason()).isEqualTo("PERMISSION_DENIED");
    assertThat(failure.errorInfo().getMetadataMap())
        .containsEntry("action", "BLOCK_SIGN_IN")
        .containsEntry("user", "pat@contoso.com")
        .containsEntry("requiredRoles", "GLOBAL_ADMIN,USER_ADMIN");
    assertThat(server.queryLong("SELECT COUNT(*) FROM audit_events WHERE action = 'BLOCK_SIGN_IN'"
        + " AND outcome = 'DENIED' AND actor = 'hd@contoso.com'")).isEqualTo(1);
  }

  @Test
  void blockSignIn_ofGlobalAdminByUserAdmin_isDenied() {
    var userAdmin = server.as("ua@contoso.com", AdminRole.ADMIN_ROLE_USER_ADMIN);
    var failure = failure(() -> userAdmin.blockSignIn(BlockSignInRequest.newBuilder().setName("users/admin@contoso.com").build()));
    assertThat(failure.code()).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(failure.errorInfo().getMetadataMap()).containsEntry("requiredRoles", "GLOBAL_ADMIN");
  }

  @Test
  void readUsers_withoutAnyAdminRole_isDenied() {
    var plain = server.as("plain@contoso.com");
    var failure = failure(() -> plain.listUsers(ListUsersRequest.getDefaultInstance()));
    assertThat(failure.code()).isEqualTo(Status.Code.PERMISSION_DENIED);
  }
}
