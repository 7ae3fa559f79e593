package dev.accountadmin.domain;


import java.time.Instant;

/** A restriction on sending email; {@code expiresAt} is null when only an admin can lift it. */
public record SendingRestriction(Reason reason, Instant restrictedAt, Instant expiresAt) {

  /** Why a user was restricted; names match {@code accountadmin.v1.SendingRestrictionReason}. */
  public enum Reason { OUTBOUND_SPAM, COMPROMISED }

  /** True while the restriction holds at {@code now}. */
  public boolean activeAt(Instant now) {
    return expiresAt == null || now.isBefore(expiresAt);
  }
}
