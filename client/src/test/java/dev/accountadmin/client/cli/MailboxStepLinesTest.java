package dev.accountadmin.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import dev.accountadmin.i18n.Messages;
import dev.accountadmin.v1.AutomaticReplies;
import dev.accountadmin.v1.AutomaticRepliesDetails;
import dev.accountadmin.v1.InboxRule;
import dev.accountadmin.v1.InboxRulesDetails;
import dev.accountadmin.v1.SharedMailboxDetails;
import dev.accountadmin.v1.StepDetails;
import dev.accountadmin.v1.StepKind;
import dev.accountadmin.v1.StepOutcome;
import dev.accountadmin.v1.StepResult;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Mailbox step lines as the CLI prints them: the counts of removed inbox rules in each locale's
 * plural (ro "21 de reguli"), no delegate said as such, and automatic replies with an end time
 * said with their window.
 */
final class MailboxStepLinesTest {
  static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");
  static final Timestamp TS = Timestamp.newBuilder().setSeconds(NOW.getEpochSecond()).build();

  static String line(String language, StepKind kind, StepOutcome outcome, StepDetails details) {
    var step = StepResult.newBuilder().setNumber(4).setKind(kind).setOutcome(outcome).setEffectiveTime(TS)
        .setDetails(details).build();
    return Render.step(Messages.of(Locale.forLanguageTag(language), ZoneOffset.UTC), "pat@contoso.com", step, NOW);
  }

  static StepDetails rules(int count) {
    var details = InboxRulesDetails.newBuilder().setKeptRuleCount(1);
    IntStream.range(0, count).forEach(i -> details.addRules(InboxRule.newBuilder().setName("r" + i)));
    return StepDetails.newBuilder().setInboxRules(details).build();
  }

  @Test
  void removedRules_countInEachLocalesPlural() {
    var kind = StepKind.STEP_KIND_REMOVE_FLAGGED_INBOX_RULES;
    assertThat(line("ro", kind, StepOutcome.STEP_OUTCOME_DONE, rules(1))).contains("1 regulă pentru Inbox");
    assertThat(line("ro", kind, StepOutcome.STEP_OUTCOME_DONE, rules(2))).contains("2 reguli pentru Inbox");
    assertThat(line("ro", kind, StepOutcome.STEP_OUTCOME_DONE, rules(21))).contains("21 de reguli pentru Inbox");
    assertThat(line("fr", kind, StepOutcome.STEP_OUTCOME_DONE, rules(2))).contains("2 règles de boîte de réception");
    assertThat(line("sv", kind, StepOutcome.STEP_OUTCOME_DONE, rules(1)))
        .contains("1 inkorgsregel för pat@contoso.com som vidarebefordrade").contains("1 annan regel behålls.");
    assertThat(line("en", StepKind.STEP_KIND_REPORT_DELETED_INBOX_RULES, StepOutcome.STEP_OUTCOME_DONE, rules(2)))
        .contains("2 inbox rules that the offboarding removed from pat@contoso.com cannot be restored: their content is gone (r0 and r1)");
  }

  @Test
  void sharedMailbox_withoutDelegates_saysSo() {
    var none = StepDetails.newBuilder().setSharedMailbox(SharedMailboxDetails.newBuilder().setShared(true)).build();
    assertThat(line("nl", StepKind.STEP_KIND_CONVERT_TO_SHARED, StepOutcome.STEP_OUTCOME_DONE, none))
        .contains("Er is geen gemachtigde toegevoegd.");
    var two = StepDetails.newBuilder().setSharedMailbox(SharedMailboxDetails.newBuilder().setShared(true)
        .addDelegates("mo@contoso.com").addDelegates("sam@contoso.com")).build();
    assertThat(line("fr", StepKind.STEP_KIND_CONVERT_TO_SHARED, StepOutcome.STEP_OUTCOME_DONE, two))
        .contains("2 délégués ont désormais un accès total\u00A0: mo@contoso.com et sam@contoso.com.");
  }

  @Test
  void autoRepliesWithAnEnd_sayTheirWindow() {
    var end = Timestamp.newBuilder().setSeconds(NOW.plusSeconds(86_400 * 30).getEpochSecond()).build();
    var details = StepDetails.newBuilder().setAutomaticReplies(AutomaticRepliesDetails.newBuilder()
        .setReplies(AutomaticReplies.newBuilder().setInternalMessage("gone").setEndTime(end))).build();

    var line = line("en", StepKind.STEP_KIND_SET_AUTO_REPLIES, StepOutcome.STEP_OUTCOME_DONE, details);

    assertThat(line).contains("senders get the message you gave from Nov 23, 2026").contains("to Dec 23, 2026");
  }
}
