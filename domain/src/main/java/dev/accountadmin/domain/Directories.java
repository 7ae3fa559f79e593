package dev.accountadmin.domain;

import dev.accountadmin.failure.DirectoryException;
import dev.accountadmin.failure.FieldViolation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The directories users live in: the built-in one, which is the default and keeps the audit
 * trail, kept responses and batches for all of them, and the configured external ones, each
 * holding the users of its UPN suffixes. A user is routed by the domain of their name.
 */
public final class Directories {

  /** A directory and where its reset passwords come from. */
  public record Route(DirectoryPort port, Passwords passwords) {
    public String name() {
      return port.name();
    }
  }

  private final Route builtIn;
  private final Map<String, Route> bySuffix;
  private final Map<String, Route> byName;

  private Directories(Route builtIn, Map<String, Route> bySuffix, Map<String, Route> byName) {
    this.builtIn = builtIn;
    this.bySuffix = Map.copyOf(bySuffix);
    this.byName = Map.copyOf(byName);
  }

  /** Only the built-in directory. */
  public static Directories of(DirectoryPort builtIn, Passwords passwords) {
    return new Directories(new Route(builtIn, passwords), Map.of(), Map.of());
  }

  /** These directories and an external one holding {@code suffixes}; a suffix held twice is a mistake. */
  public Directories with(DirectoryPort external, Passwords passwords, List<String> suffixes) {
    var route = new Route(external, passwords);
    var suffixMap = new LinkedHashMap<>(bySuffix);
    for (var suffix : suffixes) {
      if (suffixMap.putIfAbsent(suffix.toLowerCase(Locale.ROOT), route) != null) {
        throw new IllegalArgumentException("two directories hold " + suffix);
      }
    }
    var names = new LinkedHashMap<>(byName);
    if (names.putIfAbsent(external.name(), route) != null) {
      throw new IllegalArgumentException("two directories are named " + external.name());
    }
    return new Directories(builtIn, suffixMap, names);
  }

  public Route builtIn() {
    return builtIn;
  }

  /** The directory that holds {@code name}: the external one of its domain, else the built-in one. */
  public Route of(UserName name) {
    return bySuffix.getOrDefault(name.domain(), builtIn);
  }

  /** The directory called {@code name} (empty: the built-in one); INVALID_ARGUMENT on {@code field} otherwise. */
  public Route named(String field, String name) {
    if (name == null || name.isEmpty()) {
      return builtIn;
    }
    return Optional.ofNullable(byName.get(name)).orElseThrow(() -> DirectoryException.invalid(
        FieldViolation.of(field, "UNKNOWN_DIRECTORY", name)));
  }

  /** The external directories' names, as configured. */
  public List<String> externalNames() {
    return new ArrayList<>(byName.keySet());
  }
}
