package dev.accountadmin.domain;

import dev.accountadmin.domain.Action;
import java.time.Instant;

/** Filters for listing audit records; a null field does not filter. */
public record AuditQuery(String actor, String target, Action action, Instant start, Instant end) {}
