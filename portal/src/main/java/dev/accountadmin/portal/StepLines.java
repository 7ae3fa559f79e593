package dev.accountadmin.portal;

import dev.accountadmin.client.cli.ApiNames;
import dev.accountadmin.client.cli.StepArguments;
import dev.accountadmin.v1.Recommendation;
import dev.accountadmin.v1.StepResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A plan or a result as the pages show it: each step's outcome and sentence (the CLI's words,
 * from the same bundle keys and arguments) and time of effect, the residual access, the
 * recommendations, and a temporary password with the user's notice in the user's language.
 */
public record StepLines(List<Line> lines, String residual, List<String> recommendations) {

  /** One step. {@code outcome} is the API's name (for styling), {@code outcomeLabel} its word. */
  public record Line(int number, String outcome, String outcomeLabel, String message, Instant effective,
      String password, String notice, String noticeLanguage, String noticeLanguageName) {
    public boolean hasPassword() {
      return password != null && !password.isEmpty();
    }
  }

  /** True when the API would refuse a step: a procedure then runs none of them. */
  public boolean denied() {
    return lines.stream().anyMatch(l -> l.outcome().equals("DENIED"));
  }

  static StepLines of(Page page, String upn, PortalAction.Outcome outcome, Instant now) {
    var m = page.messages();
    var lines = new ArrayList<Line>();
    for (StepResult step : outcome.steps()) {
      var outcomeName = ApiNames.of(step.getOutcome());
      var message = m.render(StepArguments.key(step), StepArguments.of(m, upn, step, now));
      var effective = step.hasEffectiveTime() ? page.instant(step.getEffectiveTime()) : null;
      var reset = step.getDetails().getPasswordReset();
      var notice = reset.getUserNotice();
      var noticeLanguageName = notice.getLanguageCode().isEmpty() ? "" : com.ibm.icu.util.ULocale
          .forLanguageTag(notice.getLanguageCode()).getDisplayLanguage(com.ibm.icu.util.ULocale.forLocale(m.locale()));
      lines.add(new Line(step.getNumber(), outcomeName, m.label("outcome", outcomeName), message, effective,
          reset.getTemporaryPassword(), notice.getText(), notice.getLanguageCode(), noticeLanguageName));
    }
    String residual = null;
    var recommendations = new ArrayList<String>();
    var procedure = outcome.procedure();
    if (procedure != null) {
      if (procedure.hasResidualAccess()) {
        var r = procedure.getResidualAccess();
        residual = m.render("summary.residualAccess", Map.of(
            "accessTokensValidUntilTime", UserStates.instant(r.getAccessTokensValidUntil()),
            "remainingSeconds", Duration.ofSeconds(r.getRemaining().getSeconds())));
      }
      for (var recommendation : procedure.getRecommendationsList()) {
        if (recommendation != Recommendation.RECOMMENDATION_UNSPECIFIED && recommendation != Recommendation.UNRECOGNIZED) {
          recommendations.add(m.render("summary.recommendation." + ApiNames.of(recommendation), Map.of()));
        }
      }
    }
    return new StepLines(lines, residual, recommendations);
  }
}
