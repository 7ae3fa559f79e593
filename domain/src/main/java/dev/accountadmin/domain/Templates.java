package dev.accountadmin.domain;

import dev.accountadmin.failure.DirectoryException;
import dev.accountadmin.failure.Reason;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tenant's default offboarding template: any admin reads it, only a global admin changes it
 * (MANAGE_OFFBOARDING_TEMPLATE), and every change is a new version, checked against the version
 * the admin read so that two changes never overwrite each other unseen.
 */
public final class Templates {
  private final DirectoryPort port;
  private final Directory directory;
  private final Clock clock;

  public Templates(DirectoryPort port, Directory directory, Clock clock) {
    this.port = port;
    this.directory = directory;
    this.clock = clock;
  }

  /** The current version, for an admin; empty before anyone set one. */
  public Optional<TemplateVersion> get(Caller caller) {
    directory.requireAnyRole(caller);
    return current();
  }

  /** The current version, for a request that omits options: no permission of its own. */
  public Optional<TemplateVersion> current() {
    return port.read(unit -> unit.templates().current());
  }

  public List<TemplateVersion> versions(Caller caller) {
    directory.requireAnyRole(caller);
    return port.read(unit -> unit.templates().versions());
  }

  /** Sets a new version replacing {@code expectedVersion} (0: there is none yet). */
  public TemplateVersion update(Caller caller, byte[] options, long expectedVersion, String requestId, boolean validateOnly) {
    var required = Permissions.requiredRoles(Action.MANAGE_OFFBOARDING_TEMPLATE, Permissions.TargetTier.NON_ADMIN);
    if (caller.adminRoles().stream().noneMatch(required::contains)) {
      directory.appendAlone(Directory.record(caller, Action.MANAGE_OFFBOARDING_TEMPLATE, null, requestId,
          AuditRecord.Outcome.DENIED, Map.of("requiredRoles", Directory.names(required))));
      throw DirectoryException.of(Reason.TEMPLATE_DENIED, "requiredRoles", Directory.names(required));
    }
    return port.write(unit -> {
      var now = clock.instant();
      long current = unit.templates().current().map(TemplateVersion::version).orElse(0L);
      var next = new TemplateVersion(expectedVersion + 1, options, caller.name(), now);
      // The insert is the check: version + 1 exists already when someone else's change won.
      if (expectedVersion != current || (!validateOnly && !unit.templates().insert(next, caller.userId()))) {
        throw DirectoryException.of(Reason.TEMPLATE_VERSION_MISMATCH,
            "expectedVersion", Long.toString(expectedVersion), "version", Long.toString(current));
      }
      unit.audit().append(Directory.record(caller, Action.MANAGE_OFFBOARDING_TEMPLATE, null, requestId,
          validateOnly ? AuditRecord.Outcome.PLANNED : AuditRecord.Outcome.SUCCESS,
          Map.of("version", Long.toString(next.version()))));
      return next;
    });
  }
}
