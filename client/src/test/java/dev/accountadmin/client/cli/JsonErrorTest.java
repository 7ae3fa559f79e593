package dev.accountadmin.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With --output json, a failure is a google.rpc.Status on standard output, and nothing else is printed. */
final class JsonErrorTest {
  @TempDir Path dir;
  CliServer cli;

  @BeforeEach
  void start() throws Exception {
    cli = new CliServer(dir);
  }

  @AfterEach
  void stop() {
    cli.close();
  }

  static JsonObject detail(JsonObject status, String type) {
    JsonArray details = status.getAsJsonArray("details");
    for (var detail : details) {
      var object = detail.getAsJsonObject();
      if (object.get("@type").getAsString().equals("type.googleapis.com/google.rpc." + type)) {
        return object;
      }
    }
    throw new AssertionError("no " + type + " in " + status);
  }

  @Test
  void serverError_isTheStatusWithErrorInfoAndTheLocalizedMessage() {
    cli.login();

    var run = cli.run("--locale", "fr", "--output", "json", "users", "show", "ghost@contoso.com");

    assertThat(run.code()).isEqualTo(ExitCode.NOT_FOUND);
    assertThat(run.err()).isEmpty();
    var status = JsonParser.parseString(run.out()).getAsJsonObject();
    assertThat(status.get("code").getAsInt()).isEqualTo(5);
    var info = detail(status, "ErrorInfo");
    assertThat(info.get("reason").getAsString()).isEqualTo("USER_NOT_FOUND");
    assertThat(info.get("domain").getAsString()).isEqualTo("accountadmin.dev");
    assertThat(info.getAsJsonObject("metadata").get("user").getAsString()).isEqualTo("ghost@contoso.com");
    var localized = detail(status, "LocalizedMessage");
    assertThat(localized.get("locale").getAsString()).isEqualTo("fr");
    assertThat(localized.get("message").getAsString()).contains("ghost@contoso.com").doesNotContain("There is no user");
    assertThat(status.get("message").getAsString()).isEqualTo(localized.get("message").getAsString());
  }

  @Test
  void invalidField_carriesTheFieldViolation() {
    cli.login();

    var run = cli.run("--locale", "nl", "--output", "json", "users", "show", "not-an-email");

    assertThat(run.code()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).isEmpty();
    var violation = detail(JsonParser.parseString(run.out()).getAsJsonObject(), "BadRequest")
        .getAsJsonArray("fieldViolations").get(0).getAsJsonObject();
    assertThat(violation.get("reason").getAsString()).isEqualTo("MALFORMED_USER_PRINCIPAL_NAME");
    assertThat(violation.getAsJsonObject("localizedMessage").get("locale").getAsString()).isEqualTo("nl");
  }

  @Test
  void notSignedIn_isJsonToo() {
    var run = cli.run("--output", "json", "whoami");

    assertThat(run.code()).isEqualTo(ExitCode.NOT_AUTHENTICATED);
    assertThat(run.err()).isEmpty();
    var status = JsonParser.parseString(run.out()).getAsJsonObject();
    assertThat(detail(status, "ErrorInfo").get("reason").getAsString()).isEqualTo("UNAUTHENTICATED");
  }

  @Test
  void usageError_isAnInvalidArgumentStatusNamingTheField() {
    var run = cli.run("--locale", "sv", "--output", "json", "can", "fly", "alex@contoso.com");

    assertThat(run.code()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).isEmpty();
    var status = JsonParser.parseString(run.out()).getAsJsonObject();
    assertThat(status.get("code").getAsInt()).isEqualTo(3);
    var info = detail(status, "ErrorInfo");
    assertThat(info.get("reason").getAsString()).isEqualTo("INVALID_CHOICE");
    assertThat(info.getAsJsonObject("metadata").get("value").getAsString()).isEqualTo("fly");
    var violation = detail(status, "BadRequest").getAsJsonArray("fieldViolations").get(0).getAsJsonObject();
    assertThat(violation.get("field").getAsString()).isEqualTo("ACTION");
    assertThat(violation.getAsJsonObject("localizedMessage").get("message").getAsString())
        .startsWith("fly är inte ett giltigt värde för ACTION.");
  }

  @Test
  void usageError_beforeTheOutputFlagIsParsed_isJsonToo() {
    var run = cli.run("users", "list", "--no-such-option", "--output=json");

    assertThat(run.code()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).isEmpty();
    var info = detail(JsonParser.parseString(run.out()).getAsJsonObject(), "ErrorInfo");
    assertThat(info.get("reason").getAsString()).isEqualTo("UNKNOWN_OPTION");
  }
}
