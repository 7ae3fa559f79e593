package dev.accountadmin.connector.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accountadmin.server.TestClock;
import dev.accountadmin.server.TestServer;
import dev.accountadmin.server.store.Dialect;
import dev.accountadmin.v1.AdminRole;
import dev.accountadmin.v1.GetUserRequest;
import dev.accountadmin.v1.GetScheduledOffboardingRequest;
import dev.accountadmin.v1.ListUsersRequest;
import dev.accountadmin.v1.OffboardingTime;
import dev.accountadmin.v1.ScheduleOffboardingRequest;
import dev.accountadmin.v1.ScheduleState;
import dev.accountadmin.v1.ZonedTime;
import dev.accountadmin.v1.OffboardUserRequest;
import dev.accountadmin.v1.RestoreUserRequest;
import dev.accountadmin.v1.StepKind;
import dev.accountadmin.v1.StepOutcome;
import dev.accountadmin.v1.StepResult;
import dev.accountadmin.v1.UnlockUserRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The procedures on the run's real Keycloak realm, through the real gRPC server on both engines,
 * with a directories file naming the realm and the connector's least-roles client: what the
 * procedures did is proved by the realm's own token endpoint and its admin API.
 */
@ExtendWith(KeycloakExtension.class)
class KeycloakDirectoryTest {
  private static final String SUFFIX = "contoso.example";
  private final TestRealm realm;
  private final KeycloakAdminClient client;
  @TempDir Path dir;

  KeycloakDirectoryTest(TestRealm realm) {
    this.realm = realm;
    this.client = realm.client();
  }

  private TestServer server(Dialect engine) throws Exception {
    var file = dir.resolve("directories.toml");
    var secretFile = dir.resolve("kc-client-secret");
    Files.writeString(secretFile, realm.connectorSecret + "\n");
    Files.writeString(file, "[directories.kc]\n"
        + "type = \"keycloak\"\n"
        + "url = \"" + realm.server.baseUrl() + "\"\n"
        + "realm = \"" + TestRealm.NAME + "\"\n"
        + "client_id = \"" + TestRealm.CONNECTOR + "\"\n"
        + "client_secret_file = \"" + secretFile + "\"\n"
        + "upn_suffixes = [\"" + SUFFIX + "\"]\n"
        // A Keycloak nobody answers for: its users' calls are UNAVAILABLE.
        + "[directories.kc-down]\n"
        + "type = \"keycloak\"\n"
        + "url = \"http://127.0.0.1:1\"\n"
        + "realm = \"" + TestRealm.NAME + "\"\n"
        + "client_id = \"" + TestRealm.CONNECTOR + "\"\n"
        + "client_secret_env = \"KC_DOWN_SECRET\"\n"
        + "request_timeout_ms = 2000\n"
        + "upn_suffixes = [\"down.example\"]\n");
    return new TestServer(engine, dir.resolve("server"), new TestClock(Instant.now()),
        config -> config.directories(file, Map.of("KC_DOWN_SECRET", TestRealm.password())));
  }

  private static StepResult step(List<StepResult> steps, StepKind kind) {
    return steps.stream().filter(s -> s.getKind() == kind).findFirst().orElseThrow();
  }

  private static String name(TestUser user) {
    return "users/" + user.email();
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void unlock_clearsARealLockout_andTheUserMustChooseANewPassword(Dialect engine) throws Exception {
    var user = realm.newUser("unlock-" + engine.name().toLowerCase(java.util.Locale.ROOT));
    for (int i = 0; i < TestRealm.FAILURE_FACTOR; i++) {
      assertThat(realm.signIn(user.username(), "wrong-" + i, false).ok()).isFalse();
    }
    Poll.until("lockout of " + user.username(), () -> client.read(user.username()).bruteForce(),
        BruteForceStatus::locked);
    assertThat(realm.signIn(user).ok()).as("the right password while locked").isFalse();

    try (var server = server(engine)) {
      var admin = server.admin();
      var before = admin.getUser(GetUserRequest.newBuilder().setName(name(user)).build()).getUser();
      assertThat(before.getDirectory()).isEqualTo("kc");
      assertThat(before.getLockout().getLocked()).isTrue();

      // A plan changes nothing: the user stays locked.
      var plan = admin.unlockUser(UnlockUserRequest.newBuilder().setName(name(user)).setResetPassword(true)
          .setValidateOnly(true).build()).getResult().getStepsList();
      assertThat(step(plan, StepKind.STEP_KIND_CLEAR_LOCKOUT).getOutcome()).isEqualTo(StepOutcome.STEP_OUTCOME_PLANNED);
      assertThat(client.read(user.username()).bruteForce().locked()).isTrue();

      var steps = admin.unlockUser(UnlockUserRequest.newBuilder().setName(name(user)).setResetPassword(true).build())
          .getResult().getStepsList();
      assertThat(step(steps, StepKind.STEP_KIND_CLEAR_LOCKOUT).getOutcome()).isEqualTo(StepOutcome.STEP_OUTCOME_DONE);
      assertThat(step(steps, StepKind.STEP_KIND_LIFT_SENDING_RESTRICTION).getOutcome())
          .isEqualTo(StepOutcome.STEP_OUTCOME_NOT_APPLICABLE);
      var reset = step(steps, StepKind.STEP_KIND_RESET_PASSWORD);
      assertThat(reset.getOutcome()).isEqualTo(StepOutcome.STEP_OUTCOME_DONE);
      var temporary = reset.getDetails().getPasswordReset().getTemporaryPassword();
      assertThat(temporary).isNotEmpty();

      assertThat(client.read(user.username()).bruteForce()).isEqualTo(BruteForceStatus.CLEAR);
      // Nothing left to unlock (before the sign-ins below, a wrong password among them, count again).
      var again = admin.unlockUser(UnlockUserRequest.newBuilder().setName(name(user)).build()).getResult();
      assertThat(step(again.getStepsList(), StepKind.STEP_KIND_CLEAR_LOCKOUT).getOutcome())
          .isEqualTo(StepOutcome.STEP_OUTCOME_ALREADY_DONE);
      assertThat(client.read(user.username()).user().requiredActions()).contains("UPDATE_PASSWORD");
      // The temporary password is right but must be changed first; the old one is gone. (In this
      // order: a wrong password first would be a new failure for brute-force detection to weigh.)
      var first = realm.signIn(user.username(), temporary, false);
      assertThat(first.ok()).isFalse();
      assertThat(first.description()).isEqualTo("Account is not fully set up");
      assertThat(realm.signIn(user).description()).isEqualTo("Invalid user credentials");

      // On Keycloak's own pages the user signs in with the temporary password and chooses theirs;
      // from then on the password grant gives them a token, and the temporary one is spent.
      var chosen = TestRealm.password();
      assertThat(realm.choosePassword(user.username(), temporary, chosen))
          .startsWith(LoginPages.REDIRECT_URI + "?").contains("code=");
      assertThat(client.read(user.username()).user().requiredActions()).doesNotContain("UPDATE_PASSWORD");
      var signedIn = realm.signIn(user.username(), chosen, false);
      assertThat(signedIn.ok()).as(signedIn.description()).isTrue();
      assertThat(signedIn.accessToken()).isNotEmpty();
      assertThat(realm.signIn(user.username(), temporary, false).ok()).isFalse();
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void offboard_endsSessionsBlocksAndStripsAdminRoles_andRestorePutsThemBack(Dialect engine) throws Exception {
    var user = realm.newUser("leaver-" + engine.name().toLowerCase(java.util.Locale.ROOT));
    realm.mapRealmRoles(user, "admin", "staff");
    realm.mapClientRoles(user, TestRealm.PAYROLL, "viewer");
    var signedIn = realm.signIn(user);
    assertThat(signedIn.ok()).isTrue();

    try (var server = server(engine)) {
      var admin = server.admin();
      var found = admin.getUser(GetUserRequest.newBuilder().setName(name(user)).build()).getUser();
      assertThat(found.getAdminRolesList()).containsExactly(AdminRole.ADMIN_ROLE_GLOBAL_ADMIN);

      // The plan reads the realm and changes nothing there.
      var plan = admin.offboardUser(OffboardUserRequest.newBuilder().setName(name(user)).setValidateOnly(true).build())
          .getResult().getStepsList();
      assertThat(step(plan, StepKind.STEP_KIND_BLOCK_SIGN_IN).getOutcome()).isEqualTo(StepOutcome.STEP_OUTCOME_PLANNED);
      assertThat(step(plan, StepKind.STEP_KIND_REVOKE_SESSIONS).getOutcome())
          .isEqualTo(StepOutcome.STEP_OUTCOME_PLANNED);
      assertThat(client.read(user.username()).user().enabled()).isTrue();
      assertThat(realm.directRoles(user)).contains("admin", "staff", "payroll/viewer");
      assertThat(client.read(user.username()).sessions()).isPositive();

      var result = admin.offboardUser(OffboardUserRequest.newBuilder().setName(name(user)).build()).getResult();
      var steps = result.getStepsList();
      assertThat(step(steps, StepKind.STEP_KIND_BLOCK_SIGN_IN).getOutcome()).isEqualTo(StepOutcome.STEP_OUTCOME_DONE);
      assertThat(step(steps, StepKind.STEP_KIND_REVOKE_SESSIONS).getOutcome()).isEqualTo(StepOutcome.STEP_OUTCOME_DONE);
      assertThat(step(steps, StepKind.STEP_KIND_REVOKE_SESSIONS).getDetails().getSessionsRevoked().getRevokedSessionCount())
          .isPositive();
      assertThat(step(steps, StepKind.STEP_KIND_REMOVE_ADMIN_ROLES).getOutcome())
          .isEqualTo(StepOutcome.STEP_OUTCOME_DONE);
      var mail = step(steps, StepKind.STEP_KIND_SET_MAIL_PROTOCOLS);
      assertThat(mail.getOutcome()).isEqualTo(StepOutcome.STEP_OUTCOME_NOT_APPLICABLE);
      assertThat(mail.getError().getMetadataMap()).containsEntry("directory", "kc");

      // Keycloak itself: disabled, no token, the refresh token refused, only the plain roles left.
      assertThat(client.read(user.username()).user().enabled()).isFalse();
      assertThat(realm.signIn(user).ok()).isFalse();
      assertThat(realm.refresh(signedIn.refreshToken()).ok()).isFalse();
      assertThat(client.read(user.username()).sessions()).as("sessions left in Keycloak").isZero();
      assertThat(realm.directRoles(user)).contains("staff", "payroll/viewer").doesNotContain("admin");
      assertThat(client.readRestoreState(user.username()).offboardedAt()).isPresent();
      var offboarded = admin.getUser(GetUserRequest.newBuilder().setName(name(user)).build()).getUser();
      assertThat(offboarded.getSignInBlocked()).isTrue();
      assertThat(offboarded.getAdminRolesList()).isEmpty();

      // A restore plan changes nothing; the restore puts it all back.
      admin.restoreUser(RestoreUserRequest.newBuilder().setName(name(user)).setValidateOnly(true).build());
      assertThat(client.read(user.username()).user().enabled()).isFalse();
      assertThat(realm.directRoles(user)).doesNotContain("admin");

      var restored = admin.restoreUser(RestoreUserRequest.newBuilder().setName(name(user)).build()).getResult();
      assertThat(step(restored.getStepsList(), StepKind.STEP_KIND_ALLOW_SIGN_IN).getOutcome())
          .isEqualTo(StepOutcome.STEP_OUTCOME_DONE);
      assertThat(step(restored.getStepsList(), StepKind.STEP_KIND_ASSIGN_ADMIN_ROLES).getOutcome())
          .isEqualTo(StepOutcome.STEP_OUTCOME_DONE);
      assertThat(client.read(user.username()).user().enabled()).isTrue();
      assertThat(realm.directRoles(user)).contains("admin", "staff", "payroll/viewer");
      assertThat(client.readRestoreState(user.username())).isEqualTo(RestoreState.NONE);
      var temporary = step(restored.getStepsList(), StepKind.STEP_KIND_RESET_PASSWORD).getDetails().getPasswordReset()
          .getTemporaryPassword();
      assertThat(realm.signIn(user.username(), temporary, false).description())
          .isEqualTo("Account is not fully set up");
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aScheduledOffboarding_runsInTheRealm_whenTheClockPassesItsTime(Dialect engine) throws Exception {
    var user = realm.newUser("scheduled-" + engine.name().toLowerCase(java.util.Locale.ROOT));
    try (var server = server(engine)) {
      var admin = server.admin();
      var at = java.time.LocalDateTime.ofInstant(server.clock.instant().plus(java.time.Duration.ofMinutes(21)),
          java.time.ZoneId.of("Europe/Paris")).withNano(0);
      var scheduled = admin.scheduleOffboarding(ScheduleOffboardingRequest.newBuilder().setName(name(user))
          .setWhen(OffboardingTime.newBuilder().setAt(ZonedTime.newBuilder().setLocalDateTime(at.toString())
              .setTimeZone("Europe/Paris")))
          .setRequestId(java.util.UUID.randomUUID().toString()).build());
      assertThat(step(scheduled.getPlan().getStepsList(), StepKind.STEP_KIND_BLOCK_SIGN_IN).getOutcome())
          .isEqualTo(StepOutcome.STEP_OUTCOME_PLANNED);
      var id = scheduled.getScheduledOffboarding().getName();

      // Within the admin's one-hour sign-in.
      server.clock.advance(java.time.Duration.ofMinutes(10));
      assertThat(server.runDueSchedules()).isZero();
      assertThat(client.read(user.username()).user().enabled()).isTrue();
      assertThat(realm.signIn(user).ok()).isTrue();

      server.clock.advance(java.time.Duration.ofMinutes(11));
      assertThat(server.runDueSchedules()).isEqualTo(1);
      var ran = admin.getScheduledOffboarding(GetScheduledOffboardingRequest.newBuilder().setName(id).build())
          .getScheduledOffboarding();
      assertThat(ran.getState()).as(ran.getError().getReason()).isEqualTo(ScheduleState.SCHEDULE_STATE_DONE);
      assertThat(step(ran.getResult().getStepsList(), StepKind.STEP_KIND_BLOCK_SIGN_IN).getOutcome())
          .isEqualTo(StepOutcome.STEP_OUTCOME_DONE);
      assertThat(client.read(user.username()).user().enabled()).isFalse();
      assertThat(client.read(user.username()).sessions()).isZero();
      assertThat(realm.signIn(user).ok()).isFalse();
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void usersListThroughTheRealm_inNameOrder_andPageByPage(Dialect engine) throws Exception {
    var prefix = "lister-" + engine.name().toLowerCase(java.util.Locale.ROOT);
    // In name order, whatever numbers the run gave them ("-10" before "-9").
    var names = java.util.stream.Stream.of(realm.newUser(prefix), realm.newUser(prefix), realm.newUser(prefix))
        .map(TestUser::email).sorted().toList();
    try (var server = server(engine)) {
      var admin = server.admin();
      var page = admin.listUsers(ListUsersRequest.newBuilder().setDirectory("kc").setFilter(prefix).setPageSize(2)
          .build());
      assertThat(page.getUsersList()).extracting(u -> u.getUserPrincipalName())
          .containsExactly(names.get(0), names.get(1));
      assertThat(page.getUsersList()).allMatch(u -> u.getDirectory().equals("kc"));
      var rest = admin.listUsers(ListUsersRequest.newBuilder().setDirectory("kc").setFilter(prefix).setPageSize(2)
          .setPageToken(page.getNextPageToken()).build());
      assertThat(rest.getUsersList()).extracting(u -> u.getUserPrincipalName()).containsExactly(names.get(2));
      assertThat(rest.getNextPageToken()).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aKeycloakThatDoesNotAnswer_isUnavailable_namingTheDirectory(Dialect engine) throws Exception {
    try (var server = server(engine)) {
      var failure = TestServer.failure(() -> server.admin().getUser(GetUserRequest.newBuilder()
          .setName("users/nobody@down.example").build()));
      assertThat(failure.code()).isEqualTo(io.grpc.Status.Code.UNAVAILABLE);
      assertThat(failure.errorInfo().getReason()).isEqualTo("DIRECTORY_UNAVAILABLE");
      assertThat(failure.errorInfo().getMetadataMap()).containsEntry("directory", "kc-down")
          .containsEntry("connector", Keycloak.TYPE);
    }
  }
}
