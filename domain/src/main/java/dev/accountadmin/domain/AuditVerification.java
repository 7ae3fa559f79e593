package dev.accountadmin.domain;

/** The result of recomputing the audit chain. {@code firstBroken} is 0 when the chain is intact. */
public record AuditVerification(boolean valid, long checked, long firstBroken) {}
