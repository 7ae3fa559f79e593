package dev.accountadmin.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accountadmin.failure.Reason;
import dev.accountadmin.i18n.Locales;
import io.grpc.Status;
import org.junit.jupiter.api.Test;

/**
 * Every reason a call can fail for has its sentence ({@code error.<REASON>}) in all five locales
 * and a gRPC code other than OK and UNKNOWN (ErrorStatus#code is exhaustive; this says which).
 */
class ReasonsTest {

  @Test
  void everyReason_hasItsErrorKeyInEveryLocale_andAGrpcCode() {
    for (var locale : Locales.SUPPORTED) {
      var bundle = bundle(locale);
      for (var reason : Reason.values()) {
        assertThat(bundle.getProperty("error." + reason.name())).as(locale + " error." + reason).isNotBlank();
      }
    }
    for (var reason : Reason.values()) {
      assertThat(ErrorStatus.code(reason)).as(reason.name()).isNotIn(Status.Code.OK, Status.Code.UNKNOWN);
    }
  }

  /** A locale's bundle as it is shipped (UTF-8 properties; English is the root bundle). */
  static java.util.Properties bundle(java.util.Locale locale) {
    var suffix = locale.getLanguage().equals("en") ? "" : "_" + locale.getLanguage();
    var properties = new java.util.Properties();
    try (var in = ReasonsTest.class.getResourceAsStream("/dev/accountadmin/i18n/messages" + suffix + ".properties");
        var reader = new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return properties;
  }
}
