package dev.accountadmin.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import dev.accountadmin.server.auth.AuthPolicy;
import dev.accountadmin.server.mail.OutboundPolicy;
import dev.accountadmin.server.store.Dialect;
import dev.accountadmin.v1.AccountAdminGrpc;
import dev.accountadmin.v1.AllowSignInRequest;
import dev.accountadmin.v1.BlockSignInRequest;
import dev.accountadmin.v1.ClearLockoutRequest;
import dev.accountadmin.v1.ClientApp;
import dev.accountadmin.v1.LiftSendingRestrictionRequest;
import dev.accountadmin.v1.ListUsersRequest;
import dev.accountadmin.v1.MailFlowGrpc;
import dev.accountadmin.v1.ResetPasswordRequest;
import dev.accountadmin.v1.RestrictSendingRequest;
import dev.accountadmin.v1.SignInRequest;
import dev.accountadmin.v1.StepOutcome;
import dev.accountadmin.v1.SubmitMessageRequest;
import dev.accountadmin.v1.VerifyAuditLogRequest;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.MetadataUtils;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two replicas — two servers, each with its own pool — on one PostgreSQL database, started at the
 * same moment, with clients spread over both.
 *
 * <p>The concurrent mix is checked against the audit log: every change and its record commit in
 * one transaction, and appends are ordered by the chain head's lock, so the log is the order in
 * which the changes took effect. Replaying it one record at a time must give, record by record,
 * what each record says (the failure count it reached, DONE versus ALREADY_DONE) and, at the end,
 * exactly the rows in the database; and each client-visible outcome must appear in it once.
 */
final class ReplicasTest {
  // The random threads pick among these users.
  private static final List<String> USERS =
      List.of("ana@contoso.com", "ben@contoso.com", "cai@contoso.com", "dee@contoso.com");
  // One more thread, among the random ones, walks this user through every outcome the mix must
  // reach, so that what the mix covers does not depend on how the scheduler interleaves it.
  private static final String SCRIPTED = "eve@contoso.com";
  private static final List<String> ALL = List.of("ana@contoso.com", "ben@contoso.com", "cai@contoso.com",
      "dee@contoso.com", SCRIPTED);
  // Senders keep a token from before the mix; a reset password ends it, so resets spare all but one.
  private static final Set<String> SENDERS =
      Set.of("ana@contoso.com", "ben@contoso.com", "cai@contoso.com", SCRIPTED);
  private static final Set<String> RESET = Set.of("cai@contoso.com", "dee@contoso.com");
  private static final int OPERATIONS = 320;
  private static final int THREADS = 8;
  private static final int RECIPIENTS = 3;
  // A small daily limit, so that concurrent submissions cross it and restrict their sender.
  private static final OutboundPolicy POLICY = new OutboundPolicy(1000, 1000, 9, OutboundPolicy.Action.RESTRICT_UNTIL_LIFTED);
  private static final Gson GSON = new Gson();

  @TempDir Path dir;

  @Test
  void startingTogether_bootstrapsOnce_andEachReplicaAcceptsTheOthersTokens() throws Exception {
    var url = TestServer.newDatabase(Dialect.POSTGRESQL, dir);
    try (var replicas = Replicas.start(url, dir)) {
      var fromFirst = replicas.first.signIn(TestServer.ADMIN, TestServer.ADMIN_PASSWORD);
      var fromSecond = replicas.second.signIn(TestServer.ADMIN, TestServer.ADMIN_PASSWORD);

      assertThat(replicas.second.withToken(fromFirst, null).listUsers(ListUsersRequest.getDefaultInstance())
          .getUsersList()).hasSize(1);
      assertThat(replicas.first.withToken(fromSecond, null).listUsers(ListUsersRequest.getDefaultInstance())
          .getUsersList()).hasSize(1);
      assertThat(replicas.first.queryLong("SELECT COUNT(*) FROM tenant")).isEqualTo(1);
      // Token signing, failure fingerprints, authenticator sealing, idempotency, self-service codes: each made once.
      assertThat(replicas.first.queryLong("SELECT COUNT(*) FROM server_secrets")).isEqualTo(5);
      assertThat(List.of(replicas.first.output.toString(), replicas.second.output.toString()))
          .filteredOn(out -> out.contains("Bootstrap global admin")).hasSize(1);
    }
  }

  @Test
  void concurrentMix_onTwoReplicas_equalsTheOrderOfTheAuditLog() throws Exception {
    var url = TestServer.newDatabase(Dialect.POSTGRESQL, dir);
    try (var replicas = Replicas.start(url, dir)) {
      var servers = List.of(replicas.first, replicas.second);
      for (var user : ALL) {
        servers.get(ALL.indexOf(user) % 2).createUser(user);
      }
      // Tokens and deadlines that outlast the mix (the default deadline is 30 seconds).
      var admins = List.of(replicas.first.admin().withDeadlineAfter(5, TimeUnit.MINUTES),
          replicas.second.admin().withDeadlineAfter(5, TimeUnit.MINUTES));
      var mail = new HashMap<String, List<MailFlowGrpc.MailFlowBlockingStub>>();
      for (var sender : SENDERS) {
        mail.put(sender, List.of(mailStub(replicas.first, sender), mailStub(replicas.second, sender)));
      }
      long startSequence = replicas.first.queryLong("SELECT MAX(sequence) FROM audit_events");
      var before = new HashMap<String, Row>();
      for (var user : ALL) {
        before.put(user, Row.read(url, user));
      }

      var seen = new Seen();
      var pool = Executors.newFixedThreadPool(THREADS);
      try {
        var futures = new ArrayList<Future<?>>();
        for (int t = 0; t < THREADS; t++) {
          var random = new Random(7919L * t);
          futures.add(pool.submit(() -> {
            for (int i = 0; i < OPERATIONS / THREADS; i++) {
              var user = USERS.get(random.nextInt(USERS.size()));
              int replica = random.nextInt(2);
              run(random.nextInt(100), user, servers.get(replica), admins.get(replica),
                  mail.containsKey(user) ? mail.get(user).get(replica) : null, seen);
            }
            return null;
          }));
        }
        futures.add(pool.submit(() -> {
          script(servers, admins, mail.get(SCRIPTED), seen);
          return null;
        }));
        for (var future : futures) {
          future.get(5, TimeUnit.MINUTES);
        }
      } finally {
        pool.shutdownNow();
      }

      assertThat(seen.unexpected).as("answers no serial order gives, in the mix " + new TreeMap<>(seen.counts)).isEmpty();
      var audit = auditSince(url, startSequence);
      for (var user : ALL) {
        var model = Model.of(before.get(user));
        var violations = new ArrayList<String>();
        for (var record : audit) {
          if (record.target().equals(user)) {
            model.apply(record, violations);
          }
        }
        var after = Row.read(url, user);
        assertThat(violations).as("replaying the audit log for " + user).isEmpty();
        assertThat(after).as("the row of " + user + " against the replayed log").isEqualTo(model.row());
        assertThat(audit.stream().filter(r -> r.target().equals(user) && r.isCountedFailure()).count())
            .as("wrong passwords for " + user + " counted once each").isEqualTo(seen.count(user, "INVALID_CREDENTIALS"));
        assertThat(after.lifts() - before.get(user).lifts()).as("lifts of " + user)
            .isEqualTo(seen.count(user, "LIFTED"));
        assertThat(replicas.first.queryLong("SELECT COUNT(*) FROM mail_submissions s JOIN users u ON u.id = s.user_id"
            + " WHERE u.upn_key = '" + user + "'")).as("accepted messages of " + user).isEqualTo(seen.count(user, "ACCEPTED"));
        // A lift forgives what was sent before it; what still counts stays within the limit.
        assertThat(replicas.first.queryLong("SELECT COALESCE(SUM(s.internal_count + s.external_count), 0)"
            + " FROM mail_submissions s JOIN users u ON u.id = s.user_id WHERE s.forgiven_at IS NULL"
            + " AND u.upn_key = '" + user + "'")).as("counted recipients of " + user + " within the daily limit")
            .isLessThanOrEqualTo(POLICY.perDay());
      }
      for (var outcome : List.of("INVALID_CREDENTIALS", "ACCOUNT_LOCKED", "LIFTED", "ACCEPTED", "OUTBOUND_LIMIT_EXCEEDED")) {
        assertThat(seen.count(SCRIPTED, outcome)).as("the scripted user reached " + outcome).isPositive();
      }
      assertThat(audit).as("the mix reached a lockout").anyMatch(r -> r.details().containsKey("lockoutCount"));
      var verified = admins.get(1).verifyAuditLog(VerifyAuditLogRequest.getDefaultInstance());
      assertThat(verified.getValid()).isTrue();
      assertThat(verified.getCheckedCount()).isEqualTo(replicas.first.queryLong("SELECT MAX(sequence) FROM audit_events"));
    }
  }

  /**
   * The scripted user's walk, alternating replicas: over the daily sending limit (restricted), lifted,
   * past the lockout threshold (the frozen clock keeps the lockout until it is cleared), cleared.
   */
  private static void script(List<TestServer> servers, List<AccountAdminGrpc.AccountAdminBlockingStub> admins,
      List<MailFlowGrpc.MailFlowBlockingStub> mail, Seen seen) {
    int messages = POLICY.perDay() / RECIPIENTS + 1;
    for (int i = 0; i < messages; i++) {
      run(MAIL, SCRIPTED, servers.get(i % 2), admins.get(i % 2), mail.get(i % 2), seen);
    }
    run(LIFT, SCRIPTED, servers.get(0), admins.get(0), mail.get(0), seen);
    for (int i = 0; i <= AuthPolicy.DEFAULT.lockoutThreshold(); i++) {
      run(WRONG_PASSWORD, SCRIPTED, servers.get(i % 2), admins.get(i % 2), mail.get(i % 2), seen);
    }
    run(CLEAR_LOCKOUT, SCRIPTED, servers.get(1), admins.get(1), mail.get(1), seen);
  }

  // Dice for the operations of run(), for the scripted walk.
  private static final int WRONG_PASSWORD = 0;
  private static final int CLEAR_LOCKOUT = 47;
  private static final int LIFT = 65;
  private static final int MAIL = 99;

  /** One operation of the mix, chosen by {@code dice} (0-99); records what the client saw. */
  private static void run(int dice, String user, TestServer server, AccountAdminGrpc.AccountAdminBlockingStub admin,
      MailFlowGrpc.MailFlowBlockingStub mail, Seen seen) {
    var name = "users/" + user;
    try {
      if (dice < 30) {
        var wrong = "Wrong-" + UUID.randomUUID();
        expectFailure(seen, user, Set.of("INVALID_CREDENTIALS", "ACCOUNT_LOCKED"), () -> server.auth().signIn(
            SignInRequest.newBuilder().setUserPrincipalName(user).setPassword(wrong)
                .setClientApp(ClientApp.CLIENT_APP_BROWSER).build()));
      } else if (dice < 37) {
        admin.blockSignIn(BlockSignInRequest.newBuilder().setName(name).build());
      } else if (dice < 47) {
        admin.allowSignIn(AllowSignInRequest.newBuilder().setName(name).build());
      } else if (dice < 55) {
        admin.clearLockout(ClearLockoutRequest.newBuilder().setName(name).build());
      } else if (dice < 60) {
        if (RESET.contains(user)) {
          admin.resetPassword(ResetPasswordRequest.newBuilder().setName(name).build());
        }
      } else if (dice < 65) {
        admin.restrictSending(RestrictSendingRequest.newBuilder().setName(name).build());
      } else if (dice < 75) {
        var lifted = admin.liftSendingRestriction(LiftSendingRestrictionRequest.newBuilder().setName(name).build());
        if (lifted.getStep().getOutcome() == StepOutcome.STEP_OUTCOME_DONE) {
          seen.add(user, "LIFTED");
        }
      } else if (mail != null) {
        var message = SubmitMessageRequest.newBuilder().setSubject("hello");
        for (int i = 0; i < RECIPIENTS; i++) {
          message.addRecipients("r" + i + "@fabrikam.example");
        }
        try {
          mail.submitMessage(message.build());
          seen.add(user, "ACCEPTED");
        } catch (StatusRuntimeException e) {
          // Blocked, reset or restricted senders are refused; anything else is a fault.
          seen.expect(user, e, Set.of("SENDING_RESTRICTED", "OUTBOUND_LIMIT_EXCEEDED", "SIGN_IN_BLOCKED", "SESSION_REVOKED"));
        }
      }
    } catch (StatusRuntimeException e) {
      seen.expect(user, e, Set.of());
    }
  }

  private static void expectFailure(Seen seen, String user, Set<String> reasons, Runnable call) {
    try {
      call.run();
      seen.unexpected.add(user + ": a wrong password was accepted");
    } catch (StatusRuntimeException e) {
      seen.expect(user, e, reasons);
    }
  }

  private static MailFlowGrpc.MailFlowBlockingStub mailStub(TestServer server, String user) {
    var token = server.auth().signIn(SignInRequest.newBuilder().setUserPrincipalName(user)
        .setPassword(TestServer.USER_PASSWORD).setClientApp(ClientApp.CLIENT_APP_OUTLOOK_DESKTOP).build()).getAccessToken();
    var headers = new Metadata();
    headers.put(CallContext.AUTHORIZATION, "Bearer " + token);
    return MailFlowGrpc.newBlockingStub(server.channel()).withDeadlineAfter(2, TimeUnit.MINUTES)
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  /** What the clients saw: counts per user and outcome, and every answer outside the expected ones. */
  private static final class Seen {
    static final String ANY = "*";
    final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    final List<String> unexpected = new CopyOnWriteArrayList<>();

    void add(String user, String outcome) {
      counts.computeIfAbsent(user + " " + outcome, k -> new AtomicInteger()).incrementAndGet();
      counts.computeIfAbsent(ANY + " " + outcome, k -> new AtomicInteger()).incrementAndGet();
    }

    long count(String user, String outcome) {
      var count = counts.get(user + " " + outcome);
      return count == null ? 0 : count.get();
    }

    void expect(String user, StatusRuntimeException e, Set<String> reasons) {
      var status = StatusProto.fromThrowable(e);
      var reason = "";
      if (status != null) {
        for (var any : status.getDetailsList()) {
          if (any.is(com.google.rpc.ErrorInfo.class)) {
            try {
              reason = any.unpack(com.google.rpc.ErrorInfo.class).getReason();
            } catch (com.google.protobuf.InvalidProtocolBufferException impossible) {
              throw new AssertionError(impossible);
            }
          }
        }
      }
      if (reasons.contains(reason)) {
        add(user, reason);
      } else {
        unexpected.add(user + ": " + e.getStatus().getCode() + " " + reason);
      }
    }
  }

  /** The columns of a user that the mix changes. */
  record Row(boolean blocked, int failed, int lockouts, boolean locked, boolean restricted, int lifts, long version) {
    static Row read(String url, String user) throws SQLException {
      try (var c = DriverManager.getConnection(url); var statement = c.prepareStatement("SELECT sign_in_blocked,"
          + " failed_attempts, lockout_count, locked_until, restriction_reason, restriction_lift_count, version"
          + " FROM users WHERE upn_key = ?")) {
        statement.setString(1, user);
        try (var rows = statement.executeQuery()) {
          rows.next();
          return new Row(rows.getBoolean(1), rows.getInt(2), rows.getInt(3), rows.getObject(4) != null,
              rows.getString(5) != null, rows.getInt(6), rows.getLong(7));
        }
      }
    }
  }

  /** One audit record, as far as the replay needs it. */
  record Audited(long sequence, String action, String target, String outcome, Map<String, String> details) {
    boolean isCountedFailure() {
      return action.equals("SIGN_IN") && outcome.equals("FAILURE") && details.containsKey("failedAttempts");
    }
  }

  private static List<Audited> auditSince(String url, long sequence) throws SQLException {
    try (var c = DriverManager.getConnection(url); var statement = c.prepareStatement(
        "SELECT sequence, action, target, outcome, details FROM audit_events WHERE sequence > ? ORDER BY sequence")) {
      statement.setLong(1, sequence);
      try (var rows = statement.executeQuery()) {
        var records = new ArrayList<Audited>();
        while (rows.next()) {
          Map<String, String> details = GSON.fromJson(rows.getString(5), new TypeToken<TreeMap<String, String>>() {}.getType());
          records.add(new Audited(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4), details));
        }
        return records;
      }
    }
  }

  /** A user as the audit log says it must be: the serial order the replicas agreed on, replayed. */
  private static final class Model {
    boolean blocked;
    int failed;
    int lockouts;
    boolean locked;
    boolean restricted;
    int lifts;
    long version;

    static Model of(Row row) {
      var model = new Model();
      model.blocked = row.blocked();
      model.failed = row.failed();
      model.lockouts = row.lockouts();
      model.locked = row.locked();
      model.restricted = row.restricted();
      model.lifts = row.lifts();
      model.version = row.version();
      return model;
    }

    Row row() {
      return new Row(blocked, failed, lockouts, locked, restricted, lifts, version);
    }

    void apply(Audited r, List<String> violations) {
      boolean done = r.outcome().equals("SUCCESS");
      boolean already = r.outcome().equals("NO_CHANGE");
      switch (r.action()) {
        case "SIGN_IN" -> {
          if (r.isCountedFailure()) {
            expect(Integer.parseInt(r.details().get("failedAttempts")) == failed + 1, r, violations);
            if (r.details().containsKey("lockoutCount")) {
              expect(Integer.parseInt(r.details().get("lockoutCount")) == lockouts + 1, r, violations);
              lockouts++;
              failed = 0;
              locked = true;
            } else {
              failed++;
            }
            version++;
          }
        }
        case "BLOCK_SIGN_IN", "ALLOW_SIGN_IN" -> {
          boolean target = r.action().equals("BLOCK_SIGN_IN");
          expect(done ? blocked != target : !already || blocked == target, r, violations);
          if (done) {
            blocked = target;
            version++;
          }
        }
        case "CLEAR_LOCKOUT" -> {
          expect(done ? locked || failed > 0 : !already || (!locked && failed == 0), r, violations);
          if (done) {
            failed = 0;
            lockouts = 0;
            locked = false;
            version++;
          }
        }
        case "RESTRICT_SENDING" -> {
          expect(done ? !restricted : !already || restricted, r, violations);
          if (done) {
            restricted = true;
            version++;
          }
        }
        case "LIFT_SENDING_RESTRICTION" -> {
          expect(done ? restricted : !already || !restricted, r, violations);
          if (done) {
            restricted = false;
            lifts++;
            version++;
          }
        }
        case "SUBMIT_MESSAGE" -> {
          // Only a submission that crossed a limit is recorded, and it restricted its sender.
          expect(r.outcome().equals("FAILURE") && !restricted, r, violations);
          restricted = true;
          version++;
        }
        case "RESET_PASSWORD" -> {
          if (done) {
            version++;
          }
        }
        default -> violations.add("an unexpected record: " + r);
      }
    }

    private static void expect(boolean holds, Audited r, List<String> violations) {
      if (!holds) {
        violations.add("#" + r.sequence() + " " + r.action() + " " + r.outcome() + " " + r.details());
      }
    }
  }

  /** Two servers on one database, started at the same moment. */
  @Test
  void batch_interruptedOnOneReplica_isFinishedByTheOther() throws Exception {
    var url = TestServer.newDatabase(Dialect.POSTGRESQL, dir);
    var clock = new TestClock(TestServer.START);
    try (var first = new TestServer(url, dir.resolve("a"), true, POLICY, clock);
        var second = new TestServer(url, dir.resolve("b"), true, POLICY, clock)) {
      var names = new java.util.ArrayList<String>();
      first.admin().listUsers(dev.accountadmin.v1.ListUsersRequest.newBuilder().setPageSize(1000).build()).getUsersList()
          .stream().filter(u -> u.getAdminRolesCount() == 0).forEach(u -> names.add(u.getName()));
      var request = dev.accountadmin.v1.BatchOffboardUsersRequest.newBuilder().addAllNames(names).build();

      // The admin's client gives up after 150 results; the rest of the batch waits in the database.
      var call = io.grpc.Context.current().withCancellation();
      var seen = new java.util.ArrayList<dev.accountadmin.v1.BatchOffboardUsersResponse>();
      call.run(() -> {
        var stream = first.admin().batchOffboardUsers(request);
        while (stream.hasNext() && seen.size() < 150) {
          seen.add(stream.next());
        }
      });
      call.cancel(null);
      var resumed = new java.util.ArrayList<dev.accountadmin.v1.BatchOffboardUsersResponse>();
      second.admin().batchOffboardUsers(dev.accountadmin.v1.BatchOffboardUsersRequest.newBuilder()
          .setBatchId(seen.get(0).getBatchId()).build()).forEachRemaining(resumed::add);

      assertThat(resumed).hasSize(names.size());
      assertThat(resumed.stream().filter(dev.accountadmin.v1.BatchOffboardUsersResponse::getResumed).count())
          .isBetween(150L, (long) names.size());
      assertThat(resumed).allMatch(dev.accountadmin.v1.BatchOffboardUsersResponse::hasResult);
      assertThat(first.queryLong("SELECT COUNT(*) FROM users WHERE offboarded_at IS NOT NULL")).isEqualTo(names.size());
      assertThat(first.queryLong("SELECT COUNT(*) FROM (SELECT target FROM audit_events WHERE action = 'OFFBOARD_USER'"
          + " AND outcome = 'SUCCESS' GROUP BY target HAVING COUNT(*) > 1) t")).isZero();
      assertThat(second.admin().verifyAuditLog(dev.accountadmin.v1.VerifyAuditLogRequest.getDefaultInstance()).getValid()).isTrue();
    }
  }

  private static final class Replicas implements AutoCloseable {
    final TestServer first;
    final TestServer second;

    private Replicas(TestServer first, TestServer second) {
      this.first = first;
      this.second = second;
    }

    static Replicas start(String url, Path dir) throws Exception {
      var clock = new TestClock(TestServer.START);
      var pool = Executors.newFixedThreadPool(2);
      try {
        var a = pool.submit(() -> new TestServer(url, dir.resolve("a"), false, POLICY, clock));
        var b = pool.submit(() -> new TestServer(url, dir.resolve("b"), false, POLICY, clock));
        return new Replicas(a.get(2, TimeUnit.MINUTES), b.get(2, TimeUnit.MINUTES));
      } finally {
        pool.shutdown();
      }
    }

    @Override
    public void close() {
      try {
        second.close();
      } finally {
        first.close();
      }
    }
  }
}
