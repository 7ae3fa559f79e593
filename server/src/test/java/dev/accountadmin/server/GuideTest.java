package dev.accountadmin.server;

import static dev.accountadmin.server.TestServer.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.accountadmin.v1.AccountAdminGrpc;
import dev.accountadmin.v1.GetGuideRequest;
import dev.accountadmin.v1.Guide;
import dev.accountadmin.v1.GuideStep;
import dev.accountadmin.v1.Procedure;
import dev.accountadmin.v1.StepKind;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.MetadataUtils;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GetGuide through a real server, without a token: language choice, structure, bad input. */
final class GuideTest {
  private static final List<Procedure> GUIDED = List.of(
      Procedure.PROCEDURE_UNLOCK, Procedure.PROCEDURE_OFFBOARD, Procedure.PROCEDURE_SECURE_COMPROMISED);

  @TempDir Path dir;
  TestServer server;

  @BeforeEach
  void start() throws Exception {
    server = new TestServer(dir);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private AccountAdminGrpc.AccountAdminBlockingStub speaking(String acceptLanguage) {
    var headers = new Metadata();
    headers.put(CallContext.ACCEPT_LANGUAGE, acceptLanguage);
    return server.anonymous().withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  private Guide guide(AccountAdminGrpc.AccountAdminBlockingStub stub, Procedure procedure, String language) {
    return stub.getGuide(GetGuideRequest.newBuilder().setProcedure(procedure).setLanguageCode(language).build()).getGuide();
  }

  @Test
  void getGuide_everyProcedureInEveryLocale_hasCompleteSteps() {
    for (String language : List.of("en", "fr", "ro", "nl", "sv")) {
      for (Procedure procedure : GUIDED) {
        var guide = guide(server.anonymous(), procedure, language);

        assertThat(guide.getProcedure()).isEqualTo(procedure);
        assertThat(guide.getLanguageCode()).isEqualTo(language);
        assertThat(guide.getFallback()).isFalse();
        assertThat(List.of(guide.getTitle(), guide.getIntroduction())).allSatisfy(t -> assertThat(t).isNotBlank());
        assertThat(guide.getNotesList()).hasSizeGreaterThanOrEqualTo(3).allSatisfy(n -> assertThat(n).isNotBlank());
        assertThat(guide.getStepsList()).isNotEmpty().allSatisfy(step -> {
          assertThat(step.getKind()).isNotIn(StepKind.STEP_KIND_UNSPECIFIED, StepKind.UNRECOGNIZED);
          assertThat(List.of(step.getTitle(), step.getReason(), step.getEffect())).allSatisfy(t ->
              assertThat(t).isNotBlank().doesNotContain("{"));
          assertThat(step.getCommand()).startsWith("acctadmin ");
        });
      }
    }
  }

  @Test
  void getGuide_offboard_stepsInOrderWithKindsAndCommands() {
    var guide = guide(server.anonymous(), Procedure.PROCEDURE_OFFBOARD, "en");

    assertThat(guide.getStepsList()).extracting(GuideStep::getNumber)
        .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18);
    assertThat(guide.getStepsList()).extracting(GuideStep::getKind).containsExactly(
        StepKind.STEP_KIND_RESET_PASSWORD, StepKind.STEP_KIND_REVOKE_SESSIONS, StepKind.STEP_KIND_REMOVE_AUTH_METHODS,
        StepKind.STEP_KIND_PLACE_LITIGATION_HOLD, StepKind.STEP_KIND_REMOVE_FLAGGED_INBOX_RULES,
        StepKind.STEP_KIND_CONVERT_TO_SHARED, StepKind.STEP_KIND_SET_FORWARDING, StepKind.STEP_KIND_SET_AUTO_REPLIES,
        StepKind.STEP_KIND_HIDE_FROM_ADDRESS_LIST, StepKind.STEP_KIND_WIPE_DEVICES,
        StepKind.STEP_KIND_BLOCK_DEVICES, StepKind.STEP_KIND_BLOCK_SIGN_IN,
        StepKind.STEP_KIND_SET_MAIL_PROTOCOLS, StepKind.STEP_KIND_REMOVE_ADMIN_ROLES,
        StepKind.STEP_KIND_GRANT_FILES_ACCESS, StepKind.STEP_KIND_REMOVE_GROUP_MEMBERSHIPS, StepKind.STEP_KIND_REMOVE_LICENCES,
        StepKind.STEP_KIND_DELETE_USER);
    assertThat(guide.getSteps(0)).isEqualTo(GuideStep.newBuilder()
        .setNumber(1)
        .setKind(StepKind.STEP_KIND_RESET_PASSWORD)
        .setTitle("Reset the password to a random one that nobody is shown.")
        .setReason("First, because it closes the door at once, even in apps that apply a block only later: "
            + "the former employee no longer knows the password.")
        .setEffect("At once. The old password stops working, and sessions started with it can no longer be renewed.")
        .setCommand("acctadmin reset-password USER --undisclosed")
        .build());
    // The command that runs every step has no field of its own: it is the first note.
    assertThat(guide.getNotes(0)).contains("acctadmin offboard USER", "acctadmin offboard --from-file users.csv");
  }

  @Test
  void getGuide_unsupportedLanguage_isEnglishWithFallback() {
    var guide = guide(server.anonymous(), Procedure.PROCEDURE_UNLOCK, "de");

    assertThat(guide.getLanguageCode()).isEqualTo("en");
    assertThat(guide.getFallback()).isTrue();
    assertThat(guide.getTitle()).isEqualTo("Unlock an account");
  }

  @Test
  void getGuide_regionalVariant_isItsLanguage() {
    var guide = guide(server.anonymous(), Procedure.PROCEDURE_UNLOCK, "fr-CA");

    assertThat(guide.getLanguageCode()).isEqualTo("fr");
    assertThat(guide.getFallback()).isFalse();
    assertThat(guide.getTitle()).isEqualTo("Déverrouiller un compte");
  }

  @Test
  void getGuide_acceptLanguageWeDoNotHave_isEnglishWithFallback() {
    var german = guide(speaking("de-DE, de;q=0.9"), Procedure.PROCEDURE_UNLOCK, "");
    var englishAsked = guide(speaking("de-DE, en;q=0.5"), Procedure.PROCEDURE_UNLOCK, "");

    assertThat(german.getLanguageCode()).isEqualTo("en");
    assertThat(german.getFallback()).isTrue();
    assertThat(englishAsked.getFallback()).isFalse();
  }

  @Test
  void getGuide_withoutLanguage_usesAcceptLanguage() {
    var guide = guide(speaking("nl-BE, en;q=0.5"), Procedure.PROCEDURE_SECURE_COMPROMISED, "");

    assertThat(guide.getLanguageCode()).isEqualTo("nl");
    assertThat(guide.getTitle()).isEqualTo("Een gecompromitteerd account beveiligen");
  }

  @Test
  void getGuide_languageField_winsOverAcceptLanguage() {
    var guide = guide(speaking("nl"), Procedure.PROCEDURE_UNLOCK, "ro");

    assertThat(guide.getLanguageCode()).isEqualTo("ro");
    assertThat(guide.getStepsList()).extracting(GuideStep::getTitle)
        .first().asString().startsWith("Deblocați trimiterea");
  }

  @Test
  void getGuide_withoutLanguageOrAcceptLanguage_isEnglish() {
    var guide = guide(server.anonymous(), Procedure.PROCEDURE_OFFBOARD, "");

    assertThat(guide.getLanguageCode()).isEqualTo("en");
    assertThat(guide.getFallback()).isFalse();
  }

  @Test
  void getGuide_restore_isInvalidArgumentInTheCallersLanguage() {
    var failure = failure(() -> guide(speaking("nl"), Procedure.PROCEDURE_RESTORE, ""));

    assertThat(failure.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(failure.errorInfo().getReason()).isEqualTo("INVALID_ARGUMENT");
    var violation = failure.badRequest().getFieldViolations(0);
    assertThat(violation.getField()).isEqualTo("procedure");
    assertThat(violation.getReason()).isEqualTo("NO_GUIDE");
    assertThat(violation.getLocalizedMessage().getLocale()).isEqualTo("nl");
    assertThat(violation.getLocalizedMessage().getMessage())
        .startsWith("procedure: er is geen handleiding voor het ongedaan maken van een offboarding.");
  }

  @Test
  void getGuide_unspecifiedProcedure_isInvalidArgument() {
    var failure = failure(() -> guide(server.anonymous(), Procedure.PROCEDURE_UNSPECIFIED, "en"));

    assertThat(failure.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(failure.badRequest().getFieldViolations(0).getReason()).isEqualTo("UNSPECIFIED_ENUM");
    assertThat(failure.badRequest().getFieldViolations(0).getField()).isEqualTo("procedure");
  }
}
