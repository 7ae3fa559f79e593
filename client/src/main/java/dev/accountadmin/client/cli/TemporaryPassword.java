package dev.accountadmin.client.cli;

import dev.accountadmin.v1.StepResult;
import java.util.Map;

/**
 * Shows a generated temporary password once: on a terminal, or anywhere with --show-password.
 * Piped output never carries it unasked, so it does not end up in a log or a shell history.
 */
final class TemporaryPassword {
  private TemporaryPassword() {}

  static void print(Acctadmin root, StepResult step, boolean showPassword) {
    var password = step.getDetails().getPasswordReset().getTemporaryPassword();
    if (password.isEmpty()) {
      return;
    }
    var m = root.messages();
    if (root.passwordVisible(showPassword)) {
      root.out().println(root.style(m.render("cli.users.temporaryPassword", Map.of("password", password)), "bold,yellow"));
      var notice = step.getDetails().getPasswordReset().getUserNotice();
      if (!notice.getText().isEmpty()) {
        // The user's language, named in the admin's: "Message for the user, in Romanian:".
        var language = com.ibm.icu.util.ULocale.forLanguageTag(notice.getLanguageCode())
            .getDisplayLanguage(com.ibm.icu.util.ULocale.forLocale(m.locale()));
        root.out().println(m.render("cli.password.notice", Map.of("language", language)));
        root.out().println("  " + notice.getText());
      }
    } else {
      root.out().println(m.render("cli.password.hidden", Map.of()));
    }
  }
}
