package dev.accountadmin.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accountadmin.v1.AccountAdminGrpc;
import dev.accountadmin.v1.GetUserRequest;
import dev.accountadmin.v1.ListAuditEventsRequest;
import dev.accountadmin.v1.ListUsersRequest;
import dev.accountadmin.v1.OffboardUserRequest;
import dev.accountadmin.v1.User;
import dev.accountadmin.v1.VerifyAuditLogRequest;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server in its own JVM, killed (SIGKILL) while eight callers offboard users concurrently on
 * SQLite, so that groups of units are being committed at the moment it dies. After a restart,
 * every offboarding that was answered OK is there in full, none is there in part, and the audit
 * chain verifies. Which calls were in flight differs from run to run; what is checked does not.
 */
final class GroupCommitCrashTest {
  static final int USERS = 400;
  static final int CALLERS = 8;
  // Killed once this many offboardings were answered: a few dozen groups in, hundreds still ahead.
  static final int KILL_AFTER = 120;

  @TempDir Path dir;
  ServerProcess first;
  ServerProcess restarted;

  @AfterEach
  void stop() throws Exception {
    for (var server : new ServerProcess[] {first, restarted}) {
      if (server != null) {
        server.close();
      }
    }
  }

  @Test
  void killedDuringConcurrentWrites_keepsEveryAnsweredCall_andNoHalfOfAnyOther() throws Exception {
    first = ServerProcess.start(dir, USERS);
    var admin = first.admin;
    var staff = staff(admin);
    assertThat(staff).hasSizeGreaterThanOrEqualTo(USERS);
    // As they were before: the demo directory has a blocked user, a locked one, a restricted one.
    var before = new java.util.HashMap<String, User>();
    staff.subList(0, USERS).forEach(u -> before.put(u.getName(), u));
    var targets = staff.subList(0, USERS).stream().map(User::getName).toList();

    var answered = ConcurrentHashMap.<String>newKeySet();
    var okCount = new AtomicInteger();
    var killed = new CountDownLatch(1);
    var callers = Executors.newFixedThreadPool(CALLERS);
    try {
      for (int c = 0; c < CALLERS; c++) {
        int caller = c;
        callers.submit(() -> {
          // Each caller has its own users, so no two calls ever race for one user.
          for (int i = caller; i < targets.size() && killed.getCount() > 0; i += CALLERS) {
            var name = targets.get(i);
            try {
              admin.withDeadlineAfter(30, TimeUnit.SECONDS)
                  .offboardUser(OffboardUserRequest.newBuilder().setName(name).build());
              answered.add(name);
              if (okCount.incrementAndGet() == KILL_AFTER) {
                first.kill();
                killed.countDown();
              }
            } catch (StatusRuntimeException e) {
              // The server died under this call: it was never answered OK.
              return;
            }
          }
        });
      }
      assertThat(killed.await(120, TimeUnit.SECONDS)).as("the load reached the kill point").isTrue();
      first.awaitExit();
    } finally {
      callers.shutdownNow();
      callers.awaitTermination(30, TimeUnit.SECONDS);
    }
    assertThat(answered).hasSizeGreaterThanOrEqualTo(KILL_AFTER);

    restarted = ServerProcess.start(dir, USERS);
    var after = restarted.admin;
    var offboarded = new HashSet<String>();
    for (var name : targets) {
      var user = after.getUser(GetUserRequest.newBuilder().setName(name).build()).getUser();
      boolean done = user.hasOffboardTime();
      if (done) {
        offboarded.add(name);
        // All of it: blocked, every mail protocol off, no session left.
        assertThat(user.getSignInBlocked()).as(name).isTrue();
        assertThat(user.getMailbox().getEnabledProtocolsList()).as(name).isEmpty();
        assertThat(user.getActiveSessionCount()).as(name).isZero();
      } else {
        // None of it.
        assertThat(user.getSignInBlocked()).as(name).isEqualTo(before.get(name).getSignInBlocked());
        assertThat(user.getMailbox().getEnabledProtocolsList()).as(name)
            .isEqualTo(before.get(name).getMailbox().getEnabledProtocolsList());
        assertThat(user.getEtag()).as(name + " unchanged").isEqualTo(before.get(name).getEtag());
      }
    }
    assertThat(offboarded).as("every call answered OK is durable").containsAll(answered);
    assertThat(offboarded.size()).as("some calls were in flight or unsent when the server died").isLessThan(USERS);
    // The audit trail agrees with the state: one offboarding record per offboarded user, none for the rest.
    assertThat(offboardingRecords(after)).isEqualTo(offboarded);
    var verification = after.verifyAuditLog(VerifyAuditLogRequest.getDefaultInstance());
    assertThat(verification.getValid()).isTrue();
    assertThat(verification.getCheckedCount()).isGreaterThan(offboarded.size());
  }

  private static List<User> staff(AccountAdminGrpc.AccountAdminBlockingStub admin) {
    var users = new ArrayList<User>();
    String token = "";
    do {
      var page = admin.listUsers(ListUsersRequest.newBuilder().setPageSize(1000).setPageToken(token).build());
      page.getUsersList().stream().filter(u -> u.getAdminRolesCount() == 0).forEach(users::add);
      token = page.getNextPageToken();
    } while (!token.isEmpty());
    return users;
  }

  private static Set<String> offboardingRecords(AccountAdminGrpc.AccountAdminBlockingStub admin) {
    var targets = new HashSet<String>();
    String token = "";
    do {
      var page = admin.listAuditEvents(ListAuditEventsRequest.newBuilder()
          .setAction(dev.accountadmin.v1.Action.ACTION_OFFBOARD_USER).setPageSize(1000).setPageToken(token).build());
      page.getEventsList().stream()
          .filter(e -> e.getOutcome() == dev.accountadmin.v1.AuditOutcome.AUDIT_OUTCOME_SUCCESS)
          .forEach(e -> assertThat(targets.add("users/" + e.getTarget())).as("one record for " + e.getTarget()).isTrue());
      token = page.getNextPageToken();
    } while (!token.isEmpty());
    return targets;
  }
}
