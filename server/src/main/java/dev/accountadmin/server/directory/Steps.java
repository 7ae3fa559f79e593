package dev.accountadmin.server.directory;

import java.time.Instant;

/**
 * The change each step kind makes to a user, and how to tell that it is already made. Steps are
 * idempotent: applying one whose {@code alreadyDone} holds changes nothing.
 */
interface Steps {
  boolean alreadyDone(User user, Instant now);

  User apply(User user, Instant now);

  static Steps of(StepKind kind) {
    return switch (kind) {
      case BLOCK_SIGN_IN -> new Steps() {
        public boolean alreadyDone(User user, Instant now) {
          return user.signInBlocked();
        }

        public User apply(User user, Instant now) {
          return user.withSignInBlocked(true);
        }
      };
      case ALLOW_SIGN_IN -> new Steps() {
        public boolean alreadyDone(User user, Instant now) {
          return !user.signInBlocked();
        }

        public User apply(User user, Instant now) {
          return user.withSignInBlocked(false);
        }
      };
      default -> throw DirectoryException.of(Reason.NOT_IMPLEMENTED, "method", kind.name());
    };
  }
}
