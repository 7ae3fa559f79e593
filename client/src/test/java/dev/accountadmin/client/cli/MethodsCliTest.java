package dev.accountadmin.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accountadmin.server.auth.Totp;
import dev.accountadmin.v1.AuthGrpc;
import dev.accountadmin.v1.BeginTotpRegistrationRequest;
import dev.accountadmin.v1.ClientApp;
import dev.accountadmin.v1.ConfirmTotpRegistrationRequest;
import dev.accountadmin.v1.SignInRequest;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Authentication methods from the command line, against a real server: login with a
 * verification code, acctadmin methods, and offboard --remove-methods. The server keeps real
 * time here, so codes are computed for now; one step ahead is inside the server's window and not
 * yet spent by the registration's own code.
 */
final class MethodsCliTest {
  static final String ADELE = "adele.vance@contoso.com";
  @TempDir Path dir;
  CliServer cli;
  ManagedChannel channel;

  @BeforeEach
  void start() throws Exception {
    cli = new CliServer(dir);
    channel = NettyChannelBuilder.forAddress("127.0.0.1", cli.server.port()).usePlaintext().build();
  }

  @AfterEach
  void stop() throws Exception {
    channel.shutdownNow();
    cli.close();
  }

  /** Registers an authenticator app for {@code user} through the Auth API; returns its key. */
  byte[] register(String user, String password) {
    var auth = AuthGrpc.newBlockingStub(channel);
    var token = auth.signIn(SignInRequest.newBuilder().setUserPrincipalName(user).setPassword(password)
        .setClientApp(ClientApp.CLIENT_APP_BROWSER).build()).getAccessToken();
    var headers = new Metadata();
    headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
    var self = auth.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    var begun = self.beginTotpRegistration(BeginTotpRegistrationRequest.newBuilder().setDisplayName("Phone").build());
    var key = Totp.fromBase32(begun.getSecret());
    self.confirmTotpRegistration(ConfirmTotpRegistrationRequest.newBuilder().setMethodId(begun.getMethodId())
        .setVerificationCode(Totp.code(key, Instant.now())).build());
    return key;
  }

  static String nextCode(byte[] key) {
    return Totp.code(key, Instant.now().plus(Duration.ofSeconds(30)));
  }

  @Test
  void login_withAnAuthenticator_needsTheCode_andTakesItFromCode() {
    var key = register("admin@contoso.com", CliServer.PASSWORD);

    var without = cli.runWithInput(CliServer.PASSWORD + "\n", "--locale", "fr", "login", "--user", "admin@contoso.com",
        "--password-stdin");
    assertThat(without.code()).isEqualTo(ExitCode.NOT_AUTHENTICATED);
    assertThat(without.err()).contains("code de vérification");

    var with = cli.runWithInput(CliServer.PASSWORD + "\n", "login", "--user", "admin@contoso.com", "--password-stdin",
        "--code", nextCode(key));
    assertThat(with.code()).as(with.err()).isZero();
    var listed = cli.run("--locale", "en", "methods", "admin@contoso.com");
    assertThat(listed.code()).as(listed.err()).isZero();
    assertThat(listed.out()).contains("Authenticator app “Phone” (").contains("Last used to sign in")
        .contains("1 authentication method");
  }

  @Test
  void methods_listsRemovesAndRequiresReregistration_inTheChosenLanguage() {
    register(ADELE, CliServer.DEMO_PASSWORD);
    cli.login();

    var plan = cli.run("--locale", "en", "methods", ADELE, "--remove-all", "--dry-run");
    assertThat(plan.code()).as(plan.err()).isZero();
    assertThat(plan.out()).contains("1 authentication method of " + ADELE + " would be removed: authenticator app.");

    var both = cli.run("--locale", "sv", "methods", ADELE, "--remove-all", "--require-reregistration");
    assertThat(both.code()).as(both.err()).isZero();
    assertThat(both.out()).contains("1 autentiseringsmetod borttagen för " + ADELE + " (autentiseringsapp)")
        .contains(ADELE + " måste registrera en autentiseringsapp igen vid nästa inloggning");

    var listed = cli.run("--locale", "ro", "methods", ADELE);
    assertThat(listed.out()).contains("Utilizatorul " + ADELE + " nu are nicio metodă de autentificare.")
        .contains("trebuie să înregistreze din nou o aplicație de autentificare");
    assertThat(cli.run("--locale", "en", "methods", ADELE, "--remove", "no-such-id").code()).isEqualTo(ExitCode.NOT_FOUND);
  }

  @Test
  void offboard_removeMethods_runsRightAfterTheSignOut_andRestoreSaysWhatCannotComeBack() {
    register(ADELE, CliServer.DEMO_PASSWORD);
    cli.login();

    var done = cli.run("--locale", "en", "offboard", ADELE, "--remove-methods");
    assertThat(done.code()).as(done.err()).isZero();
    assertThat(done.out()).contains("3. [done] 1 authentication method of " + ADELE + " removed (authenticator app)");

    var restored = cli.run("--locale", "nl", "restore", ADELE);
    assertThat(restored.code()).as(restored.err()).isZero();
    assertThat(restored.out()).contains("1 verificatiemethode van " + ADELE + " kan niet worden hersteld (authenticator-app)")
        .contains("moet bij de volgende aanmelding opnieuw een authenticator-app registreren");
  }

  @Test
  void registerAuthenticator_showsTheKeyOnce_andAScriptConfirmsWithTheCode() {
    cli.login(ADELE, CliServer.DEMO_PASSWORD);

    var begun = cli.run("--locale", "en", "register-authenticator", "--name", "Work phone");
    assertThat(begun.code()).as(begun.err()).isZero();
    var key = java.util.regex.Pattern.compile("shown only now: ([A-Z2-7]+)").matcher(begun.out());
    var id = java.util.regex.Pattern.compile("--confirm (\\S+) --code").matcher(begun.out());
    assertThat(key.find()).as(begun.out()).isTrue();
    assertThat(id.find()).as(begun.out()).isTrue();
    assertThat(begun.out()).contains("otpauth://totp/");

    var confirmed = cli.run("--locale", "en", "register-authenticator", "--confirm", id.group(1),
        "--code", Totp.code(Totp.fromBase32(key.group(1)), Instant.now()));
    assertThat(confirmed.code()).as(confirmed.err()).isZero();
    assertThat(confirmed.out()).contains("Authenticator app “Work phone” registered.");

    cli.login();
    assertThat(cli.run("--locale", "en", "methods", ADELE).out()).contains("Authenticator app “Work phone” (");
  }
}
