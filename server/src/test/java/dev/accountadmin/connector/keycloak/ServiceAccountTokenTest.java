package dev.accountadmin.connector.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The service account's token is kept until shortly before it expires, by the injected clock. */
@ExtendWith(KeycloakExtension.class)
class ServiceAccountTokenTest {
  private final TestRealm realm;

  ServiceAccountTokenTest(TestRealm realm) {
    this.realm = realm;
  }

  /** A clock the test moves. */
  private static final class MovableClock extends Clock {
    private Instant now = Instant.now();

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  @Test
  void theToken_isReused_untilShortlyBeforeItExpires_thenRenewed() {
    var clock = new MovableClock();
    var token = new ServiceAccountToken(realm.settings(TestRealm.CONNECTOR, realm.connectorSecret),
        HttpClient.newHttpClient(), clock);
    // The realm's default access token lifespan.
    var lifespan = Duration.ofMinutes(5);

    var first = token.bearer();
    clock.advance(lifespan.minus(ServiceAccountToken.RENEW_BEFORE_EXPIRY).minusSeconds(2));
    assertThat(token.bearer()).as("shortly before the renewal point").isSameAs(first);
    clock.advance(Duration.ofSeconds(3));
    var second = token.bearer();
    assertThat(second).as("past the renewal point").isNotEqualTo(first);
    assertThat(token.bearer()).isSameAs(second);
  }

  @Test
  void anInvalidatedToken_isObtainedAgain() {
    var token = new ServiceAccountToken(realm.settings(TestRealm.CONNECTOR, realm.connectorSecret),
        HttpClient.newHttpClient(), Clock.systemUTC());
    var first = token.bearer();

    token.invalidate();

    assertThat(token.bearer()).isNotEqualTo(first);
  }
}
