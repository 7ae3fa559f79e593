package dev.accountadmin.client.cli;

import com.google.protobuf.ProtocolMessageEnum;
import java.util.Locale;

/**
 * An API enum value's name without its type's prefix ({@code ADMIN_ROLE_GLOBAL_ADMIN} is {@code
 * GLOBAL_ADMIN}): how bundle keys and the names an admin types spell it. The prefix is the type's
 * name in upper snake case, as the API's lint rules require of every enum.
 */
public final class ApiNames {
  private ApiNames() {}

  public static String of(ProtocolMessageEnum value) {
    // A value from a newer server than this CLI knows: shown as unspecified, never as a fragment.
    if (value instanceof Enum<?> e && e.name().equals("UNRECOGNIZED")) {
      return "UNSPECIFIED";
    }
    var prefix = prefix(value.getDescriptorForType().getName());
    var name = value.getValueDescriptor().getName();
    if (!name.startsWith(prefix)) {
      throw new IllegalArgumentException(name + " does not start with " + prefix);
    }
    return name.substring(prefix.length());
  }

  /** {@code SendingRestrictionReason} → {@code SENDING_RESTRICTION_REASON_}. */
  static String prefix(String typeName) {
    return typeName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT) + "_";
  }
}
