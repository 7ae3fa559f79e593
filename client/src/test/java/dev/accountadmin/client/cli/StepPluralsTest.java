package dev.accountadmin.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import dev.accountadmin.i18n.Messages;
import dev.accountadmin.v1.SessionsRevokedDetails;
import dev.accountadmin.v1.StepDetails;
import dev.accountadmin.v1.StepKind;
import dev.accountadmin.v1.StepOutcome;
import dev.accountadmin.v1.StepResult;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Step lines as the CLI prints them, with the counts CLDR treats differently: 0, 1, 2, 21, 101,
 * 120, 1 000 and 1 000 000 sessions revoked, in each locale, with its group separator.
 */
final class StepPluralsTest {
  static final List<Long> COUNTS = List.of(0L, 1L, 2L, 21L, 101L, 120L, 1_000L, 1_000_000L);
  static final String NBSP = "\u00A0";
  static final String NNBSP = "\u202F";

  /** What each locale must say for each count, in order. */
  static final Map<String, List<String>> EXPECTED = Map.of(
      "en", List.of("0 sessions revoked", "1 session revoked", "2 sessions revoked", "21 sessions revoked",
          "101 sessions revoked", "120 sessions revoked", "1,000 sessions revoked", "1,000,000 sessions revoked"),
      "fr", List.of("0 session révoquée", "1 session révoquée", "2 sessions révoquées", "21 sessions révoquées",
          "101 sessions révoquées", "120 sessions révoquées", "1" + NNBSP + "000 sessions révoquées",
          "1" + NNBSP + "000" + NNBSP + "000 de sessions révoquées"),
      "ro", List.of("0 sesiuni revocate", "1 sesiune revocată", "2 sesiuni revocate", "21 de sesiuni revocate",
          "101 sesiuni revocate", "120 de sesiuni revocate", "1.000 de sesiuni revocate", "1.000.000 de sesiuni revocate"),
      "nl", List.of("0 sessies ingetrokken", "1 sessie ingetrokken", "2 sessies ingetrokken", "21 sessies ingetrokken",
          "101 sessies ingetrokken", "120 sessies ingetrokken", "1.000 sessies ingetrokken", "1.000.000 sessies ingetrokken"),
      "sv", List.of("0 sessioner återkallade", "1 session återkallad", "2 sessioner återkallade", "21 sessioner återkallade",
          "101 sessioner återkallade", "120 sessioner återkallade", "1" + NBSP + "000 sessioner återkallade",
          "1" + NBSP + "000" + NBSP + "000 sessioner återkallade"));

  @Test
  void revokeSessionsLine_usesEachLocalesPluralForEveryCount() {
    var now = Instant.parse("2026-11-23T09:00:00Z");
    var ts = Timestamp.newBuilder().setSeconds(now.getEpochSecond()).build();
    for (var entry : EXPECTED.entrySet()) {
      var m = Messages.of(Locale.forLanguageTag(entry.getKey()), ZoneOffset.UTC);
      for (int i = 0; i < COUNTS.size(); i++) {
        var step = StepResult.newBuilder().setNumber(2).setKind(StepKind.STEP_KIND_REVOKE_SESSIONS)
            .setOutcome(StepOutcome.STEP_OUTCOME_DONE).setEffectiveTime(ts)
            .setDetails(StepDetails.newBuilder().setSessionsRevoked(SessionsRevokedDetails.newBuilder()
                .setRevokedSessionCount(COUNTS.get(i).intValue()).setAccessTokensValidUntil(ts)))
            .build();
        var line = Render.step(m, "alex@contoso.com", step, now);
        var expected = entry.getValue().get(i);
        assertThat(line).as(entry.getKey() + " " + COUNTS.get(i)).startsWith("2. [").contains(expected);
      }
    }
  }
}
