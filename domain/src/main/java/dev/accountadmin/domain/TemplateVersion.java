package dev.accountadmin.domain;

import java.time.Instant;

/**
 * One version of the tenant's default offboarding template.
 *
 * @param options the steps it chooses, in the edge's encoding
 */
public record TemplateVersion(long version, byte[] options, UserName updater, Instant updatedAt) {}
