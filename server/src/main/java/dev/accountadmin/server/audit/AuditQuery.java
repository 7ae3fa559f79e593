package dev.accountadmin.server.audit;

import dev.accountadmin.server.directory.Action;
import java.time.Instant;

/** Filters for listing audit records; a null field does not filter. */
public record AuditQuery(String actor, String target, Action action, Instant start, Instant end) {}
