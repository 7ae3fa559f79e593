package dev.accountadmin.portal;

import dev.accountadmin.client.AccountAdminClient;
import dev.accountadmin.v1.AllowSignInRequest;
import dev.accountadmin.v1.BlockDeviceRequest;
import dev.accountadmin.v1.BlockSignInRequest;
import dev.accountadmin.v1.ClearLockoutRequest;
import dev.accountadmin.v1.DeviceOptions;
import dev.accountadmin.v1.LiftSendingRestrictionRequest;
import dev.accountadmin.v1.MailProtocol;
import dev.accountadmin.v1.MembershipOptions;
import dev.accountadmin.v1.OffboardUserRequest;
import dev.accountadmin.v1.ProcedureResult;
import dev.accountadmin.v1.RemoveAdminRolesRequest;
import dev.accountadmin.v1.RemoveGroupMembershipsRequest;
import dev.accountadmin.v1.RemoveLicencesRequest;
import dev.accountadmin.v1.ResetPasswordRequest;
import dev.accountadmin.v1.RestoreUserRequest;
import dev.accountadmin.v1.RestrictSendingRequest;
import dev.accountadmin.v1.RevokeSessionsRequest;
import dev.accountadmin.v1.SecureCompromisedUserRequest;
import dev.accountadmin.v1.SetMailProtocolsRequest;
import dev.accountadmin.v1.StepOptions;
import dev.accountadmin.v1.StepResult;
import dev.accountadmin.v1.UnlockUserRequest;
import dev.accountadmin.v1.WipeDeviceRequest;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Every procedure and single step the portal offers, each with its options (form checkboxes)
 * and the one API call that plans it (validate_only) or does it. The plan and the real call send
 * the same request, so what the admin confirms is what runs.
 */
public enum PortalAction {
  UNLOCK(List.of("resetPassword")),
  OFFBOARD(List.of("wipeDevices", "blockDevices", "removeGroups", "removeLicences")),
  SECURE_COMPROMISED(List.of("liftRestriction")),
  RESTORE(List.of()),
  RESET_PASSWORD(List.of()),
  REVOKE_SESSIONS(List.of()),
  CLEAR_LOCKOUT(List.of()),
  BLOCK_SIGN_IN(List.of()),
  ALLOW_SIGN_IN(List.of()),
  RESTRICT_SENDING(List.of()),
  LIFT_SENDING_RESTRICTION(List.of()),
  SET_MAIL_PROTOCOLS(List.of()),
  REMOVE_ADMIN_ROLES(List.of()),
  REMOVE_GROUP_MEMBERSHIPS(List.of()),
  REMOVE_LICENCES(List.of()),
  WIPE_DEVICE(List.of()),
  BLOCK_DEVICE(List.of());

  /** What a call gave back: a procedure's result, or a single step's. */
  public record Outcome(ProcedureResult procedure, List<StepResult> steps) {
    static Outcome of(ProcedureResult procedure) {
      return new Outcome(procedure, procedure.getStepsList());
    }

    static Outcome of(StepResult step) {
      return new Outcome(null, List.of(step));
    }
  }

  /** The form's choices: options ticked, the protocols to keep on, the device acted on. */
  public record Choices(Set<String> options, List<MailProtocol> protocols, String device) {}

  private final List<String> options;

  PortalAction(List<String> options) {
    this.options = options;
  }

  public List<String> options() {
    return options;
  }

  public String slug() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public boolean procedure() {
    return switch (this) {
      case UNLOCK, OFFBOARD, SECURE_COMPROMISED, RESTORE -> true;
      case RESET_PASSWORD, REVOKE_SESSIONS, CLEAR_LOCKOUT, BLOCK_SIGN_IN, ALLOW_SIGN_IN, RESTRICT_SENDING,
          LIFT_SENDING_RESTRICTION, SET_MAIL_PROTOCOLS, REMOVE_ADMIN_ROLES, REMOVE_GROUP_MEMBERSHIPS, REMOVE_LICENCES,
          WIPE_DEVICE, BLOCK_DEVICE -> false;
    };
  }

  /** Acts on one of the user's devices, chosen in the devices table rather than in the list of actions. */
  public boolean perDevice() {
    return this == WIPE_DEVICE || this == BLOCK_DEVICE;
  }

  static PortalAction ofSlug(String slug) {
    for (var action : values()) {
      if (action.slug().equals(slug)) {
        return action;
      }
    }
    return null;
  }

  /**
   * Plans ({@code plan}) or does the action. A plan carries no request id: the server keeps the
   * first response to an id, and the real call, which differs from its plan, must be the first.
   */
  Outcome run(AccountAdminClient api, String upn, Choices c, String id, boolean plan) {
    var name = "users/" + upn;
    var requestId = plan ? "" : id;
    var o = c.options();
    return switch (this) {
      case UNLOCK -> Outcome.of(api.call(s -> s.unlockUser(UnlockUserRequest.newBuilder().setName(name)
          .setResetPassword(o.contains("resetPassword")).setRequestId(requestId).setValidateOnly(plan).build())).getResult());
      case OFFBOARD -> Outcome.of(api.call(s -> s.offboardUser(OffboardUserRequest.newBuilder().setName(name)
          .setOptions(offboardOptions(o)).setRequestId(requestId).setValidateOnly(plan).build())).getResult());
      case SECURE_COMPROMISED -> Outcome.of(api.call(s -> s.secureCompromisedUser(SecureCompromisedUserRequest.newBuilder()
          .setName(name).setLiftSendingRestriction(o.contains("liftRestriction")).setRequestId(requestId)
          .setValidateOnly(plan).build())).getResult());
      case RESTORE -> Outcome.of(api.call(s -> s.restoreUser(RestoreUserRequest.newBuilder().setName(name)
          .setRequestId(requestId).setValidateOnly(plan).build())).getResult());
      case RESET_PASSWORD -> Outcome.of(api.call(s -> s.resetPassword(ResetPasswordRequest.newBuilder().setName(name)
          .setRequestId(requestId).setValidateOnly(plan).build())).getStep());
      case REVOKE_SESSIONS -> Outcome.of(api.call(s -> s.revokeSessions(RevokeSessionsRequest.newBuilder().setName(name)
          .setRequestId(requestId).setValidateOnly(plan).build())).getStep());
      case CLEAR_LOCKOUT -> Outcome.of(api.call(s -> s.clearLockout(ClearLockoutRequest.newBuilder().setName(name)
          .setRequestId(requestId).setValidateOnly(plan).build())).getStep());
      case BLOCK_SIGN_IN -> Outcome.of(api.call(s -> s.blockSignIn(BlockSignInRequest.newBuilder().setName(name)
          .setRequestId(requestId).setValidateOnly(plan).build())).getStep());
      case ALLOW_SIGN_IN -> Outcome.of(api.call(s -> s.allowSignIn(AllowSignInRequest.newBuilder().setName(name)
          .setRequestId(requestId).setValidateOnly(plan).build())).getStep());
      case RESTRICT_SENDING -> Outcome.of(api.call(s -> s.restrictSending(RestrictSendingRequest.newBuilder().setName(name)
          .setRequestId(requestId).setValidateOnly(plan).build())).getStep());
      case LIFT_SENDING_RESTRICTION -> Outcome.of(api.call(s -> s.liftSendingRestriction(
          LiftSendingRestrictionRequest.newBuilder().setName(name).setRequestId(requestId).setValidateOnly(plan).build())).getStep());
      case SET_MAIL_PROTOCOLS -> Outcome.of(api.call(s -> s.setMailProtocols(SetMailProtocolsRequest.newBuilder().setName(name)
          .addAllEnabledProtocols(c.protocols()).setRequestId(requestId).setValidateOnly(plan).build())).getStep());
      case REMOVE_ADMIN_ROLES -> Outcome.of(api.call(s -> s.removeAdminRoles(RemoveAdminRolesRequest.newBuilder().setName(name)
          .setRequestId(requestId).setValidateOnly(plan).build())).getStep());
      case REMOVE_GROUP_MEMBERSHIPS -> Outcome.of(api.call(s -> s.removeGroupMemberships(
          RemoveGroupMembershipsRequest.newBuilder().setName(name).setRequestId(requestId).setValidateOnly(plan).build())).getStep());
      case REMOVE_LICENCES -> Outcome.of(api.call(s -> s.removeLicences(RemoveLicencesRequest.newBuilder().setName(name)
          .setRequestId(requestId).setValidateOnly(plan).build())).getStep());
      case WIPE_DEVICE -> Outcome.of(api.call(s -> s.wipeDevice(WipeDeviceRequest.newBuilder().setName(name)
          .setDeviceId(c.device()).setRequestId(requestId).setValidateOnly(plan).build())).getStep());
      case BLOCK_DEVICE -> Outcome.of(api.call(s -> s.blockDevice(BlockDeviceRequest.newBuilder().setName(name)
          .setDeviceId(c.device()).setRequestId(requestId).setValidateOnly(plan).build())).getStep());
    };
  }

  static StepOptions offboardOptions(Set<String> o) {
    return StepOptions.newBuilder()
        .setDevices(DeviceOptions.newBuilder().setWipe(o.contains("wipeDevices")).setBlock(o.contains("blockDevices")))
        .setMemberships(MembershipOptions.newBuilder().setRemoveGroups(o.contains("removeGroups"))
            .setRemoveLicences(o.contains("removeLicences")))
        .build();
  }
}
