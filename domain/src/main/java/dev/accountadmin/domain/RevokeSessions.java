package dev.accountadmin.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Signs the user out of every session: each session and its refresh token are revoked. */
public record RevokeSessions() implements Step {
  @Override
  public StepKind kind() {
    return StepKind.REVOKE_SESSIONS;
  }

  @Override
  public Action action() {
    return Action.REVOKE_SESSIONS;
  }

  @Override
  public boolean alreadyDone(User user, UnitOfWork unit, Instant now) {
    return unit.sessions().active(user.id(), now).isEmpty();
  }

  @Override
  public Instant inEffectSince(User user) {
    return null;
  }

  @Override
  public StepDetails plan(User user, UnitOfWork unit, Instant now) {
    var active = unit.sessions().active(user.id(), now);
    return new StepDetails.SessionsRevoked(active.size(), latestAccessExpiry(active, now));
  }

  @Override
  public Applied apply(User user, UnitOfWork unit, Instant now) {
    var until = latestAccessExpiry(unit.sessions().active(user.id(), now), now);
    int count = unit.sessions().revokeAll(user.id(), now);
    return new Applied(user, new StepDetails.SessionsRevoked(count, until));
  }

  /** Access tokens issued before a revocation stay valid, for those who do not check, until this. */
  static Instant latestAccessExpiry(List<Session> sessions, Instant now) {
    return sessions.stream().map(Session::accessExpiresAt).filter(now::isBefore).max(Instant::compareTo).orElse(null);
  }

  // A revoked session stays revoked: the user signs in again.
  @Override
  public Optional<Planned> undo(Restoring restoring) {
    return Optional.empty();
  }
}
