package dev.accountadmin.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.EnumDescriptor;
import dev.accountadmin.v1.AccountAdminProto;
import dev.accountadmin.v1.AdminRole;
import dev.accountadmin.v1.AuditProto;
import dev.accountadmin.v1.AuthProto;
import dev.accountadmin.v1.MailFlowProto;
import dev.accountadmin.v1.ProcedureProto;
import dev.accountadmin.v1.SendingRestrictionReason;
import dev.accountadmin.v1.StepOutcome;
import dev.accountadmin.v1.UserProto;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The CLI names API enum values by cutting their type's prefix; every enum of the API must have it. */
final class ApiNamesTest {
  static Stream<EnumDescriptor> apiEnums() {
    return Stream.of(AccountAdminProto.getDescriptor(), AuditProto.getDescriptor(), AuthProto.getDescriptor(),
            MailFlowProto.getDescriptor(), ProcedureProto.getDescriptor(), UserProto.getDescriptor())
        .flatMap(file -> file.getEnumTypes().stream());
  }

  @ParameterizedTest
  @MethodSource("apiEnums")
  void everyValueOfEveryApiEnum_startsWithItsTypesPrefix(EnumDescriptor type) {
    var prefix = ApiNames.prefix(type.getName());
    assertThat(type.getValues()).allSatisfy(v -> assertThat(v.getName()).startsWith(prefix));
  }

  @Test
  void names_areThePartAfterThePrefix() {
    assertThat(ApiNames.of(AdminRole.ADMIN_ROLE_GLOBAL_ADMIN)).isEqualTo("GLOBAL_ADMIN");
    assertThat(ApiNames.of(SendingRestrictionReason.SENDING_RESTRICTION_REASON_OUTBOUND_SPAM)).isEqualTo("OUTBOUND_SPAM");
    assertThat(ApiNames.of(StepOutcome.STEP_OUTCOME_ALREADY_DONE)).isEqualTo("ALREADY_DONE");
    assertThat(ApiNames.of(StepOutcome.UNRECOGNIZED)).isEqualTo("UNSPECIFIED");
  }
}
