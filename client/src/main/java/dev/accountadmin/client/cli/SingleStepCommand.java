package dev.accountadmin.client.cli;

import com.google.protobuf.Message;
import dev.accountadmin.v1.AccountAdminGrpc.AccountAdminBlockingStub;
import dev.accountadmin.v1.AllowSignInRequest;
import dev.accountadmin.v1.AllowSignInResponse;
import dev.accountadmin.v1.BlockSignInRequest;
import dev.accountadmin.v1.BlockSignInResponse;
import dev.accountadmin.v1.ClearLockoutRequest;
import dev.accountadmin.v1.ClearLockoutResponse;
import dev.accountadmin.v1.LiftSendingRestrictionRequest;
import dev.accountadmin.v1.LiftSendingRestrictionResponse;
import dev.accountadmin.v1.RestrictSendingRequest;
import dev.accountadmin.v1.RestrictSendingResponse;
import dev.accountadmin.v1.RevokeSessionsRequest;
import dev.accountadmin.v1.RevokeSessionsResponse;
import dev.accountadmin.v1.StepResult;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/**
 * Every command that runs one step on a user and takes nothing but the user and {@code --dry-run}
 * ({@code acctadmin block USER}, …): one implementation, one {@link Step} per command.
 */
@Command
final class SingleStepCommand implements Callable<Integer> {

  /** The single-step commands, in the order the help lists them. */
  enum Step {
    REVOKE_SESSIONS("revoke-sessions", "Sign a user out of all sessions (revoke sessions and refresh tokens).",
        (s, t) -> reply(s.revokeSessions(RevokeSessionsRequest.newBuilder()
            .setName(t.name()).setValidateOnly(t.dryRun).setRequestId(StepTarget.requestId()).build()),
            RevokeSessionsResponse::getStep)),
    CLEAR_LOCKOUT("clear-lockout", "Clear a user's sign-in lockout.",
        (s, t) -> reply(s.clearLockout(ClearLockoutRequest.newBuilder()
            .setName(t.name()).setValidateOnly(t.dryRun).setRequestId(StepTarget.requestId()).build()),
            ClearLockoutResponse::getStep)),
    BLOCK_SIGN_IN("block", "Block a user's sign-in.",
        (s, t) -> reply(s.blockSignIn(BlockSignInRequest.newBuilder()
            .setName(t.name()).setValidateOnly(t.dryRun).setRequestId(StepTarget.requestId()).build()),
            BlockSignInResponse::getStep)),
    ALLOW_SIGN_IN("allow", "Allow a user's sign-in.",
        (s, t) -> reply(s.allowSignIn(AllowSignInRequest.newBuilder()
            .setName(t.name()).setValidateOnly(t.dryRun).setRequestId(StepTarget.requestId()).build()),
            AllowSignInResponse::getStep)),
    RESTRICT_SENDING("restrict-sending", "Restrict a user from sending email (receiving still works).",
        (s, t) -> reply(s.restrictSending(RestrictSendingRequest.newBuilder()
            .setName(t.name()).setValidateOnly(t.dryRun).setRequestId(StepTarget.requestId()).build()),
            RestrictSendingResponse::getStep)),
    LIFT_SENDING_RESTRICTION("lift-restriction", "Lift a user's email sending restriction.",
        (s, t) -> reply(s.liftSendingRestriction(LiftSendingRestrictionRequest.newBuilder()
            .setName(t.name()).setValidateOnly(t.dryRun).setRequestId(StepTarget.requestId()).build()),
            LiftSendingRestrictionResponse::getStep));

    final String command;
    final String description;
    final Rpc rpc;

    Step(String command, String description, Rpc rpc) {
      this.command = command;
      this.description = description;
      this.rpc = rpc;
    }
  }

  /** The call a step makes. */
  interface Rpc {
    Reply call(AccountAdminBlockingStub stub, StepTarget target);
  }

  /** Every single-step response holds the step's result (and the user, printed in JSON). */
  record Reply(StepResult step, Message response) {}

  @ParentCommand Acctadmin root;

  @Mixin StepTarget target;

  private final Step step;

  private SingleStepCommand(Step step) {
    this.step = step;
  }

  /** The command line of {@code step}, to add to {@code acctadmin} under its command name. */
  static CommandLine of(Step step) {
    var commandLine = new CommandLine(new SingleStepCommand(step));
    commandLine.getCommandSpec().name(step.command).usageMessage().description(step.description);
    return commandLine;
  }

  @Override
  public Integer call() {
    var reply = root.signedIn().call(s -> step.rpc.call(s, target));
    return StepOutput.print(root, target.user, reply.step(), reply.response());
  }

  private static <R extends Message> Reply reply(R response, Function<R, StepResult> step) {
    return new Reply(step.apply(response), response);
  }
}
