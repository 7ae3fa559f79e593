package dev.accountadmin.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import dev.accountadmin.i18n.Messages;
import dev.accountadmin.v1.SessionsRevokedDetails;
import dev.accountadmin.v1.StepDetails;
import dev.accountadmin.v1.StepError;
import dev.accountadmin.v1.StepKind;
import dev.accountadmin.v1.StepOutcome;
import dev.accountadmin.v1.StepResult;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A step an external directory has no counterpart for, as the CLI prints it in each locale: the
 * outcome in the glossary's words, the directory named, never "done"; a sign-out that Active
 * Directory cannot make says until when the tickets it issued stay valid.
 */
final class NotApplicableStepTest {
  static final Map<String, String> OUTCOME = Map.of("en", "not applicable", "fr", "sans objet", "ro", "nu se aplică",
      "nl", "niet van toepassing", "sv", "ej tillämpligt");

  static StepResult notApplicable(StepKind kind, StepDetails details) {
    return StepResult.newBuilder().setNumber(2).setKind(kind).setOutcome(StepOutcome.STEP_OUTCOME_NOT_APPLICABLE)
        .setError(StepError.newBuilder().setReason("STEP_NOT_APPLICABLE").putMetadata("directory", "corp")
            .putMetadata("step", kind.name()))
        .setDetails(details).build();
  }

  @Test
  void aStepWithoutCounterpart_namesTheDirectory_inEveryLocale() {
    var now = Instant.parse("2026-11-23T09:00:00Z");
    var until = Timestamp.newBuilder().setSeconds(now.plusSeconds(10 * 3600).getEpochSecond()).build();
    for (var entry : OUTCOME.entrySet()) {
      var m = Messages.of(Locale.forLanguageTag(entry.getKey()), ZoneOffset.UTC);
      var protocols = Render.step(m, "megan@corp.example.com",
          notApplicable(StepKind.STEP_KIND_SET_MAIL_PROTOCOLS, StepDetails.getDefaultInstance()), now);
      assertThat(protocols).as(entry.getKey()).contains(entry.getValue()).contains("corp")
          .contains("megan@corp.example.com").doesNotContain("{");
      var signOut = Render.step(m, "megan@corp.example.com", notApplicable(StepKind.STEP_KIND_REVOKE_SESSIONS,
          StepDetails.newBuilder().setSessionsRevoked(SessionsRevokedDetails.newBuilder()
              .setAccessTokensValidUntil(until)).build()), now);
      // 19:00 on the 23rd (7:00 PM in English), however each locale writes it.
      assertThat(signOut).as(entry.getKey()).contains("corp").containsAnyOf("19", "7:00").contains("23")
          .doesNotContain("{");
    }
  }
}
