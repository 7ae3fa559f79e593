package dev.accountadmin.domain;

import java.time.Duration;

/** Facts about a user's life: how long a deleted user can be restored. */
public final class UserLifecycle {
  /** A deleted user can be restored for 30 days, then it is purged. */
  public static final Duration RESTORE_WINDOW = Duration.ofDays(30);

  private UserLifecycle() {}
}
