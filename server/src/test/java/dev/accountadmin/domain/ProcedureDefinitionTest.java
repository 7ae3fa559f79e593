package dev.accountadmin.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accountadmin.i18n.Guides;
import dev.accountadmin.domain.ProcedureResult.Procedure;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The single sources: procedures' definitions, the guides that follow them, the step records. */
class ProcedureDefinitionTest {

  @Test
  void everyGuide_listsItsProceduresStepsInTheDefinitionsOrder() {
    for (var procedure : Procedure.values()) {
      if (!Guides.exists(procedure.name())) {
        continue;
      }
      var defined = ProcedureDefinition.of(procedure).stepKinds().stream().map(Enum::name).toList();
      assertThat(Guides.stepKinds(procedure.name())).as(procedure.name()).isEqualTo(defined);
    }
  }

  @Test
  void everyProcedure_hasADefinitionOfItsOwn() {
    for (var procedure : Procedure.values()) {
      assertThat(ProcedureDefinition.of(procedure).procedure()).isEqualTo(procedure);
    }
  }

  @Test
  void restore_undoesOffboardingsSteps_inOffboardingsOrder() {
    var offboarding = ProcedureDefinition.OFFBOARD.stepKinds();
    var restore = ProcedureDefinition.RESTORE.stepKinds();
    // Each restore step undoes one offboarding step; the ones nothing undoes (sign-out) are left out.
    assertThat(restore).hasSizeLessThanOrEqualTo(offboarding.size()).isNotEmpty();
    var prior = new PriorState(false, Set.of(MailProtocol.values()), Set.of(Role.USER_ADMIN));
    var request = new ProcedureDefinition.Request(Set.of(), PreparedPassword.planned(true, false), prior, Choices.NONE);
    var planned = ProcedureDefinition.RESTORE.plan(request);
    assertThat(planned).allSatisfy(p -> assertThat(p.requested()).isTrue());
    assertThat(planned).extracting(p -> p.step().kind()).isEqualTo(restore);
  }

  /** Every step kind has exactly one record, and that record says it is that kind. */
  @Test
  void everyStepKind_isExactlyOneStepRecord() throws Exception {
    var byKind = new java.util.EnumMap<StepKind, Class<?>>(StepKind.class);
    for (var type : Step.class.getPermittedSubclasses()) {
      assertThat(type.isRecord()).as(type.getSimpleName()).isTrue();
      var step = (Step) instantiate(type);
      assertThat(byKind.put(step.kind(), type)).as("two records for " + step.kind()).isNull();
      // The record is named after its kind, so that a reader finds it.
      assertThat(upperSnake(type.getSimpleName())).isEqualTo(step.kind().name());
    }
    assertThat(byKind.keySet()).containsExactlyInAnyOrder(StepKind.values());
  }

  private static Object instantiate(Class<?> type) throws Exception {
    var components = type.getRecordComponents();
    var types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
    var defaults = Map.<Class<?>, Object>of(Set.class, Set.of(), List.class, List.of(), boolean.class, false, int.class, 0);
    var args = Arrays.stream(types).map(t -> defaults.get(t)).toArray();
    return type.getDeclaredConstructor(types).newInstance(args);
  }

  private static String upperSnake(String camel) {
    return Arrays.stream(camel.split("(?=[A-Z])")).map(String::toUpperCase).collect(Collectors.joining("_"));
  }
}
