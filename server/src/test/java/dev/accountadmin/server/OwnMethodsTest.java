package dev.accountadmin.server;

import static dev.accountadmin.server.TestServer.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.accountadmin.server.store.Dialect;
import dev.accountadmin.v1.AdminRole;
import dev.accountadmin.v1.AuthMethodKind;
import dev.accountadmin.v1.ClientApp;
import dev.accountadmin.v1.ListAuthenticationMethodsRequest;
import dev.accountadmin.v1.SetAlternateEmailRequest;
import dev.accountadmin.v1.SignInRequest;
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
 * What a user without an admin role may read about their own account: their sign-in methods, and
 * at sign-in which admin roles the session carries (none), so a portal shows them their own pages.
 */
@ParameterizedClass
@EnumSource(Dialect.class)
final class OwnMethodsTest {
  @Parameter Dialect engine;
  static final String USER = "pat@contoso.com";
  static final String OTHER = "sam@contoso.com";
  @TempDir Path dir;
  TestServer server;

  @BeforeEach
  void start() throws Exception {
    server = new TestServer(engine, dir);
    server.createUser(USER);
    server.createUser(OTHER);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  @Test
  void aUserWithoutAdminRole_listsTheirOwnMethods_butNotAnotherUsers() {
    var signedIn = Authenticator.signIn(server, USER, "");
    Authenticator.self(server, signedIn).setAlternateEmail(SetAlternateEmailRequest.newBuilder()
        .setEmail("pat@example.net").build());
    var self = server.withToken(signedIn.getAccessToken(), null);

    var own = self.listAuthenticationMethods(ListAuthenticationMethodsRequest.newBuilder()
        .setName("users/" + USER.toUpperCase(java.util.Locale.ROOT)).build());
    assertThat(own.getMethodsList()).singleElement()
        .satisfies(m -> assertThat(m.getKind()).isEqualTo(AuthMethodKind.AUTH_METHOD_KIND_ALTERNATE_EMAIL));

    var other = failure(() -> self.listAuthenticationMethods(ListAuthenticationMethodsRequest.newBuilder()
        .setName("users/" + OTHER).build()));
    assertThat(other.code()).isEqualTo(Status.Code.PERMISSION_DENIED);
  }

  @Test
  void signIn_namesTheSessionsAdminRoles_onlyThroughTheAdminApi() {
    server.createUser("lee@contoso.com", AdminRole.ADMIN_ROLE_HELPDESK_ADMIN);
    assertThat(signIn("lee@contoso.com", ClientApp.CLIENT_APP_ADMIN_API).getAdminRolesList())
        .containsExactly(AdminRole.ADMIN_ROLE_HELPDESK_ADMIN);
    assertThat(signIn("lee@contoso.com", ClientApp.CLIENT_APP_BROWSER).getAdminRolesList()).isEmpty();
    assertThat(signIn(USER, ClientApp.CLIENT_APP_ADMIN_API).getAdminRolesList()).isEmpty();
  }

  private dev.accountadmin.v1.SignInResponse signIn(String upn, ClientApp app) {
    return server.auth().signIn(SignInRequest.newBuilder().setUserPrincipalName(upn)
        .setPassword(TestServer.USER_PASSWORD).setClientApp(app).build());
  }
}
