package dev.accountadmin.connector.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** No secret, password or token reaches the connector's log, its errors or its settings' text. */
@ExtendWith(KeycloakExtension.class)
class KeycloakSecretsTest {
  private final TestRealm realm;

  KeycloakSecretsTest(TestRealm realm) {
    this.realm = realm;
  }

  @Test
  void theLogAndTheErrors_holdNoSecret() {
    var logger = Logger.getLogger(KeycloakAdminClient.class.getPackageName());
    var lines = new ArrayList<String>();
    var formatter = new SimpleFormatter();
    var handler = new Handler() {
      @Override
      public synchronized void publish(LogRecord record) {
        lines.add(formatter.format(record));
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    var level = logger.getLevel();
    logger.setLevel(Level.FINE);
    logger.addHandler(handler);
    var secrets = new ArrayList<>(List.of(realm.connectorSecret));
    var texts = new ArrayList<String>();
    try {
      var user = realm.newUser("secrets");
      secrets.add(user.password());
      var client = realm.client();
      var password = TestRealm.password();
      secrets.add(password);
      client.resetPassword(user.username(), password.toCharArray(), true);
      client.read(user.username());
      secrets.add(new ServiceAccountToken(realm.settings(TestRealm.CONNECTOR, realm.connectorSecret),
          HttpClient.newHttpClient(), Clock.systemUTC()).bearer());
      var wrong = TestRealm.password();
      secrets.add(wrong);
      var refused = catchThrowable(() -> realm.client(TestRealm.CONNECTOR, wrong, Clock.systemUTC())
          .resetPassword(user.username(), password.toCharArray(), false));
      assertThat(refused).isInstanceOf(KeycloakPermissionException.class);
      texts.add(refused.toString());
      texts.add(realm.settings(TestRealm.CONNECTOR, realm.connectorSecret).toString());
    } finally {
      logger.removeHandler(handler);
      logger.setLevel(level);
    }

    assertThat(lines).anyMatch(line -> line.contains("/reset-password -> 204"));
    texts.addAll(lines);
    for (var text : texts) {
      for (var secret : secrets) {
        assertThat(text).doesNotContain(secret);
      }
    }
  }
}
