package dev.accountadmin.connector;

import dev.accountadmin.domain.Session;
import dev.accountadmin.domain.StepDetails;
import dev.accountadmin.domain.StepKind;
import dev.accountadmin.domain.User;
import dev.accountadmin.domain.UserName;
import dev.accountadmin.domain.UserQuery;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What one kind of external directory (Active Directory, Keycloak) implements; {@link
 * ExternalDirectory} does the rest. A connector reads users' live state as {@link User}s and turns
 * a written user's changes into the directory's own operations; audit, kept responses, batches and
 * the restore state stay in the built-in store. Every method talks to the directory at once: there
 * is no transaction to join. A directory that does not answer throws DIRECTORY_UNAVAILABLE naming
 * it; one that refuses a change, DIRECTORY_REFUSED.
 */
public interface Connector extends AutoCloseable {

  /** Whether the directory has a counterpart for {@code kind}; the others are NOT_APPLICABLE. */
  boolean supports(StepKind kind);

  /** What a step without counterpart still leaves in place (see {@code DirectoryPort#notApplicable}). */
  default StepDetails notApplicable(StepKind kind, Instant now) {
    return StepDetails.NONE;
  }

  /**
   * The user's live state: {@code id} is the directory's stable id, {@code version} one that
   * changes with every change there; offboarding and prior state are filled in by the framework.
   */
  Optional<User> find(UserName name);

  Optional<User> findById(String id);

  /** Users matching {@code query}'s words whose name key is after {@code afterKey}, in key order, at most {@code limit}. */
  List<User> list(UserQuery query, String afterKey, int limit);

  /**
   * Writes what differs between {@code before} (as read) and {@code after}, offboarding included
   * ({@code offboardedAt} set or cleared); {@code state} is what this connector kept for the user
   * (empty at first), to be set before each change that a later one's failure must not lose.
   */
  void update(User before, User after, ConnectorState state);

  /** Sets the user's password, as a reset; whether it must be changed comes with the next {@link #update}. */
  void setPassword(User user, String password);

  /** The user's sessions the directory knows of and can end. */
  default List<Session> sessions(User user, Instant now) {
    return List.of();
  }

  /** Ends every session of the user; returns how many there were. */
  default int revokeSessions(User user, Instant now) {
    return 0;
  }

  @Override
  void close();
}
