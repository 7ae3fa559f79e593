package dev.accountadmin.server;

import static dev.accountadmin.server.TestServer.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.accountadmin.server.auth.Totp;
import dev.accountadmin.server.store.Dialect;
import dev.accountadmin.v1.AdminRole;
import dev.accountadmin.v1.AuthMethodKind;
import dev.accountadmin.v1.AuthenticationMethod;
import dev.accountadmin.v1.BeginTotpRegistrationRequest;
import dev.accountadmin.v1.ChangePasswordRequest;
import dev.accountadmin.v1.ClientApp;
import dev.accountadmin.v1.ConfirmTotpRegistrationRequest;
import dev.accountadmin.v1.CreateAppPasswordRequest;
import dev.accountadmin.v1.ListAuthenticationMethodsRequest;
import dev.accountadmin.v1.ListUsersRequest;
import dev.accountadmin.v1.LiftReregistrationRequest;
import dev.accountadmin.v1.MethodOptions;
import dev.accountadmin.v1.OffboardUserRequest;
import dev.accountadmin.v1.ProcedureResult;
import dev.accountadmin.v1.RemoveAuthenticationMethodsRequest;
import dev.accountadmin.v1.RequireReregistrationRequest;
import dev.accountadmin.v1.RestoreUserRequest;
import dev.accountadmin.v1.SecureCompromisedUserRequest;
import dev.accountadmin.v1.SetAlternateEmailRequest;
import dev.accountadmin.v1.SignInRequest;
import dev.accountadmin.v1.StepKind;
import dev.accountadmin.v1.StepOptions;
import dev.accountadmin.v1.StepOutcome;
import dev.accountadmin.v1.StepResult;
import io.grpc.Status;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Authentication methods: a user registers an authenticator app, an alternate email and app
 * passwords; admins list and remove them and require re-registration, as single steps and in
 * the offboarding and compromised-account procedures; restore says what cannot come back.
 */
@ParameterizedClass
@EnumSource(Dialect.class)
final class MethodsTest {
  @Parameter Dialect engine;
  static final String USER = "pat@contoso.com";
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

  java.util.List<AuthenticationMethod> methods() {
    return server.admin().listAuthenticationMethods(ListAuthenticationMethodsRequest.newBuilder().setName(NAME).build())
        .getMethodsList();
  }

  static StepResult step(ProcedureResult result, StepKind kind) {
    return result.getStepsList().stream().filter(s -> s.getKind() == kind).findFirst().orElseThrow();
  }

  @Test
  void registration_isAMethodOnlyOnceConfirmedWithAValidCode_andItsSecretIsStoredSealed() throws Exception {
    var self = Authenticator.self(server, Authenticator.signIn(server, USER, ""));
    var begun = self.beginTotpRegistration(BeginTotpRegistrationRequest.newBuilder().setDisplayName("Pixel").build());
    assertThat(begun.getOtpauthUri()).startsWith("otpauth://totp/contoso.com:pat%40contoso.com?secret=" + begun.getSecret())
        .contains("issuer=contoso.com", "digits=6", "period=30");
    assertThat(methods()).isEmpty();
    var key = Totp.fromBase32(begun.getSecret());

    var wrong = failure(() -> self.confirmTotpRegistration(ConfirmTotpRegistrationRequest.newBuilder()
        .setMethodId(begun.getMethodId()).setVerificationCode(Totp.code(key, server.clock.instant().minusSeconds(600))).build()));
    assertThat(wrong.errorInfo().getReason()).isEqualTo("MFA_CODE_INVALID");
    var unknown = failure(() -> self.confirmTotpRegistration(ConfirmTotpRegistrationRequest.newBuilder()
        .setMethodId("no-such-id").setVerificationCode("123456").build()));
    assertThat(unknown.code()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(unknown.errorInfo().getReason()).isEqualTo("TOTP_REGISTRATION_NOT_FOUND");

    var confirmed = self.confirmTotpRegistration(ConfirmTotpRegistrationRequest.newBuilder()
        .setMethodId(begun.getMethodId()).setVerificationCode(Totp.code(key, server.clock.instant())).build());

    assertThat(confirmed.getMethod().getKind()).isEqualTo(AuthMethodKind.AUTH_METHOD_KIND_AUTHENTICATOR_APP);
    assertThat(methods()).singleElement().satisfies(m -> {
      assertThat(m.getId()).isEqualTo(begun.getMethodId());
      assertThat(m.getDisplayName()).isEqualTo("Pixel");
      assertThat(m.hasRegisteredTime()).isTrue();
    });
    // Sealed: neither the Base32 text nor the raw key is in the database.
    assertThat(server.queryLong("SELECT COUNT(*) FROM authentication_methods WHERE secret LIKE '%"
        + begun.getSecret() + "%'")).isZero();
    assertThat(server.queryLong("SELECT COUNT(*) FROM authentication_methods WHERE secret IS NOT NULL")).isEqualTo(1);
    assertThat(server.queryLong("SELECT COUNT(*) FROM audit_events WHERE details LIKE '%" + begun.getSecret() + "%'"))
        .isZero();
  }

  @Test
  void alternateEmailAndAppPasswords_areListed_withoutAnySecret() {
    var self = Authenticator.self(server, Authenticator.signIn(server, USER, ""));
    self.setAlternateEmail(SetAlternateEmailRequest.newBuilder().setEmail("pat@example.net").build());
    var created = self.createAppPassword(CreateAppPasswordRequest.newBuilder().setDisplayName("Thunderbird").build());

    assertThat(methods()).extracting(AuthenticationMethod::getKind, AuthenticationMethod::getDisplayName).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple(AuthMethodKind.AUTH_METHOD_KIND_ALTERNATE_EMAIL, "pat@example.net"),
        org.assertj.core.groups.Tuple.tuple(AuthMethodKind.AUTH_METHOD_KIND_APP_PASSWORD, "Thunderbird"));
    assertThat(methods().toString()).doesNotContain(created.getAppPassword());
    var bad = failure(() -> self.setAlternateEmail(SetAlternateEmailRequest.newBuilder().setEmail("not an address").build()));
    assertThat(bad.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
  }

  @Test
  void removeMethods_followsTheMatrixOfAPasswordReset_andTheUserSignsInWithoutACodeAfterwards() {
    var phone = Authenticator.register(server, USER);
    var helpdesk = server.as("hd@contoso.com", AdminRole.ADMIN_ROLE_HELPDESK_ADMIN);
    var exchange = server.as("ex@contoso.com", AdminRole.ADMIN_ROLE_EXCHANGE_ADMIN);

    var denied = failure(() -> exchange.removeAuthenticationMethods(RemoveAuthenticationMethodsRequest.newBuilder()
        .setName(NAME).build()));
    assertThat(denied.code()).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(denied.errorInfo().getMetadataMap()).containsEntry("action", "MANAGE_AUTH_METHODS")
        .containsEntry("requiredRoles", "GLOBAL_ADMIN,USER_ADMIN,HELPDESK_ADMIN");
    var plan = helpdesk.removeAuthenticationMethods(RemoveAuthenticationMethodsRequest.newBuilder().setName(NAME)
        .setValidateOnly(true).build()).getStep();
    assertThat(plan.getOutcome()).isEqualTo(StepOutcome.STEP_OUTCOME_PLANNED);
    assertThat(methods()).hasSize(1);
    var unknown = failure(() -> helpdesk.removeAuthenticationMethods(RemoveAuthenticationMethodsRequest.newBuilder()
        .setName(NAME).setMethodId("no-such-id").build()));
    assertThat(unknown.errorInfo().getReason()).isEqualTo("METHOD_NOT_FOUND");

    var removed = helpdesk.removeAuthenticationMethods(RemoveAuthenticationMethodsRequest.newBuilder().setName(NAME)
        .setMethodId(phone.methodId).build()).getStep();

    assertThat(removed.getOutcome()).isEqualTo(StepOutcome.STEP_OUTCOME_DONE);
    assertThat(removed.getDetails().getAuthMethods().getMethodsList())
        .containsExactly(AuthMethodKind.AUTH_METHOD_KIND_AUTHENTICATOR_APP);
    assertThat(methods()).isEmpty();
    assertThat(Authenticator.signIn(server, USER, "").getAccessToken()).isNotEmpty();
    assertThat(helpdesk.removeAuthenticationMethods(RemoveAuthenticationMethodsRequest.newBuilder().setName(NAME).build())
        .getStep().getOutcome()).isEqualTo(StepOutcome.STEP_OUTCOME_ALREADY_DONE);
  }

  @Test
  void removeMethods_ofAdmins_needsUserAdminForHelpdeskTargets_andGlobalAdminForOthers() {
    server.createUser("hd2@contoso.com", AdminRole.ADMIN_ROLE_HELPDESK_ADMIN);
    server.createUser("ua2@contoso.com", AdminRole.ADMIN_ROLE_USER_ADMIN);
    Authenticator.register(server, "hd2@contoso.com");
    Authenticator.register(server, "ua2@contoso.com");
    var helpdesk = server.as("hd@contoso.com", AdminRole.ADMIN_ROLE_HELPDESK_ADMIN);
    var userAdmin = server.as("ua@contoso.com", AdminRole.ADMIN_ROLE_USER_ADMIN);

    assertThat(failure(() -> helpdesk.requireReregistration(RequireReregistrationRequest.newBuilder()
        .setName("users/hd2@contoso.com").build())).code()).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(userAdmin.requireReregistration(RequireReregistrationRequest.newBuilder()
        .setName("users/hd2@contoso.com").build()).getStep().getOutcome()).isEqualTo(StepOutcome.STEP_OUTCOME_DONE);
    var privileged = failure(() -> userAdmin.removeAuthenticationMethods(RemoveAuthenticationMethodsRequest.newBuilder()
        .setName("users/ua2@contoso.com").build()));
    assertThat(privileged.errorInfo().getMetadataMap()).containsEntry("requiredRoles", "GLOBAL_ADMIN");
    assertThat(server.admin().removeAuthenticationMethods(RemoveAuthenticationMethodsRequest.newBuilder()
        .setName("users/ua2@contoso.com").build()).getStep().getOutcome()).isEqualTo(StepOutcome.STEP_OUTCOME_DONE);
  }

  @Test
  void requiredReregistration_givesASessionThatCanOnlyRegister_untilANewAuthenticatorReplacesTheOld() {
    var old = Authenticator.register(server, USER);
    server.admin().requireReregistration(RequireReregistrationRequest.newBuilder().setName(NAME).build());
    assertThat(server.admin().listAuthenticationMethods(ListAuthenticationMethodsRequest.newBuilder().setName(NAME).build())
        .getReregistrationRequired()).isTrue();

    // The old authenticator is not asked for: it may be the attacker's.
    var signedIn = Authenticator.signIn(server, USER, "");
    assertThat(signedIn.getRegistrationRequired()).isTrue();
    var self = Authenticator.self(server, signedIn);
    var refused = failure(() -> self.createAppPassword(CreateAppPasswordRequest.newBuilder().setDisplayName("x").build()));
    assertThat(refused.code()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(refused.errorInfo().getReason()).isEqualTo("MFA_REGISTRATION_REQUIRED");

    var fresh = Authenticator.register(server, self);

    assertThat(methods()).singleElement().extracting(AuthenticationMethod::getId).isEqualTo(fresh.methodId);
    // The same session is a full one now, and sign-in asks for the new app's code, not the old one's.
    self.createAppPassword(CreateAppPasswordRequest.newBuilder().setDisplayName("Mail").build());
    var now = server.clock.instant();
    assertThat(failure(() -> Authenticator.signIn(server, USER, old.code(now))).errorInfo().getReason())
        .isEqualTo("MFA_CODE_INVALID");
    assertThat(Authenticator.signIn(server, USER, fresh.code(now)).getRegistrationRequired()).isFalse();
  }

  @Test
  void liftReregistration_letsTheOldAuthenticatorSignInAgain() {
    var phone = Authenticator.register(server, USER);
    server.admin().requireReregistration(RequireReregistrationRequest.newBuilder().setName(NAME).build());

    var lifted = server.admin().liftReregistration(LiftReregistrationRequest.newBuilder().setName(NAME).build()).getStep();

    assertThat(lifted.getOutcome()).isEqualTo(StepOutcome.STEP_OUTCOME_DONE);
    assertThat(failure(() -> Authenticator.signIn(server, USER, "")).errorInfo().getReason()).isEqualTo("MFA_CODE_REQUIRED");
    assertThat(Authenticator.signIn(server, USER, phone.code(server.clock.instant())).getRegistrationRequired()).isFalse();
  }

  @Test
  void compromisedAccount_requiresReregistration_reviewsAdminRoles_inMicrosoftsOrder() {
    var lee = "lee@contoso.com";
    server.createUser(lee, AdminRole.ADMIN_ROLE_EXCHANGE_ADMIN);
    Authenticator.register(server, lee);

    var result = server.admin().secureCompromisedUser(SecureCompromisedUserRequest.newBuilder().setName("users/" + lee).build())
        .getResult();

    assertThat(result.getStepsList()).extracting(StepResult::getKind).containsExactly(
        StepKind.STEP_KIND_RESET_PASSWORD, StepKind.STEP_KIND_REVOKE_SESSIONS, StepKind.STEP_KIND_REMOVE_FORWARDING,
        StepKind.STEP_KIND_REMOVE_FLAGGED_INBOX_RULES, StepKind.STEP_KIND_REQUIRE_REREGISTRATION,
        StepKind.STEP_KIND_REVIEW_ADMIN_ROLES, StepKind.STEP_KIND_RESTRICT_SENDING);
    assertThat(step(result, StepKind.STEP_KIND_REQUIRE_REREGISTRATION).getOutcome()).isEqualTo(StepOutcome.STEP_OUTCOME_DONE);
    assertThat(step(result, StepKind.STEP_KIND_REQUIRE_REREGISTRATION).getDetails().getReregistration().getMethodsList())
        .containsExactly(AuthMethodKind.AUTH_METHOD_KIND_AUTHENTICATOR_APP);
    assertThat(step(result, StepKind.STEP_KIND_REVIEW_ADMIN_ROLES).getDetails().getAdminRoles().getBeforeList())
        .containsExactly(AdminRole.ADMIN_ROLE_EXCHANGE_ADMIN);

    // The user's next sign-in, with the new password, opens a session that can only register.
    var temporary = step(result, StepKind.STEP_KIND_RESET_PASSWORD).getDetails().getPasswordReset().getTemporaryPassword();
    server.auth().changePassword(ChangePasswordRequest.newBuilder().setUserPrincipalName(lee)
        .setCurrentPassword(temporary).setNewPassword(TestServer.USER_PASSWORD).build());
    server.clock.advance(java.time.Duration.ofSeconds(1));
    var signedIn = server.auth().signIn(SignInRequest.newBuilder().setUserPrincipalName(lee)
        .setPassword(TestServer.USER_PASSWORD).setClientApp(ClientApp.CLIENT_APP_ADMIN_API).build());
    assertThat(signedIn.getRegistrationRequired()).isTrue();
    var asAdmin = server.withToken(signedIn.getAccessToken(), null);
    assertThat(failure(() -> asAdmin.listUsers(ListUsersRequest.getDefaultInstance())).errorInfo().getReason())
        .isEqualTo("MFA_REGISTRATION_REQUIRED");
  }

  @Test
  void offboardingRemovesMethodsWhenChosen_andRestoreSaysPlainlyWhatCannotComeBack() throws Exception {
    var phone = Authenticator.register(server, USER);
    var full = Authenticator.self(server, Authenticator.signIn(server, USER, phone.code(server.clock.instant())));
    full.setAlternateEmail(SetAlternateEmailRequest.newBuilder().setEmail("pat@example.net").build());
    full.createAppPassword(CreateAppPasswordRequest.newBuilder().setDisplayName("Thunderbird").build());

    var offboarded = server.admin().offboardUser(OffboardUserRequest.newBuilder().setName(NAME)
        .setOptions(StepOptions.newBuilder().setMethods(MethodOptions.newBuilder().setRemoveMethods(true))).build())
        .getResult();

    var removal = step(offboarded, StepKind.STEP_KIND_REMOVE_AUTH_METHODS);
    assertThat(removal.getOutcome()).isEqualTo(StepOutcome.STEP_OUTCOME_DONE);
    assertThat(removal.getDetails().getAuthMethods().getMethodsList()).containsExactlyInAnyOrder(
        AuthMethodKind.AUTH_METHOD_KIND_AUTHENTICATOR_APP, AuthMethodKind.AUTH_METHOD_KIND_ALTERNATE_EMAIL,
        AuthMethodKind.AUTH_METHOD_KIND_APP_PASSWORD);
    // Right after the reset and the sign-out.
    assertThat(offboarded.getStepsList()).extracting(StepResult::getKind).startsWith(
        StepKind.STEP_KIND_RESET_PASSWORD, StepKind.STEP_KIND_REVOKE_SESSIONS, StepKind.STEP_KIND_REMOVE_AUTH_METHODS);
    assertThat(server.queryLong("SELECT COUNT(*) FROM authentication_methods")).isZero();

    var restored = server.admin().restoreUser(RestoreUserRequest.newBuilder().setName(NAME).build()).getResult();

    var back = step(restored, StepKind.STEP_KIND_RESTORE_AUTH_METHODS);
    assertThat(back.getOutcome()).isEqualTo(StepOutcome.STEP_OUTCOME_DONE);
    assertThat(back.getDetails().getAuthMethods().getMethodsList()).containsExactly(AuthMethodKind.AUTH_METHOD_KIND_ALTERNATE_EMAIL);
    assertThat(back.getDetails().getAuthMethods().getNotRestorableList()).containsExactlyInAnyOrder(
        AuthMethodKind.AUTH_METHOD_KIND_AUTHENTICATOR_APP, AuthMethodKind.AUTH_METHOD_KIND_APP_PASSWORD);
    assertThat(back.getDetails().getAuthMethods().getReregistrationRequired()).isTrue();
    var listed = server.admin().listAuthenticationMethods(ListAuthenticationMethodsRequest.newBuilder().setName(NAME).build());
    assertThat(listed.getMethodsList()).extracting(AuthenticationMethod::getDisplayName).containsExactly("pat@example.net");
    assertThat(listed.getReregistrationRequired()).isTrue();
  }

  @Test
  void offboardingWithoutTheOption_leavesMethodsAlone() {
    Authenticator.register(server, USER);

    var offboarded = server.admin().offboardUser(OffboardUserRequest.newBuilder().setName(NAME).build()).getResult();

    assertThat(step(offboarded, StepKind.STEP_KIND_REMOVE_AUTH_METHODS).getOutcome())
        .isEqualTo(StepOutcome.STEP_OUTCOME_NOT_REQUESTED);
    assertThat(methods()).hasSize(1);
    var restored = server.admin().restoreUser(RestoreUserRequest.newBuilder().setName(NAME).build()).getResult();
    assertThat(step(restored, StepKind.STEP_KIND_RESTORE_AUTH_METHODS).getOutcome())
        .isEqualTo(StepOutcome.STEP_OUTCOME_ALREADY_DONE);
  }
}
