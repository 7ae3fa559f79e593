package dev.accountadmin.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ProtocolMessageEnum;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every mapping in {@link ProtoEnums}, found by reflection so a new pair is checked without being
 * listed here: each maps a value to the counterpart of the same name (a swapped pair compiles),
 * no two values to one, and every API value but "unspecified" is reached.
 */
class ProtoEnumsTest {
  static Stream<Method> toProto() {
    return Arrays.stream(ProtoEnums.class.getDeclaredMethods())
        .filter(m -> Modifier.isStatic(m.getModifiers()) && m.getName().equals("toProto"));
  }

  static Stream<Method> fromProto() {
    return Arrays.stream(ProtoEnums.class.getDeclaredMethods())
        .filter(m -> Modifier.isStatic(m.getModifiers()) && m.getName().equals("fromProto"));
  }

  @ParameterizedTest
  @MethodSource("toProto")
  void toProto_mapsEachValueToItsNamesake_andReachesEveryApiValue(Method method) throws Exception {
    var domain = method.getParameterTypes()[0].getEnumConstants();
    var api = apiValues(method.getReturnType());
    var reached = new HashSet<Object>();
    for (var value : domain) {
      var mapped = (Enum<?>) invoke(method, value);
      assertTrue(mapped.name().endsWith("_" + ((Enum<?>) value).name()), method + ": " + value + " -> " + mapped);
      assertTrue(reached.add(mapped), method + ": two values map to " + mapped);
    }
    assertEquals(new HashSet<>(api), reached, method + " leaves API values unreached");
  }

  @ParameterizedTest
  @MethodSource("fromProto")
  void fromProto_isTheInverseOfToProto_andNullOnlyForUnspecified(Method method) throws Exception {
    var back = ProtoEnums.class.getDeclaredMethod("toProto", method.getReturnType());
    for (var value : method.getParameterTypes()[0].getEnumConstants()) {
      var name = ((Enum<?>) value).name();
      var mapped = invoke(method, value);
      if (name.endsWith("_UNSPECIFIED") || name.equals("UNRECOGNIZED")) {
        assertNull(mapped, method + ": " + value);
      } else {
        assertEquals(value, invoke(back, mapped), method + ": " + value);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("toProto")
  void everyApiEnumMappedFromTheDomain_isAProtoEnum(Method method) {
    assertTrue(ProtocolMessageEnum.class.isAssignableFrom(method.getReturnType()), method.toString());
    assertFalse(ProtocolMessageEnum.class.isAssignableFrom(method.getParameterTypes()[0]), method.toString());
  }

  private static List<Object> apiValues(Class<?> type) {
    return Arrays.stream(type.getEnumConstants())
        .filter(v -> !((Enum<?>) v).name().endsWith("_UNSPECIFIED") && !((Enum<?>) v).name().equals("UNRECOGNIZED"))
        .map(Object.class::cast)
        .toList();
  }

  private static Object invoke(Method method, Object value) throws Exception {
    try {
      method.setAccessible(true);
      return method.invoke(null, value);
    } catch (InvocationTargetException e) {
      throw (Exception) e.getCause();
    }
  }
}
