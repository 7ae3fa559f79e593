package dev.accountadmin.i18n;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** {@link Guides}: every guide complete in every locale, in the procedures' order. */
final class GuidesTest {

  private static Messages messages(String tag) {
    return Messages.of(Locale.forLanguageTag(tag), ZoneOffset.UTC);
  }

  @Test
  void render_everyProcedureInEveryLocaleIsComplete() {
    for (Locale locale : Locales.SUPPORTED) {
      for (String procedure : Guides.PROCEDURES) {
        var guide = Guides.render(procedure, Messages.of(locale, ZoneOffset.UTC));
        var texts = new ArrayList<String>(List.of(guide.title(), guide.intro(), guide.allAtOnce()));
        texts.addAll(guide.notes());
        for (var step : guide.steps()) {
          texts.addAll(List.of(step.title(), step.reason(), step.effect(), step.command()));
        }
        assertThat(guide.locale()).isEqualTo(locale);
        assertThat(guide.fallback()).isFalse();
        assertThat(guide.steps()).isNotEmpty();
        assertThat(guide.notes()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(texts).as(locale + " " + procedure)
            .allSatisfy(t -> assertThat(t).isNotBlank().doesNotContain("{", "}"));
      }
    }
  }

  @Test
  void render_unlockPointsToTheNotesByTheHeadingTheyAreShownUnder() {
    for (Locale locale : Locales.SUPPORTED) {
      var messages = Messages.of(locale, ZoneOffset.UTC);
      var heading = messages.render("guide.notesHeading", java.util.Map.of());

      assertThat(Guides.render("UNLOCK", messages).steps().get(0).reason()).as(locale.toString()).contains(heading);
    }
  }

  @Test
  void render_signOutNoteStatesEachTierOnce() {
    // The rule of Permissions for REVOKE_SESSIONS, without "only … can also".
    assertThat(messages("en").render("guide.note.globalAdminSignsOutAdmins", java.util.Map.of()))
        .isEqualTo("Any helpdesk admin, user admin or global admin can sign out a user without an admin role."
            + " A helpdesk admin can be signed out by a user admin or a global admin, and any other admin only"
            + " by a global admin.");
  }

  @Test
  void render_stepsFollowTheProcedureOrderWithTheirCommands() {
    var offboard = Guides.render("OFFBOARD", messages("en"));

    assertThat(offboard.steps()).extracting(Guides.Step::number)
        .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18);
    assertThat(offboard.steps()).extracting(Guides.Step::kind).containsExactly(
        "RESET_PASSWORD", "REVOKE_SESSIONS", "REMOVE_AUTH_METHODS", "PLACE_LITIGATION_HOLD", "REMOVE_FLAGGED_INBOX_RULES",
        "CONVERT_TO_SHARED", "SET_FORWARDING", "SET_AUTO_REPLIES", "HIDE_FROM_ADDRESS_LIST", "WIPE_DEVICES", "BLOCK_DEVICES",
        "BLOCK_SIGN_IN", "SET_MAIL_PROTOCOLS", "REMOVE_ADMIN_ROLES", "GRANT_FILES_ACCESS", "REMOVE_GROUP_MEMBERSHIPS",
        "REMOVE_LICENCES", "DELETE_USER");
    assertThat(offboard.steps()).extracting(Guides.Step::command).containsExactly(
        "acctadmin reset-password USER --undisclosed", "acctadmin revoke-sessions USER",
        "acctadmin methods USER --remove-all",
        "acctadmin mailbox USER --litigation-hold", "acctadmin inbox-rules USER --remove-flagged",
        "acctadmin mailbox USER --shared --delegate DELEGATE", "acctadmin mailbox USER --forward-to TARGET",
        "acctadmin mailbox USER --auto-reply TEXT", "acctadmin mailbox USER --hide-from-address-list",
        "acctadmin devices USER --wipe DEVICE_ID", "acctadmin devices USER --block DEVICE_ID", "acctadmin block USER",
        "acctadmin mail-protocols USER --none", "acctadmin users roles USER --remove-all",
        "acctadmin offboard USER --files-to COLLEAGUE", "acctadmin groups USER --remove-all",
        "acctadmin licences USER --remove-all", "acctadmin users delete USER");
    assertThat(Guides.stepKinds("UNLOCK")).containsExactly(
        "LIFT_SENDING_RESTRICTION", "CLEAR_LOCKOUT", "RESET_PASSWORD", "ALLOW_SIGN_IN");
    assertThat(Guides.stepKinds("SECURE_COMPROMISED")).containsExactly(
        "RESET_PASSWORD", "REVOKE_SESSIONS", "REMOVE_FORWARDING", "REMOVE_FLAGGED_INBOX_RULES",
        "REQUIRE_REREGISTRATION", "REVIEW_ADMIN_ROLES", "RESTRICT_SENDING");
  }

  @Test
  void render_commandsAreQuotedUntranslatedInEveryLocale() {
    var unlock = Guides.render("UNLOCK", messages("ro"));
    var offboard = Guides.render("OFFBOARD", messages("fr"));

    assertThat(unlock.allAtOnce()).contains("acctadmin unlock USER [--reset-password]", "--dry-run");
    assertThat(unlock.notes()).anyMatch(n -> n.contains("acctadmin guide compromised"));
    assertThat(offboard.allAtOnce()).contains("acctadmin offboard USER", "acctadmin offboard --from-file users.csv");
    assertThat(offboard.notes()).anyMatch(n -> n.contains("acctadmin restore USER"))
        .anyMatch(n -> n.contains("acctadmin users undelete USER") && n.contains("30\u00A0jours"));
  }

  @Test
  void render_notesTheSeedsMakeAreThere() {
    var unlock = Guides.render("UNLOCK", messages("en")).notes();
    var offboard = Guides.render("OFFBOARD", messages("en")).notes();
    var secure = Guides.render("SECURE_COMPROMISED", messages("en")).notes();

    assertThat(unlock).anyMatch(n -> n.contains("still receives email"));
    assertThat(secure).anyMatch(n -> n.contains("still receives email"))
        .anyMatch(n -> n.contains("acctadmin lift-restriction USER"));
    assertThat(offboard).anyMatch(n -> n.startsWith("Reset the password before blocking sign-in"))
        .anyMatch(n -> n.startsWith("Any helpdesk admin, user admin or global admin can sign out"))
        .anyMatch(n -> n.contains("stay valid until they expire"))
        .anyMatch(n -> n.contains("restored for 30 days"));
  }

  @Test
  void render_unsupportedLanguageIsEnglishMarkedFallback() {
    var guide = Guides.render("UNLOCK", messages("de"));

    assertThat(guide.locale()).isEqualTo(Locale.ENGLISH);
    assertThat(guide.fallback()).isTrue();
    assertThat(guide.title()).isEqualTo("Unlock an account");
  }

  @Test
  void render_procedureWithoutGuideIsRejected() {
    assertThat(Guides.exists("RESTORE")).isFalse();
    assertThatThrownBy(() -> Guides.render("RESTORE", messages("en")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RESTORE");
  }

  @Test
  void stepLabel_usesEachLanguagesWordForStep() {
    assertThat(messages("fr").render("guide.stepLabel", java.util.Map.of("n", 2))).isEqualTo("Étape 2");
    assertThat(messages("ro").render("guide.stepLabel", java.util.Map.of("n", 2))).isEqualTo("Pasul 2");
    assertThat(messages("nl").render("guide.stepLabel", java.util.Map.of("n", 2))).isEqualTo("Stap 2");
    assertThat(messages("sv").render("guide.stepLabel", java.util.Map.of("n", 2))).isEqualTo("Steg 2");
  }
}
