package dev.accountadmin.server;

import com.google.protobuf.Message;
import dev.accountadmin.domain.AllowSignIn;
import dev.accountadmin.domain.AssignAdminRoles;
import dev.accountadmin.domain.AuditQuery;
import dev.accountadmin.domain.BlockDevices;
import dev.accountadmin.domain.BlockSignIn;
import dev.accountadmin.domain.ClearLockout;
import dev.accountadmin.domain.Directory;
import dev.accountadmin.domain.LiftSendingRestriction;
import dev.accountadmin.domain.NewUser;
import dev.accountadmin.domain.ProcedureResult;
import dev.accountadmin.domain.Procedures;
import dev.accountadmin.domain.RemoveAdminRoles;
import dev.accountadmin.domain.RemoveGroupMemberships;
import dev.accountadmin.domain.LiftReregistration;
import dev.accountadmin.domain.RemoveAuthMethods;
import dev.accountadmin.domain.RemoveLicences;
import dev.accountadmin.domain.RequireReregistration;
import dev.accountadmin.domain.ResetPassword;
import dev.accountadmin.domain.RestrictSending;
import dev.accountadmin.domain.RevokeSessions;
import dev.accountadmin.domain.Role;
import dev.accountadmin.domain.SetMailProtocols;
import dev.accountadmin.domain.Step;
import dev.accountadmin.domain.UserName;
import dev.accountadmin.domain.UserQuery;
import dev.accountadmin.domain.WipeDevices;
import dev.accountadmin.domain.ConvertToShared;
import dev.accountadmin.domain.ConvertToUserMailbox;
import dev.accountadmin.domain.HideFromAddressList;
import dev.accountadmin.domain.PlaceLitigationHold;
import dev.accountadmin.domain.RemoveFlaggedInboxRules;
import dev.accountadmin.domain.RemoveForwarding;
import dev.accountadmin.domain.RemoveLitigationHold;
import dev.accountadmin.domain.SetAutoReplies;
import dev.accountadmin.domain.SetForwarding;
import dev.accountadmin.domain.ShowInAddressList;
import dev.accountadmin.failure.DirectoryException;
import dev.accountadmin.failure.FieldViolation;
import dev.accountadmin.failure.Reason;
import dev.accountadmin.v1.AccountAdminGrpc;
import dev.accountadmin.v1.Action;
import dev.accountadmin.v1.AllowSignInRequest;
import dev.accountadmin.v1.AllowSignInResponse;
import dev.accountadmin.v1.AssignAdminRolesRequest;
import dev.accountadmin.v1.AssignAdminRolesResponse;
import dev.accountadmin.v1.BatchOffboardUsersRequest;
import dev.accountadmin.v1.BatchOffboardUsersResponse;
import dev.accountadmin.v1.BlockDeviceRequest;
import dev.accountadmin.v1.BlockDeviceResponse;
import dev.accountadmin.v1.BlockSignInRequest;
import dev.accountadmin.v1.BlockSignInResponse;
import dev.accountadmin.v1.CheckPermissionRequest;
import dev.accountadmin.v1.CheckPermissionResponse;
import dev.accountadmin.v1.ClearLockoutRequest;
import dev.accountadmin.v1.ClearLockoutResponse;
import dev.accountadmin.v1.CreateUserRequest;
import dev.accountadmin.v1.CreateUserResponse;
import dev.accountadmin.v1.DeleteUserRequest;
import dev.accountadmin.v1.DeleteUserResponse;
import dev.accountadmin.v1.GetBatchRequest;
import dev.accountadmin.v1.GetBatchResponse;
import dev.accountadmin.v1.GetGuideRequest;
import dev.accountadmin.v1.GetGuideResponse;
import dev.accountadmin.v1.GetUserRequest;
import dev.accountadmin.v1.GetUserResponse;
import dev.accountadmin.v1.LiftSendingRestrictionRequest;
import dev.accountadmin.v1.LiftSendingRestrictionResponse;
import dev.accountadmin.v1.ListAuditEventsRequest;
import dev.accountadmin.v1.ListAuditEventsResponse;
import dev.accountadmin.v1.LiftReregistrationRequest;
import dev.accountadmin.v1.LiftReregistrationResponse;
import dev.accountadmin.v1.ListAuthenticationMethodsRequest;
import dev.accountadmin.v1.ListAuthenticationMethodsResponse;
import dev.accountadmin.v1.ListDevicesRequest;
import dev.accountadmin.v1.ListDevicesResponse;
import dev.accountadmin.v1.ListGroupsRequest;
import dev.accountadmin.v1.ListGroupsResponse;
import dev.accountadmin.v1.ListLicencesRequest;
import dev.accountadmin.v1.ListLicencesResponse;
import dev.accountadmin.v1.ListRestrictedSendersRequest;
import dev.accountadmin.v1.ListRestrictedSendersResponse;
import dev.accountadmin.v1.ListUserMembershipsRequest;
import dev.accountadmin.v1.ListUserMembershipsResponse;
import dev.accountadmin.v1.ListUsersRequest;
import dev.accountadmin.v1.ListUsersResponse;
import dev.accountadmin.v1.OffboardUserRequest;
import dev.accountadmin.v1.OffboardUserResponse;
import dev.accountadmin.v1.RemoveAdminRolesRequest;
import dev.accountadmin.v1.RemoveAdminRolesResponse;
import dev.accountadmin.v1.RemoveGroupMembershipsRequest;
import dev.accountadmin.v1.RemoveGroupMembershipsResponse;
import dev.accountadmin.v1.RemoveAuthenticationMethodsRequest;
import dev.accountadmin.v1.RemoveAuthenticationMethodsResponse;
import dev.accountadmin.v1.RemoveLicencesRequest;
import dev.accountadmin.v1.RemoveLicencesResponse;
import dev.accountadmin.v1.ResetPasswordRequest;
import dev.accountadmin.v1.ResetPasswordResponse;
import dev.accountadmin.v1.RestoreUserRequest;
import dev.accountadmin.v1.RestoreUserResponse;
import dev.accountadmin.v1.RestrictSendingRequest;
import dev.accountadmin.v1.RestrictSendingResponse;
import dev.accountadmin.v1.RevokeSessionsRequest;
import dev.accountadmin.v1.RevokeSessionsResponse;
import dev.accountadmin.v1.SecureCompromisedUserRequest;
import dev.accountadmin.v1.SecureCompromisedUserResponse;
import dev.accountadmin.v1.SetMailProtocolsRequest;
import dev.accountadmin.v1.SetMailProtocolsResponse;
import dev.accountadmin.v1.StepResult;
import dev.accountadmin.v1.UndeleteUserRequest;
import dev.accountadmin.v1.UndeleteUserResponse;
import dev.accountadmin.v1.UnlockUserRequest;
import dev.accountadmin.v1.UnlockUserResponse;
import dev.accountadmin.v1.User;
import dev.accountadmin.v1.VerifyAuditLogRequest;
import dev.accountadmin.v1.VerifyAuditLogResponse;
import dev.accountadmin.v1.RequireReregistrationRequest;
import dev.accountadmin.v1.RequireReregistrationResponse;
import dev.accountadmin.v1.WipeDeviceRequest;
import dev.accountadmin.v1.WipeDeviceResponse;
import dev.accountadmin.v1.ScheduleOffboardingRequest;
import dev.accountadmin.v1.ScheduleOffboardingResponse;
import dev.accountadmin.v1.GetScheduledOffboardingRequest;
import dev.accountadmin.v1.ListScheduledOffboardingsRequest;
import dev.accountadmin.v1.ListScheduledOffboardingsResponse;
import dev.accountadmin.v1.UpdateScheduledOffboardingRequest;
import dev.accountadmin.v1.CancelScheduledOffboardingRequest;
import dev.accountadmin.v1.GetOffboardingTemplateRequest;
import dev.accountadmin.v1.OffboardingTemplate;
import dev.accountadmin.v1.UpdateOffboardingTemplateResponse;
import dev.accountadmin.v1.GetOffboardingTemplateResponse;
import dev.accountadmin.v1.CancelScheduledOffboardingResponse;
import dev.accountadmin.v1.UpdateScheduledOffboardingResponse;
import dev.accountadmin.v1.GetScheduledOffboardingResponse;
import dev.accountadmin.v1.UpdateOffboardingTemplateRequest;
import dev.accountadmin.v1.ListOffboardingTemplateVersionsRequest;
import dev.accountadmin.v1.ListOffboardingTemplateVersionsResponse;
import dev.accountadmin.v1.SetUserTimeZoneRequest;
import dev.accountadmin.v1.SetUserTimeZoneResponse;
import dev.accountadmin.v1.GetMailboxRequest;
import dev.accountadmin.v1.GetMailboxResponse;
import dev.accountadmin.v1.SetForwardingRequest;
import dev.accountadmin.v1.SetForwardingResponse;
import dev.accountadmin.v1.RemoveForwardingRequest;
import dev.accountadmin.v1.RemoveForwardingResponse;
import dev.accountadmin.v1.SetAutomaticRepliesRequest;
import dev.accountadmin.v1.SetAutomaticRepliesResponse;
import dev.accountadmin.v1.ConvertToSharedMailboxRequest;
import dev.accountadmin.v1.ConvertToSharedMailboxResponse;
import dev.accountadmin.v1.ConvertToUserMailboxRequest;
import dev.accountadmin.v1.ConvertToUserMailboxResponse;
import dev.accountadmin.v1.SetAddressListVisibilityRequest;
import dev.accountadmin.v1.SetAddressListVisibilityResponse;
import dev.accountadmin.v1.ListInboxRulesRequest;
import dev.accountadmin.v1.ListInboxRulesResponse;
import dev.accountadmin.v1.RemoveFlaggedInboxRulesRequest;
import dev.accountadmin.v1.RemoveFlaggedInboxRulesResponse;
import dev.accountadmin.v1.SetLitigationHoldRequest;
import dev.accountadmin.v1.SetLitigationHoldResponse;
import io.grpc.MethodDescriptor;
import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The AccountAdmin gRPC edge: validate the request, call the directory, map to proto. Errors are
 * thrown as {@link DirectoryException} and turned into statuses by {@link ErrorInterceptor}.
 */
final class AccountAdminService extends AccountAdminGrpc.AccountAdminImplBase {
  private final Directory directory;
  private final Procedures procedures;
  private final BatchOffboard batches;
  private final Idempotency idempotency;
  private final Clock clock;
  private final Scheduling scheduling;

  AccountAdminService(Directory directory, Procedures procedures, BatchOffboard batches, Idempotency idempotency, Clock clock,
      Scheduling scheduling) {
    this.scheduling = scheduling;
    this.directory = directory;
    this.procedures = procedures;
    this.batches = batches;
    this.idempotency = idempotency;
    this.clock = clock;
  }

  @Override
  public void unlockUser(UnlockUserRequest request, StreamObserver<UnlockUserResponse> response) {
    handle(AccountAdminGrpc.getUnlockUserMethod(), request, request.getRequestId(), response, () -> {
      var result = procedures.unlock(CallContext.caller(), UserName.fromResourceName("name", request.getName()),
          request.getResetPassword(), request.getRequestId(), request.getValidateOnly());
      return UnlockUserResponse.newBuilder().setResult(Protos.toProto(result)).setUser(user(result)).build();
    });
  }

  @Override
  public void secureCompromisedUser(SecureCompromisedUserRequest request, StreamObserver<SecureCompromisedUserResponse> response) {
    handle(AccountAdminGrpc.getSecureCompromisedUserMethod(), request, request.getRequestId(), response, () -> {
      var result = procedures.secureCompromised(CallContext.caller(), UserName.fromResourceName("name", request.getName()),
          request.getLiftSendingRestriction(), StepOptionProtos.choices("options", request.getOptions()),
          request.getRequestId(), request.getValidateOnly());
      return SecureCompromisedUserResponse.newBuilder().setResult(Protos.toProto(result)).setUser(user(result)).build();
    });
  }

  @Override
  public void offboardUser(OffboardUserRequest request, StreamObserver<OffboardUserResponse> response) {
    handle(AccountAdminGrpc.getOffboardUserMethod(), request, request.getRequestId(), response, () -> {
      // The tenant's template, refined by the request's options (see TemplateOptions).
      var options = scheduling.options().refine(request.getOptions()).options();
      var result = procedures.offboard(CallContext.caller(), UserName.fromResourceName("name", request.getName()),
          request.getPassword(), StepOptionProtos.choices("options", options), request.getRequestId(),
          request.getValidateOnly(), null);
      return OffboardUserResponse.newBuilder().setResult(Protos.toProto(result)).setUser(user(result)).build();
    });
  }

  @Override
  public void restoreUser(RestoreUserRequest request, StreamObserver<RestoreUserResponse> response) {
    handle(AccountAdminGrpc.getRestoreUserMethod(), request, request.getRequestId(), response, () -> {
      var result = procedures.restore(CallContext.caller(), UserName.fromResourceName("name", request.getName()),
          request.getRequestId(), request.getValidateOnly());
      return RestoreUserResponse.newBuilder().setResult(Protos.toProto(result)).setUser(user(result)).build();
    });
  }

  @Override
  public void batchOffboardUsers(BatchOffboardUsersRequest request, StreamObserver<BatchOffboardUsersResponse> response) {
    batches.run(CallContext.caller(), request, response);
  }

  @Override
  public void getBatch(GetBatchRequest request, StreamObserver<GetBatchResponse> response) {
    handle(AccountAdminGrpc.getGetBatchMethod(), request, response, () -> {
      var caller = CallContext.caller();
      directory.requireAnyRole(caller);
      return batches.get(caller, request.getBatchId());
    });
  }

  /**
   * The frame of every unary call: a request with a {@code request_id} is answered at most once
   * per id (the kept response is sent again on a retry), then the reply is sent. The id is passed
   * by its getter: found by reflection, it was one in twelve of a write's CPU samples. Validation and
   * the domain call happen in {@code work}; errors propagate to {@link ErrorInterceptor}.
   */
  private <Q extends Message, R extends Message> void handle(MethodDescriptor<Q, R> method, Q request,
      String requestId, StreamObserver<R> response, Supplier<R> work) {
    var id = requestId(requestId);
    var reply = id.isEmpty() ? work.get() : idempotency.run(CallContext.caller(), id, method, request, work);
    response.onNext(reply);
    response.onCompleted();
  }

  /** The frame of a call that changes nothing, so has no request_id to answer once. */
  private <Q extends Message, R extends Message> void handle(MethodDescriptor<Q, R> method, Q request,
      StreamObserver<R> response, Supplier<R> work) {
    handle(method, request, "", response, work);
  }

  private User user(ProcedureResult result) {
    return Protos.toProto(result.user(), result.activeSessions(), clock.instant());
  }

  @Override
  public void checkPermission(CheckPermissionRequest request, StreamObserver<CheckPermissionResponse> response) {
    handle(AccountAdminGrpc.getCheckPermissionMethod(), request, response, () -> {
      var action = Protos.specified("action", ProtoEnums.fromProto(request.getAction()));
      var check = directory.checkPermission(CallContext.caller(), action, UserName.fromResourceName("name", request.getName()));
      return CheckPermissionResponse.newBuilder()
          .setAllowed(check.allowed())
          .addAllRequiredRoles(Protos.roles(check.requiredRoles()))
          .addAllCallerRoles(Protos.roles(check.callerRoles()))
          .setTargetTier(ProtoEnums.toProto(check.tier()))
          .build();
    });
  }

  @Override
  public void listAuditEvents(ListAuditEventsRequest request, StreamObserver<ListAuditEventsResponse> response) {
    handle(AccountAdminGrpc.getListAuditEventsMethod(), request, response, () -> {
      // Unspecified means any action; a value this server does not know is a mistake.
      var action = request.getAction() == Action.ACTION_UNSPECIFIED ? null
          : Protos.specified("action", ProtoEnums.fromProto(request.getAction()));
      // Actor and target are matched exactly; a control character can match nothing, and NUL is
      // refused by PostgreSQL.
      for (var field : Map.of("actor", request.getActor(), "target", request.getTarget()).entrySet()) {
        if (field.getValue().chars().anyMatch(Character::isISOControl)) {
          throw DirectoryException.invalid(FieldViolation.controlCharacters(field.getKey()));
        }
      }
      var query = new AuditQuery(
          request.getActor().isEmpty() ? null : request.getActor(),
          request.getTarget().isEmpty() ? null : request.getTarget(),
          action,
          request.hasStartTime() ? Protos.instant("start_time", request.getStartTime()) : null,
          request.hasEndTime() ? Protos.instant("end_time", request.getEndTime()) : null);
      var page = directory.listAudit(CallContext.caller(), query, request.getPageSize(), request.getPageToken());
      var proto = ListAuditEventsResponse.newBuilder().setNextPageToken(page.nextPageToken());
      page.records().forEach(r -> proto.addEvents(Protos.toProto(r)));
      return proto.build();
    });
  }

  @Override
  public void verifyAuditLog(VerifyAuditLogRequest request, StreamObserver<VerifyAuditLogResponse> response) {
    handle(AccountAdminGrpc.getVerifyAuditLogMethod(), request, response, () -> {
      var verification = directory.verifyAudit(CallContext.caller());
      return VerifyAuditLogResponse.newBuilder()
          .setValid(verification.valid())
          .setCheckedCount(verification.checked())
          .setFirstBrokenSequence(verification.firstBroken())
          .build();
    });
  }

  @Override
  public void createUser(CreateUserRequest request, StreamObserver<CreateUserResponse> response) {
    handle(AccountAdminGrpc.getCreateUserMethod(), request, request.getRequestId(), response, () -> {
      var user = request.getUser();
      var name = UserName.parse("user.user_principal_name", user.getUserPrincipalName());
      if (user.getDisplayName().length() > 256) {
        throw DirectoryException.invalid(new FieldViolation("user.display_name", "TOO_LONG",
            Map.of("field", "user.display_name", "max", "256")));
      }
      // Checked before validate_only branches off, so that a plan refuses what the real call would.
      if (user.getDisplayName().codePoints().anyMatch(Character::isISOControl)) {
        throw DirectoryException.invalid(FieldViolation.controlCharacters("user.display_name"));
      }
      // Empty means "derive it from the user name"; spaces alone are a name nobody can see.
      if (!user.getDisplayName().isEmpty() && user.getDisplayName().isBlank()) {
        throw DirectoryException.invalid(new FieldViolation("user.display_name", "BLANK_DISPLAY_NAME",
            Map.of("field", "user.display_name")));
      }
      var spec = new NewUser(name, user.getDisplayName(), language(user.getPreferredLanguage()),
          Protos.roles("user.admin_roles", user.getAdminRolesList()));
      var created = directory.createUser(CallContext.caller(), spec, requestId(request.getRequestId()), request.getValidateOnly());
      return CreateUserResponse.newBuilder()
          .setUser(Protos.toProto(created.user(), 0, clock.instant()))
          .setTemporaryPassword(created.temporaryPassword() == null ? "" : created.temporaryPassword())
          .build();
    });
  }

  @Override
  public void getUser(GetUserRequest request, StreamObserver<GetUserResponse> response) {
    handle(AccountAdminGrpc.getGetUserMethod(), request, response, () -> {
      var found = directory.getUser(CallContext.caller(), UserName.fromResourceName("name", request.getName()));
      return GetUserResponse.newBuilder()
          .setUser(Protos.toProto(found.user(), found.activeSessions(), clock.instant()))
          .build();
    });
  }

  @Override
  public void listUsers(ListUsersRequest request, StreamObserver<ListUsersResponse> response) {
    handle(AccountAdminGrpc.getListUsersMethod(), request, response, () -> {
      var now = clock.instant();
      var query = UserQuery.parse("filter", request.getFilter(), now);
      var page = directory.listUsers(CallContext.caller(), request.getDirectory(), query, request.getPageSize(),
          request.getPageToken());
      var proto = ListUsersResponse.newBuilder().setNextPageToken(page.nextPageToken());
      for (var user : page.users()) {
        proto.addUsers(Protos.toProto(user, page.activeSessions().getOrDefault(user.id(), 0), now));
      }
      return proto.build();
    });
  }

  @Override
  public void blockSignIn(BlockSignInRequest request, StreamObserver<BlockSignInResponse> response) {
    handle(AccountAdminGrpc.getBlockSignInMethod(), request, request.getRequestId(), response, () -> {
      var changed = step(new BlockSignIn(), request.getName(), request.getRequestId(), request.getValidateOnly());
      return BlockSignInResponse.newBuilder().setStep(step(changed)).setUser(user(changed)).build();
    });
  }

  @Override
  public void listDevices(ListDevicesRequest request, StreamObserver<ListDevicesResponse> response) {
    handle(AccountAdminGrpc.getListDevicesMethod(), request, response, () -> {
      var devices = directory.devices(CallContext.caller(), UserName.fromResourceName("name", request.getName()));
      return ListDevicesResponse.newBuilder().addAllDevices(devices.stream().map(Protos::toProto).toList()).build();
    });
  }

  @Override
  public void wipeDevice(WipeDeviceRequest request, StreamObserver<WipeDeviceResponse> response) {
    handle(AccountAdminGrpc.getWipeDeviceMethod(), request, request.getRequestId(), response, () -> {
      var deviceId = knownDevice(request.getName(), request.getDeviceId());
      // By hand (no procedure mark): a restore of an offboarding leaves this wipe alone.
      var changed = step(new WipeDevices(Set.of(deviceId), null), request.getName(), request.getRequestId(),
          request.getValidateOnly());
      return WipeDeviceResponse.newBuilder().setStep(step(changed)).build();
    });
  }

  @Override
  public void removeGroupMemberships(RemoveGroupMembershipsRequest request,
      StreamObserver<RemoveGroupMembershipsResponse> response) {
    handle(AccountAdminGrpc.getRemoveGroupMembershipsMethod(), request, request.getRequestId(), response, () -> {
      var changed = step(new RemoveGroupMemberships(false), request.getName(), request.getRequestId(),
          request.getValidateOnly());
      return RemoveGroupMembershipsResponse.newBuilder().setStep(step(changed)).setUser(user(changed)).build();
    });
  }

  @Override
  public void blockDevice(BlockDeviceRequest request, StreamObserver<BlockDeviceResponse> response) {
    handle(AccountAdminGrpc.getBlockDeviceMethod(), request, request.getRequestId(), response, () -> {
      var deviceId = knownDevice(request.getName(), request.getDeviceId());
      var changed = step(new BlockDevices(Set.of(deviceId), null), request.getName(), request.getRequestId(),
          request.getValidateOnly());
      return BlockDeviceResponse.newBuilder().setStep(step(changed)).build();
    });
  }

  /** The device id, if the user has such a device; DEVICE_NOT_FOUND otherwise. */
  private String knownDevice(String name, String deviceId) {
    if (deviceId.isEmpty()) {
      throw DirectoryException.invalid(FieldViolation.required("device_id"));
    }
    var user = UserName.fromResourceName("name", name);
    if (directory.devices(CallContext.caller(), user).stream().noneMatch(d -> d.deviceId().equals(deviceId))) {
      throw DirectoryException.of(Reason.DEVICE_NOT_FOUND, "user", user.value(), "deviceId", deviceId);
    }
    return deviceId;
  }

  @Override
  public void removeLicences(RemoveLicencesRequest request,
      StreamObserver<RemoveLicencesResponse> response) {
    handle(AccountAdminGrpc.getRemoveLicencesMethod(), request, request.getRequestId(), response, () -> {
      var changed = step(new RemoveLicences(false), request.getName(), request.getRequestId(),
          request.getValidateOnly());
      return RemoveLicencesResponse.newBuilder().setStep(step(changed)).setUser(user(changed)).build();
    });
  }

  @Override
  public void listGroups(ListGroupsRequest request,
      StreamObserver<ListGroupsResponse> response) {
    handle(AccountAdminGrpc.getListGroupsMethod(), request, response, () -> {
      var proto = ListGroupsResponse.newBuilder();
      directory.groups(CallContext.caller()).forEach(g -> proto.addGroups(MembershipProtos.toProto(g)));
      return proto.build();
    });
  }

  @Override
  public void listLicences(ListLicencesRequest request,
      StreamObserver<ListLicencesResponse> response) {
    handle(AccountAdminGrpc.getListLicencesMethod(), request, response, () -> {
      var proto = ListLicencesResponse.newBuilder();
      directory.licences(CallContext.caller()).forEach(l -> proto.addLicences(MembershipProtos.toProto(l)));
      return proto.build();
    });
  }

  @Override
  public void listUserMemberships(ListUserMembershipsRequest request,
      StreamObserver<ListUserMembershipsResponse> response) {
    handle(AccountAdminGrpc.getListUserMembershipsMethod(), request, response, () ->
        MembershipProtos.toProto(directory.memberships(CallContext.caller(),
            UserName.fromResourceName("name", request.getName()))));
  }

  @Override
  public void allowSignIn(AllowSignInRequest request, StreamObserver<AllowSignInResponse> response) {
    handle(AccountAdminGrpc.getAllowSignInMethod(), request, request.getRequestId(), response, () -> {
      var changed = step(new AllowSignIn(), request.getName(), request.getRequestId(), request.getValidateOnly());
      return AllowSignInResponse.newBuilder().setStep(step(changed)).setUser(user(changed)).build();
    });
  }

  @Override
  public void resetPassword(ResetPasswordRequest request, StreamObserver<ResetPasswordResponse> response) {
    handle(AccountAdminGrpc.getResetPasswordMethod(), request, request.getRequestId(), response, () -> {
      var name = UserName.fromResourceName("name", request.getName());
      var params = request.getUndisclosed() && request.getPassword().isEmpty()
          ? directory.prepareUndisclosedPassword(name, request.getValidateOnly())
          : directory.preparePassword(name, request.getPassword(), !request.getSkipChangeAtNextSignIn(), request.getValidateOnly());
      var changed = directory.runStep(CallContext.caller(), new ResetPassword(params), name,
          requestId(request.getRequestId()), request.getValidateOnly());
      return ResetPasswordResponse.newBuilder().setStep(step(changed)).setUser(user(changed)).build();
    });
  }

  @Override
  public void revokeSessions(RevokeSessionsRequest request, StreamObserver<RevokeSessionsResponse> response) {
    handle(AccountAdminGrpc.getRevokeSessionsMethod(), request, request.getRequestId(), response, () -> {
      var changed = step(new RevokeSessions(), request.getName(), request.getRequestId(), request.getValidateOnly());
      return RevokeSessionsResponse.newBuilder().setStep(step(changed)).setUser(user(changed)).build();
    });
  }

  @Override
  public void clearLockout(ClearLockoutRequest request, StreamObserver<ClearLockoutResponse> response) {
    handle(AccountAdminGrpc.getClearLockoutMethod(), request, request.getRequestId(), response, () -> {
      var changed = step(new ClearLockout(), request.getName(), request.getRequestId(), request.getValidateOnly());
      return ClearLockoutResponse.newBuilder().setStep(step(changed)).setUser(user(changed)).build();
    });
  }

  @Override
  public void setMailProtocols(SetMailProtocolsRequest request, StreamObserver<SetMailProtocolsResponse> response) {
    handle(AccountAdminGrpc.getSetMailProtocolsMethod(), request, request.getRequestId(), response, () -> {
      var params = new SetMailProtocols(Protos.protocols("enabled_protocols", request.getEnabledProtocolsList()));
      var changed = step(params, request.getName(), request.getRequestId(), request.getValidateOnly());
      return SetMailProtocolsResponse.newBuilder().setStep(step(changed)).setUser(user(changed)).build();
    });
  }

  @Override
  public void restrictSending(RestrictSendingRequest request, StreamObserver<RestrictSendingResponse> response) {
    handle(AccountAdminGrpc.getRestrictSendingMethod(), request, request.getRequestId(), response, () -> {
      var changed = step(new RestrictSending(), request.getName(), request.getRequestId(), request.getValidateOnly());
      return RestrictSendingResponse.newBuilder().setStep(step(changed)).setUser(user(changed)).build();
    });
  }

  @Override
  public void liftSendingRestriction(LiftSendingRestrictionRequest request, StreamObserver<LiftSendingRestrictionResponse> response) {
    handle(AccountAdminGrpc.getLiftSendingRestrictionMethod(), request, request.getRequestId(), response, () -> {
      var changed = step(new LiftSendingRestriction(), request.getName(), request.getRequestId(), request.getValidateOnly());
      return LiftSendingRestrictionResponse.newBuilder().setStep(step(changed)).setUser(user(changed)).build();
    });
  }

  @Override
  public void assignAdminRoles(AssignAdminRolesRequest request, StreamObserver<AssignAdminRolesResponse> response) {
    handle(AccountAdminGrpc.getAssignAdminRolesMethod(), request, request.getRequestId(), response, () -> {
      var roles = Protos.roles("admin_roles", request.getAdminRolesList());
      if (roles.isEmpty()) {
        throw DirectoryException.invalid(FieldViolation.required("admin_roles"));
      }
      var changed = step(new AssignAdminRoles(roles), request.getName(), request.getRequestId(), request.getValidateOnly());
      return AssignAdminRolesResponse.newBuilder().setStep(step(changed)).setUser(user(changed)).build();
    });
  }

  @Override
  public void removeAdminRoles(RemoveAdminRolesRequest request, StreamObserver<RemoveAdminRolesResponse> response) {
    handle(AccountAdminGrpc.getRemoveAdminRolesMethod(), request, request.getRequestId(), response, () -> {
      var roles = Protos.roles("admin_roles", request.getAdminRolesList());
      // Empty means all of them.
      var params = new RemoveAdminRoles(roles.isEmpty() ? java.util.EnumSet.allOf(Role.class) : roles);
      var changed = step(params, request.getName(), request.getRequestId(), request.getValidateOnly());
      return RemoveAdminRolesResponse.newBuilder().setStep(step(changed)).setUser(user(changed)).build();
    });
  }

  @Override
  public void listRestrictedSenders(ListRestrictedSendersRequest request, StreamObserver<ListRestrictedSendersResponse> response) {
    handle(AccountAdminGrpc.getListRestrictedSendersMethod(), request, response, () -> {
      var now = clock.instant();
      var page = directory.listUsers(CallContext.caller(), UserQuery.restricted(now), request.getPageSize(), request.getPageToken());
      var proto = ListRestrictedSendersResponse.newBuilder().setNextPageToken(page.nextPageToken());
      for (var user : page.users()) {
        proto.addUsers(Protos.toProto(user, page.activeSessions().getOrDefault(user.id(), 0), now));
      }
      return proto.build();
    });
  }

  @Override
  public void deleteUser(DeleteUserRequest request, StreamObserver<DeleteUserResponse> response) {
    handle(AccountAdminGrpc.getDeleteUserMethod(), request, request.getRequestId(), response, () -> {
      var changed = directory.deleteUser(CallContext.caller(), UserName.fromResourceName("name", request.getName()),
          requestId(request.getRequestId()), request.getValidateOnly());
      return DeleteUserResponse.newBuilder().setUser(user(changed)).build();
    });
  }

  @Override
  public void undeleteUser(UndeleteUserRequest request, StreamObserver<UndeleteUserResponse> response) {
    handle(AccountAdminGrpc.getUndeleteUserMethod(), request, request.getRequestId(), response, () -> {
      var changed = directory.undeleteUser(CallContext.caller(), UserName.fromResourceName("name", request.getName()),
          requestId(request.getRequestId()), request.getValidateOnly());
      return UndeleteUserResponse.newBuilder().setUser(user(changed)).build();
    });
  }

  /** Public (no token): the guide renders offline too, so it discloses nothing. */
  @Override
  public void getGuide(GetGuideRequest request, StreamObserver<GetGuideResponse> response) {
    handle(AccountAdminGrpc.getGetGuideMethod(), request, response,
        () -> GetGuideResponse.newBuilder().setGuide(GuideProtos.get(request, CallContext.locale())).build());
  }

  @Override
  public void listAuthenticationMethods(ListAuthenticationMethodsRequest request,
      StreamObserver<ListAuthenticationMethodsResponse> response) {
    handle(AccountAdminGrpc.getListAuthenticationMethodsMethod(), request, response, () -> {
      var methods = directory.methods(CallContext.caller(), UserName.fromResourceName("name", request.getName()));
      var proto = ListAuthenticationMethodsResponse.newBuilder()
          .addAllMethods(methods.methods().stream().map(Protos::toProto).toList())
          .setReregistrationRequired(methods.reregistrationRequiredSince() != null);
      if (methods.reregistrationRequiredSince() != null) {
        proto.setReregistrationRequiredTime(Protos.timestamp(methods.reregistrationRequiredSince()));
      }
      return proto.build();
    });
  }

  @Override
  public void removeAuthenticationMethods(RemoveAuthenticationMethodsRequest request,
      StreamObserver<RemoveAuthenticationMethodsResponse> response) {
    handle(AccountAdminGrpc.getRemoveAuthenticationMethodsMethod(), request, request.getRequestId(), response, () -> {
      var ids = request.getMethodId().isEmpty() ? Set.<String>of() : Set.of(knownMethod(request.getName(), request.getMethodId()));
      // By hand: not recorded for a restore, the admin's own decision (as for groups and licences).
      var changed = step(new RemoveAuthMethods(ids, false), request.getName(), request.getRequestId(), request.getValidateOnly());
      return RemoveAuthenticationMethodsResponse.newBuilder().setStep(step(changed)).setUser(user(changed)).build();
    });
  }

  /** The method id, if the user has such a method; METHOD_NOT_FOUND otherwise. */
  private String knownMethod(String name, String methodId) {
    var user = UserName.fromResourceName("name", name);
    if (directory.methods(CallContext.caller(), user).methods().stream().noneMatch(m -> m.id().equals(methodId))) {
      throw DirectoryException.of(Reason.METHOD_NOT_FOUND, "user", user.value(), "methodId", methodId);
    }
    return methodId;
  }

  @Override
  public void requireReregistration(RequireReregistrationRequest request,
      StreamObserver<RequireReregistrationResponse> response) {
    handle(AccountAdminGrpc.getRequireReregistrationMethod(), request, request.getRequestId(), response, () -> {
      var changed = step(new RequireReregistration(null), request.getName(), request.getRequestId(), request.getValidateOnly());
      return RequireReregistrationResponse.newBuilder().setStep(step(changed)).setUser(user(changed)).build();
    });
  }

  @Override
  public void liftReregistration(LiftReregistrationRequest request, StreamObserver<LiftReregistrationResponse> response) {
    handle(AccountAdminGrpc.getLiftReregistrationMethod(), request, request.getRequestId(), response, () -> {
      var changed = step(new LiftReregistration(), request.getName(), request.getRequestId(), request.getValidateOnly());
      return LiftReregistrationResponse.newBuilder().setStep(step(changed)).setUser(user(changed)).build();
    });
  }

  // The mailbox (issue 13, part 1): each change is a single step, answered with the mailbox after it.

  @Override
  public void getMailbox(GetMailboxRequest request, StreamObserver<GetMailboxResponse> response) {
    handle(AccountAdminGrpc.getGetMailboxMethod(), request, response, () -> GetMailboxResponse.newBuilder()
        .setMailbox(mailbox(request.getName())).build());
  }

  @Override
  public void setForwarding(SetForwardingRequest request, StreamObserver<SetForwardingResponse> response) {
    handle(AccountAdminGrpc.getSetForwardingMethod(), request, request.getRequestId(), response, () -> {
      if (request.getForwardTo().isEmpty()) {
        throw DirectoryException.invalid(FieldViolation.required("forward_to"));
      }
      var target = UserName.parse("forward_to", request.getForwardTo());
      var changed = step(new SetForwarding(target, request.getKeepCopy(), false), request.getName(), request.getRequestId(),
          request.getValidateOnly());
      return SetForwardingResponse.newBuilder().setStep(step(changed)).setMailbox(mailbox(request.getName())).build();
    });
  }

  @Override
  public void removeForwarding(RemoveForwardingRequest request, StreamObserver<RemoveForwardingResponse> response) {
    handle(AccountAdminGrpc.getRemoveForwardingMethod(), request, request.getRequestId(), response, () -> {
      var changed = step(new RemoveForwarding(), request.getName(), request.getRequestId(), request.getValidateOnly());
      return RemoveForwardingResponse.newBuilder().setStep(step(changed)).setMailbox(mailbox(request.getName())).build();
    });
  }

  @Override
  public void setAutomaticReplies(SetAutomaticRepliesRequest request, StreamObserver<SetAutomaticRepliesResponse> response) {
    handle(AccountAdminGrpc.getSetAutomaticRepliesMethod(), request, request.getRequestId(), response, () -> {
      var replies = request.hasReplies() ? MailboxProtos.fromProto("replies", request.getReplies()) : null;
      var changed = step(new SetAutoReplies(replies, false), request.getName(), request.getRequestId(), request.getValidateOnly());
      return SetAutomaticRepliesResponse.newBuilder().setStep(step(changed)).setMailbox(mailbox(request.getName())).build();
    });
  }

  @Override
  public void convertToSharedMailbox(ConvertToSharedMailboxRequest request,
      StreamObserver<ConvertToSharedMailboxResponse> response) {
    handle(AccountAdminGrpc.getConvertToSharedMailboxMethod(), request, request.getRequestId(), response, () -> {
      var delegates = new java.util.ArrayList<UserName>();
      for (int i = 0; i < request.getDelegatesCount(); i++) {
        delegates.add(UserName.parse("delegates[" + i + "]", request.getDelegates(i)));
      }
      var changed = step(new ConvertToShared(delegates, false), request.getName(), request.getRequestId(),
          request.getValidateOnly());
      return ConvertToSharedMailboxResponse.newBuilder().setStep(step(changed)).setMailbox(mailbox(request.getName())).build();
    });
  }

  @Override
  public void convertToUserMailbox(ConvertToUserMailboxRequest request, StreamObserver<ConvertToUserMailboxResponse> response) {
    handle(AccountAdminGrpc.getConvertToUserMailboxMethod(), request, request.getRequestId(), response, () -> {
      var changed = step(new ConvertToUserMailbox(false), request.getName(), request.getRequestId(), request.getValidateOnly());
      return ConvertToUserMailboxResponse.newBuilder().setStep(step(changed)).setMailbox(mailbox(request.getName())).build();
    });
  }

  @Override
  public void setAddressListVisibility(SetAddressListVisibilityRequest request,
      StreamObserver<SetAddressListVisibilityResponse> response) {
    handle(AccountAdminGrpc.getSetAddressListVisibilityMethod(), request, request.getRequestId(), response, () -> {
      Step step = request.getHidden() ? new HideFromAddressList(false) : new ShowInAddressList(false);
      var changed = step(step, request.getName(), request.getRequestId(), request.getValidateOnly());
      return SetAddressListVisibilityResponse.newBuilder().setStep(step(changed)).setMailbox(mailbox(request.getName())).build();
    });
  }

  @Override
  public void listInboxRules(ListInboxRulesRequest request, StreamObserver<ListInboxRulesResponse> response) {
    handle(AccountAdminGrpc.getListInboxRulesMethod(), request, response, () -> ListInboxRulesResponse.newBuilder()
        .addAllRules(directory.mailbox(CallContext.caller(), UserName.fromResourceName("name", request.getName()))
            .rules().stream().map(MailboxProtos::toProto).toList())
        .build());
  }

  @Override
  public void removeFlaggedInboxRules(RemoveFlaggedInboxRulesRequest request,
      StreamObserver<RemoveFlaggedInboxRulesResponse> response) {
    handle(AccountAdminGrpc.getRemoveFlaggedInboxRulesMethod(), request, request.getRequestId(), response, () -> {
      var changed = step(new RemoveFlaggedInboxRules(false), request.getName(), request.getRequestId(),
          request.getValidateOnly());
      return RemoveFlaggedInboxRulesResponse.newBuilder().setStep(step(changed)).setMailbox(mailbox(request.getName())).build();
    });
  }

  @Override
  public void setLitigationHold(SetLitigationHoldRequest request, StreamObserver<SetLitigationHoldResponse> response) {
    handle(AccountAdminGrpc.getSetLitigationHoldMethod(), request, request.getRequestId(), response, () -> {
      Step step = request.getOnHold() ? new PlaceLitigationHold(false) : new RemoveLitigationHold(false);
      var changed = step(step, request.getName(), request.getRequestId(), request.getValidateOnly());
      return SetLitigationHoldResponse.newBuilder().setStep(step(changed)).setMailbox(mailbox(request.getName())).build();
    });
  }

  private dev.accountadmin.v1.MailboxSettings mailbox(String name) {
    return MailboxProtos.toProto(directory.mailbox(CallContext.caller(), UserName.fromResourceName("name", name)));
  }

  private Directory.Changed step(Step step, String name, String requestId, boolean validateOnly) {
    return directory.runStep(CallContext.caller(), step, UserName.fromResourceName("name", name),
        requestId(requestId), validateOnly);
  }

  private static StepResult step(Directory.Changed changed) {
    return Protos.toProto(changed.step(), changed.user());
  }

  private User user(Directory.Changed changed) {
    return Protos.toProto(changed.user(), changed.activeSessions(), clock.instant());
  }

  /** A request_id is empty or a UUID (AIP-155). */
  static String requestId(String value) {
    if (value.isEmpty()) {
      return "";
    }
    try {
      UUID.fromString(value);
      return value;
    } catch (IllegalArgumentException e) {
      throw DirectoryException.invalid(FieldViolation.of("request_id", "MALFORMED_REQUEST_ID", value));
    }
  }

  /** A preferred language is empty (English) or one of the supported languages. */
  static String language(String tag) {
    if (tag.isEmpty()) {
      return "en";
    }
    var language = java.util.Locale.forLanguageTag(tag).getLanguage();
    if (!dev.accountadmin.i18n.Locales.SUPPORTED.contains(java.util.Locale.forLanguageTag(language))) {
      throw DirectoryException.invalid(FieldViolation.of("user.preferred_language", "UNSUPPORTED_LANGUAGE", tag));
    }
    return language;
  }

  // Templates and scheduled offboardings (issue 13, parts 5 and 7).

  @Override
  public void scheduleOffboarding(ScheduleOffboardingRequest request, StreamObserver<ScheduleOffboardingResponse> response) {
    handle(AccountAdminGrpc.getScheduleOffboardingMethod(), request, request.getRequestId(), response, () -> {
      var caller = CallContext.caller();
      var name = UserName.fromResourceName("name", request.getName());
      var when = ScheduleProtos.when("when", request.getWhen());
      var effective = scheduling.options().refine(request.getOptions());
      // Bad options fail the call before anything is stored; the plan shows what will run.
      var plan = procedures.offboard(caller, name, null, StepOptionProtos.choices("options", effective.options()), "", true, null);
      var scheduled = scheduling.schedules().schedule(caller, name, when, effective.options().toByteArray(),
          effective.templateVersion(), request.getRequestId(), request.getValidateOnly());
      return ScheduleOffboardingResponse.newBuilder().setScheduledOffboarding(ScheduleProtos.toProto(scheduled))
          .setPlan(Protos.toProto(plan)).build();
    });
  }

  @Override
  public void getScheduledOffboarding(GetScheduledOffboardingRequest request,
      StreamObserver<GetScheduledOffboardingResponse> response) {
    handle(AccountAdminGrpc.getGetScheduledOffboardingMethod(), request, response, () -> GetScheduledOffboardingResponse.newBuilder()
        .setScheduledOffboarding(ScheduleProtos.toProto(
            scheduling.schedules().get(CallContext.caller(), ScheduleProtos.id("name", request.getName())))).build());
  }

  @Override
  public void listScheduledOffboardings(ListScheduledOffboardingsRequest request,
      StreamObserver<ListScheduledOffboardingsResponse> response) {
    handle(AccountAdminGrpc.getListScheduledOffboardingsMethod(), request, response, () -> {
      var user = request.getUser().isEmpty() ? null : UserName.fromResourceName("user", request.getUser());
      var found = scheduling.schedules().list(CallContext.caller(), ScheduleProtos.fromProto(request.getState()), user);
      return ListScheduledOffboardingsResponse.newBuilder()
          .addAllScheduledOffboardings(found.stream().map(ScheduleProtos::toProto).toList()).build();
    });
  }

  @Override
  public void updateScheduledOffboarding(UpdateScheduledOffboardingRequest request,
      StreamObserver<UpdateScheduledOffboardingResponse> response) {
    handle(AccountAdminGrpc.getUpdateScheduledOffboardingMethod(), request, request.getRequestId(), response, () -> {
      var id = ScheduleProtos.id("name", request.getName());
      var when = request.hasWhen() ? ScheduleProtos.when("when", request.getWhen()) : null;
      byte[] options = null;
      if (request.hasOptions()) {
        StepOptionProtos.choices("options", request.getOptions());
        options = request.getOptions().toByteArray();
      }
      return UpdateScheduledOffboardingResponse.newBuilder().setScheduledOffboarding(ScheduleProtos.toProto(
          scheduling.schedules().update(CallContext.caller(), id, when, options, request.getExpectedVersion(),
              request.getRequestId(), request.getValidateOnly()))).build();
    });
  }

  @Override
  public void cancelScheduledOffboarding(CancelScheduledOffboardingRequest request,
      StreamObserver<CancelScheduledOffboardingResponse> response) {
    handle(AccountAdminGrpc.getCancelScheduledOffboardingMethod(), request, request.getRequestId(), response, () ->
        CancelScheduledOffboardingResponse.newBuilder().setScheduledOffboarding(ScheduleProtos.toProto(
            scheduling.schedules().cancel(CallContext.caller(), ScheduleProtos.id("name", request.getName()),
                request.getExpectedVersion(), request.getRequestId()))).build());
  }

  @Override
  public void getOffboardingTemplate(GetOffboardingTemplateRequest request,
      StreamObserver<GetOffboardingTemplateResponse> response) {
    handle(AccountAdminGrpc.getGetOffboardingTemplateMethod(), request, response, () ->
        GetOffboardingTemplateResponse.newBuilder().setTemplate(scheduling.templates().get(CallContext.caller())
            .map(ScheduleProtos::toProto).orElse(OffboardingTemplate.getDefaultInstance())).build());
  }

  @Override
  public void updateOffboardingTemplate(UpdateOffboardingTemplateRequest request,
      StreamObserver<UpdateOffboardingTemplateResponse> response) {
    handle(AccountAdminGrpc.getUpdateOffboardingTemplateMethod(), request, request.getRequestId(), response, () -> {
      // A template that would fail every request is refused now, naming the field.
      StepOptionProtos.choices("options", request.getOptions());
      return UpdateOffboardingTemplateResponse.newBuilder().setTemplate(ScheduleProtos.toProto(scheduling.templates().update(
          CallContext.caller(), request.getOptions().toByteArray(), request.getExpectedVersion(), request.getRequestId(),
          request.getValidateOnly()))).build();
    });
  }

  @Override
  public void listOffboardingTemplateVersions(ListOffboardingTemplateVersionsRequest request,
      StreamObserver<ListOffboardingTemplateVersionsResponse> response) {
    handle(AccountAdminGrpc.getListOffboardingTemplateVersionsMethod(), request, response, () ->
        ListOffboardingTemplateVersionsResponse.newBuilder().addAllVersions(
            scheduling.templates().versions(CallContext.caller()).stream().map(ScheduleProtos::toProto).toList()).build());
  }

  @Override
  public void setUserTimeZone(SetUserTimeZoneRequest request, StreamObserver<SetUserTimeZoneResponse> response) {
    handle(AccountAdminGrpc.getSetUserTimeZoneMethod(), request, request.getRequestId(), response, () -> {
      var zone = request.getTimeZone().isEmpty() ? null : ScheduleProtos.zone("time_zone", request.getTimeZone());
      var now = scheduling.schedules().setUserTimeZone(CallContext.caller(),
          UserName.fromResourceName("name", request.getName()), zone, request.getRequestId());
      return SetUserTimeZoneResponse.newBuilder().setTimeZone(now.getId()).build();
    });
  }
}
