package dev.accountadmin.server;

import static dev.accountadmin.server.TestServer.failure;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.rpc.RetryInfo;
import dev.accountadmin.server.auth.SignInThrottle;
import dev.accountadmin.server.store.Dialect;
import dev.accountadmin.v1.Action;
import dev.accountadmin.v1.AuditOutcome;
import dev.accountadmin.v1.AuthGrpc;
import dev.accountadmin.v1.ChangePasswordRequest;
import dev.accountadmin.v1.ClientApp;
import dev.accountadmin.v1.GetUserRequest;
import dev.accountadmin.v1.ListAuditEventsRequest;
import dev.accountadmin.v1.SignInRequest;
import io.grpc.Status;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Password spraying is slowed per client address and overall, without telling who exists and
 * without locking real users out where they usually sign in. Client addresses are loopback ones
 * (127.0.0.2, …); 127.0.0.1 is familiar, as the admin signs in from it to create the users.
 */
@ParameterizedClass
@EnumSource(Dialect.class)
final class SignInThrottleTest {
  @Parameter Dialect engine;
  static final List<String> USERS = List.of("ana@contoso.com", "ben@contoso.com", "cai@contoso.com");
  static final Duration WINDOW = Duration.ofMinutes(10);
  @TempDir Path dir;
  TestServer server;

  void start(int unfamiliarPerAddress, int unfamiliarOverall) throws Exception {
    server = new TestServer(engine, dir, new SignInThrottle.Policy(WINDOW, unfamiliarPerAddress, 50, unfamiliarOverall));
    USERS.forEach(server::createUser);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  static SignInRequest attempt(String upn, String password) {
    return SignInRequest.newBuilder().setUserPrincipalName(upn).setPassword(password)
        .setClientApp(ClientApp.CLIENT_APP_BROWSER).build();
  }

  static String wrong(int i) {
    return "Guess-Number-" + i + "-Spring2026";
  }

  @Test
  void spray_fromOneUnfamiliarAddress_isThrottledAfterItsLimit_forRealAndUnknownUsersAlike() throws Exception {
    start(5, 100);
    var attacker = server.authFrom("127.0.0.2");
    for (int i = 0; i < 5; i++) {
      var upn = i % 2 == 0 ? USERS.get(i % USERS.size()) : "nobody" + i + "@contoso.com";
      int n = i;
      assertThat(failure(() -> attacker.signIn(attempt(upn, wrong(n)))).errorInfo().getReason())
          .isEqualTo("INVALID_CREDENTIALS");
    }

    var unknown = failure(() -> attacker.signIn(attempt("nobody@contoso.com", wrong(5))));
    var real = failure(() -> attacker.signIn(attempt(USERS.get(0), TestServer.USER_PASSWORD)));
    var change = failure(() -> attacker.changePassword(ChangePasswordRequest.newBuilder()
        .setUserPrincipalName(USERS.get(1)).setCurrentPassword(wrong(6)).setNewPassword("Another-Long-Pass-77").build()));

    assertThat(unknown.code()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(unknown.errorInfo().getReason()).isEqualTo("SIGN_IN_THROTTLED");
    assertThat(unknown.errorInfo().getMetadataMap()).containsEntry("throttleScope", "ADDRESS")
        .containsEntry("retryAfterSeconds", Long.toString(WINDOW.getSeconds()));
    assertThat(unknown.unpack(RetryInfo.class).getRetryDelay().getSeconds()).isEqualTo(WINDOW.getSeconds());
    assertThat(unknown.localizedMessage().getMessage())
        .isEqualTo("Too many failed sign-in attempts came from your network address. Try again in 10 minutes.");
    // A real user with the right password gets exactly what an unknown user gets.
    assertThat(real.status()).isEqualTo(unknown.status());
    assertThat(change.errorInfo().getReason()).isEqualTo("SIGN_IN_THROTTLED");
    var audited = server.admin().listAuditEvents(ListAuditEventsRequest.newBuilder().setTarget(USERS.get(0))
        .setAction(Action.ACTION_SIGN_IN).build()).getEventsList();
    assertThat(audited).anySatisfy(e -> {
      assertThat(e.getOutcome()).isEqualTo(AuditOutcome.AUDIT_OUTCOME_FAILURE);
      assertThat(e.getClientAddress()).isEqualTo("127.0.0.2");
      assertThat(e.getDetailsMap()).containsEntry("reason", "SIGN_IN_THROTTLED").containsEntry("throttleScope", "ADDRESS");
    });

    // The real user, where they usually sign in, is not locked out by any of it.
    assertThat(server.auth().signIn(attempt(USERS.get(0), TestServer.USER_PASSWORD)).getAccessToken()).isNotEmpty();
    assertThat(server.admin().getUser(GetUserRequest.newBuilder().setName("users/" + USERS.get(0)).build())
        .getUser().getLockout().getLocked()).isFalse();

    server.clock.advance(WINDOW);
    assertThat(attacker.signIn(attempt(USERS.get(0), TestServer.USER_PASSWORD)).getAccessToken()).isNotEmpty();
  }

  @Test
  void spray_fromManyUnfamiliarAddresses_slowsThemAll_butNotFamiliarOnes() throws Exception {
    start(5, 8);
    // 127.0.0.5 is where cai usually signs in: familiar from then on.
    var office = server.authFrom("127.0.0.5");
    assertThat(office.signIn(attempt(USERS.get(2), TestServer.USER_PASSWORD)).getAccessToken()).isNotEmpty();
    for (var address : List.of("127.0.0.2", "127.0.0.3")) {
      var attacker = server.authFrom(address);
      for (int i = 0; i < 4; i++) {
        int n = i;
        assertThat(failure(() -> attacker.signIn(attempt(USERS.get(n % USERS.size()), wrong(n)))).errorInfo().getReason())
            .isEqualTo("INVALID_CREDENTIALS");
      }
    }

    var fresh = failure(() -> server.authFrom("127.0.0.4").signIn(attempt(USERS.get(0), TestServer.USER_PASSWORD)));

    assertThat(fresh.errorInfo().getReason()).isEqualTo("SIGN_IN_THROTTLED");
    assertThat(fresh.errorInfo().getMetadataMap()).containsEntry("throttleScope", "GLOBAL");
    assertThat(fresh.unpack(RetryInfo.class).getRetryDelay().getSeconds()).isEqualTo(WINDOW.getSeconds());
    assertThat(office.signIn(attempt(USERS.get(2), TestServer.USER_PASSWORD)).getAccessToken()).isNotEmpty();
    assertThat(failure(() -> office.signIn(attempt(USERS.get(2), wrong(9)))).errorInfo().getReason())
        .isEqualTo("INVALID_CREDENTIALS");
    assertThat(server.auth().signIn(attempt(USERS.get(0), TestServer.USER_PASSWORD)).getAccessToken()).isNotEmpty();
  }
}
