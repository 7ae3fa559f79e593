package dev.accountadmin.server;

import dev.accountadmin.domain.AuditQuery;
import dev.accountadmin.domain.Action;
import dev.accountadmin.domain.Directory;
import dev.accountadmin.failure.DirectoryException;
import dev.accountadmin.failure.FieldViolation;
import dev.accountadmin.domain.NewUser;
import dev.accountadmin.domain.ProcedureResult;
import dev.accountadmin.domain.Procedures;
import dev.accountadmin.domain.AllowSignIn;
import dev.accountadmin.domain.AssignAdminRoles;
import dev.accountadmin.domain.BlockSignIn;
import dev.accountadmin.domain.ClearLockout;
import dev.accountadmin.domain.LiftSendingRestriction;
import dev.accountadmin.domain.RemoveAdminRoles;
import dev.accountadmin.domain.ResetPassword;
import dev.accountadmin.domain.RestrictSending;
import dev.accountadmin.domain.RevokeSessions;
import dev.accountadmin.domain.SetMailProtocols;
import dev.accountadmin.domain.Step;
import dev.accountadmin.domain.UserName;
import dev.accountadmin.domain.UserQuery;
import dev.accountadmin.v1.AccountAdminGrpc;
import dev.accountadmin.v1.AllowSignInRequest;
import dev.accountadmin.v1.AllowSignInResponse;
import dev.accountadmin.v1.AssignAdminRolesRequest;
import dev.accountadmin.v1.AssignAdminRolesResponse;
import dev.accountadmin.v1.BatchOffboardUsersRequest;
import dev.accountadmin.v1.BatchOffboardUsersResponse;
import dev.accountadmin.v1.GetBatchRequest;
import dev.accountadmin.v1.GetBatchResponse;
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
import dev.accountadmin.v1.GetGuideRequest;
import dev.accountadmin.v1.GetGuideResponse;
import dev.accountadmin.v1.GetUserRequest;
import dev.accountadmin.v1.GetUserResponse;
import dev.accountadmin.v1.LiftSendingRestrictionRequest;
import dev.accountadmin.v1.LiftSendingRestrictionResponse;
import dev.accountadmin.v1.ListAuditEventsRequest;
import dev.accountadmin.v1.ListAuditEventsResponse;
import dev.accountadmin.v1.ListRestrictedSendersRequest;
import dev.accountadmin.v1.ListRestrictedSendersResponse;
import dev.accountadmin.v1.ListUsersRequest;
import dev.accountadmin.v1.ListUsersResponse;
import dev.accountadmin.v1.OffboardUserRequest;
import dev.accountadmin.v1.OffboardUserResponse;
import dev.accountadmin.v1.RemoveAdminRolesRequest;
import dev.accountadmin.v1.RemoveAdminRolesResponse;
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
import dev.accountadmin.v1.TargetTier;
import dev.accountadmin.v1.UndeleteUserRequest;
import dev.accountadmin.v1.UndeleteUserResponse;
import dev.accountadmin.v1.UnlockUserRequest;
import dev.accountadmin.v1.UnlockUserResponse;
import dev.accountadmin.v1.User;
import dev.accountadmin.v1.VerifyAuditLogRequest;
import dev.accountadmin.v1.VerifyAuditLogResponse;
import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;

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

  AccountAdminService(Directory directory, Procedures procedures, BatchOffboard batches, Idempotency idempotency, Clock clock) {
    this.directory = directory;
    this.procedures = procedures;
    this.batches = batches;
    this.idempotency = idempotency;
    this.clock = clock;
  }

  @Override
  public void unlockUser(UnlockUserRequest request, StreamObserver<UnlockUserResponse> response) {
    reply(response, idempotent(request.getRequestId(), "UnlockUser", request, UnlockUserResponse.parser(), () -> {
      var result = procedures.unlock(CallContext.caller(), UserName.fromResourceName("name", request.getName()),
          request.getResetPassword(), request.getRequestId(), request.getValidateOnly());
      return UnlockUserResponse.newBuilder().setResult(Protos.toProto(result)).setUser(user(result)).build();
    }));
  }

  @Override
  public void secureCompromisedUser(SecureCompromisedUserRequest request, StreamObserver<SecureCompromisedUserResponse> response) {
    reply(response, idempotent(request.getRequestId(), "SecureCompromisedUser", request, SecureCompromisedUserResponse.parser(), () -> {
      var result = procedures.secureCompromised(CallContext.caller(), UserName.fromResourceName("name", request.getName()),
          request.getLiftSendingRestriction(), request.getRequestId(), request.getValidateOnly());
      return SecureCompromisedUserResponse.newBuilder().setResult(Protos.toProto(result)).setUser(user(result)).build();
    }));
  }

  @Override
  public void offboardUser(OffboardUserRequest request, StreamObserver<OffboardUserResponse> response) {
    reply(response, idempotent(request.getRequestId(), "OffboardUser", request, OffboardUserResponse.parser(), () -> {
      var result = procedures.offboard(CallContext.caller(), UserName.fromResourceName("name", request.getName()),
          request.getPassword(), request.getRequestId(), request.getValidateOnly(), null);
      return OffboardUserResponse.newBuilder().setResult(Protos.toProto(result)).setUser(user(result)).build();
    }));
  }

  @Override
  public void restoreUser(RestoreUserRequest request, StreamObserver<RestoreUserResponse> response) {
    reply(response, idempotent(request.getRequestId(), "RestoreUser", request, RestoreUserResponse.parser(), () -> {
      var result = procedures.restore(CallContext.caller(), UserName.fromResourceName("name", request.getName()),
          request.getRequestId(), request.getValidateOnly());
      return RestoreUserResponse.newBuilder().setResult(Protos.toProto(result)).setUser(user(result)).build();
    }));
  }

  @Override
  public void batchOffboardUsers(BatchOffboardUsersRequest request, StreamObserver<BatchOffboardUsersResponse> response) {
    batches.run(CallContext.caller(), request, response);
  }

  @Override
  public void getBatch(GetBatchRequest request, StreamObserver<GetBatchResponse> response) {
    var caller = CallContext.caller();
    directory.requireAnyRole(caller);
    reply(response, batches.get(caller, request.getBatchId()));
  }

  private <T extends com.google.protobuf.Message> T idempotent(String requestId, String method,
      com.google.protobuf.Message request, com.google.protobuf.Parser<T> parser, java.util.function.Supplier<T> work) {
    return idempotency.run(CallContext.caller(), requestId(requestId), method, request, parser, work);
  }

  private dev.accountadmin.v1.User user(ProcedureResult result) {
    return Protos.toProto(result.user(), result.activeSessions(), clock.instant());
  }

  @Override
  public void checkPermission(CheckPermissionRequest request, StreamObserver<CheckPermissionResponse> response) {
    if (request.getAction() == dev.accountadmin.v1.Action.ACTION_UNSPECIFIED || request.getAction() == dev.accountadmin.v1.Action.UNRECOGNIZED) {
      throw DirectoryException.invalid(new FieldViolation("action", "UNSPECIFIED_ENUM", Map.of("field", "action")));
    }
    var action = Action.valueOf(request.getAction().name().substring("ACTION_".length()));
    var check = directory.checkPermission(CallContext.caller(), action, UserName.fromResourceName("name", request.getName()));
    response.onNext(CheckPermissionResponse.newBuilder()
        .setAllowed(check.allowed())
        .addAllRequiredRoles(Protos.roles(check.requiredRoles()))
        .addAllCallerRoles(Protos.roles(check.callerRoles()))
        .setTargetTier(TargetTier.valueOf("TARGET_TIER_" + check.tier().name()))
        .build());
    response.onCompleted();
  }

  @Override
  public void listAuditEvents(ListAuditEventsRequest request, StreamObserver<ListAuditEventsResponse> response) {
    Action action = null;
    if (request.getAction() == dev.accountadmin.v1.Action.UNRECOGNIZED) {
      throw DirectoryException.invalid(new FieldViolation("action", "UNSPECIFIED_ENUM", Map.of("field", "action")));
    }
    if (request.getAction() != dev.accountadmin.v1.Action.ACTION_UNSPECIFIED) {
      action = Action.valueOf(request.getAction().name().substring("ACTION_".length()));
    }
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
    response.onNext(proto.build());
    response.onCompleted();
  }

  @Override
  public void verifyAuditLog(VerifyAuditLogRequest request, StreamObserver<VerifyAuditLogResponse> response) {
    var verification = directory.verifyAudit(CallContext.caller());
    response.onNext(VerifyAuditLogResponse.newBuilder()
        .setValid(verification.valid())
        .setCheckedCount(verification.checked())
        .setFirstBrokenSequence(verification.firstBroken())
        .build());
    response.onCompleted();
  }

  @Override
  public void createUser(CreateUserRequest request, StreamObserver<CreateUserResponse> response) {
    reply(response, idempotent(request.getRequestId(), "CreateUser", request, CreateUserResponse.parser(), () -> {
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
    }));
  }

  @Override
  public void getUser(GetUserRequest request, StreamObserver<GetUserResponse> response) {
    var found = directory.getUser(CallContext.caller(), UserName.fromResourceName("name", request.getName()));
    response.onNext(GetUserResponse.newBuilder()
        .setUser(Protos.toProto(found.user(), found.activeSessions(), clock.instant()))
        .build());
    response.onCompleted();
  }

  @Override
  public void listUsers(ListUsersRequest request, StreamObserver<ListUsersResponse> response) {
    var now = clock.instant();
    var query = UserQuery.parse("filter", request.getFilter(), now);
    var page = directory.listUsers(CallContext.caller(), query, request.getPageSize(), request.getPageToken());
    var proto = ListUsersResponse.newBuilder().setNextPageToken(page.nextPageToken());
    for (var user : page.users()) {
      proto.addUsers(Protos.toProto(user, page.activeSessions().getOrDefault(user.id(), 0), now));
    }
    response.onNext(proto.build());
    response.onCompleted();
  }

  @Override
  public void blockSignIn(BlockSignInRequest request, StreamObserver<BlockSignInResponse> response) {
    reply(response, idempotent(request.getRequestId(), "BlockSignIn", request, BlockSignInResponse.parser(), () -> {
      var changed = step(new BlockSignIn(), request.getName(), request.getRequestId(), request.getValidateOnly());
      return BlockSignInResponse.newBuilder().setStep(step(changed)).setUser(user(changed)).build();
    }));
  }

  @Override
  public void allowSignIn(AllowSignInRequest request, StreamObserver<AllowSignInResponse> response) {
    reply(response, idempotent(request.getRequestId(), "AllowSignIn", request, AllowSignInResponse.parser(), () -> {
      var changed = step(new AllowSignIn(), request.getName(), request.getRequestId(), request.getValidateOnly());
      return AllowSignInResponse.newBuilder().setStep(step(changed)).setUser(user(changed)).build();
    }));
  }

  @Override
  public void resetPassword(ResetPasswordRequest request, StreamObserver<ResetPasswordResponse> response) {
    reply(response, idempotent(request.getRequestId(), "ResetPassword", request, ResetPasswordResponse.parser(), () -> {
      var name = UserName.fromResourceName("name", request.getName());
      var params = request.getUndisclosed() && request.getPassword().isEmpty()
          ? directory.prepareUndisclosedPassword(request.getValidateOnly())
          : directory.preparePassword(name, request.getPassword(), !request.getSkipChangeAtNextSignIn(), request.getValidateOnly());
      var changed = directory.runStep(CallContext.caller(), new ResetPassword(params), name,
          requestId(request.getRequestId()), request.getValidateOnly());
      return ResetPasswordResponse.newBuilder().setStep(step(changed)).setUser(user(changed)).build();
    }));
  }

  @Override
  public void revokeSessions(RevokeSessionsRequest request, StreamObserver<RevokeSessionsResponse> response) {
    reply(response, idempotent(request.getRequestId(), "RevokeSessions", request, RevokeSessionsResponse.parser(), () -> {
      var changed = step(new RevokeSessions(), request.getName(), request.getRequestId(), request.getValidateOnly());
      return RevokeSessionsResponse.newBuilder().setStep(step(changed)).setUser(user(changed)).build();
    }));
  }

  @Override
  public void clearLockout(ClearLockoutRequest request, StreamObserver<ClearLockoutResponse> response) {
    reply(response, idempotent(request.getRequestId(), "ClearLockout", request, ClearLockoutResponse.parser(), () -> {
      var changed = step(new ClearLockout(), request.getName(), request.getRequestId(), request.getValidateOnly());
      return ClearLockoutResponse.newBuilder().setStep(step(changed)).setUser(user(changed)).build();
    }));
  }

  @Override
  public void setMailProtocols(SetMailProtocolsRequest request, StreamObserver<SetMailProtocolsResponse> response) {
    reply(response, idempotent(request.getRequestId(), "SetMailProtocols", request, SetMailProtocolsResponse.parser(), () -> {
      var params = new SetMailProtocols(Protos.protocols("enabled_protocols", request.getEnabledProtocolsList()));
      var changed = step(params, request.getName(), request.getRequestId(), request.getValidateOnly());
      return SetMailProtocolsResponse.newBuilder().setStep(step(changed)).setUser(user(changed)).build();
    }));
  }

  @Override
  public void restrictSending(RestrictSendingRequest request, StreamObserver<RestrictSendingResponse> response) {
    reply(response, idempotent(request.getRequestId(), "RestrictSending", request, RestrictSendingResponse.parser(), () -> {
      var changed = step(new RestrictSending(), request.getName(), request.getRequestId(), request.getValidateOnly());
      return RestrictSendingResponse.newBuilder().setStep(step(changed)).setUser(user(changed)).build();
    }));
  }

  @Override
  public void liftSendingRestriction(LiftSendingRestrictionRequest request, StreamObserver<LiftSendingRestrictionResponse> response) {
    reply(response, idempotent(request.getRequestId(), "LiftSendingRestriction", request, LiftSendingRestrictionResponse.parser(), () -> {
      var changed = step(new LiftSendingRestriction(), request.getName(), request.getRequestId(), request.getValidateOnly());
      return LiftSendingRestrictionResponse.newBuilder().setStep(step(changed)).setUser(user(changed)).build();
    }));
  }

  @Override
  public void assignAdminRoles(AssignAdminRolesRequest request, StreamObserver<AssignAdminRolesResponse> response) {
    reply(response, idempotent(request.getRequestId(), "AssignAdminRoles", request, AssignAdminRolesResponse.parser(), () -> {
      var roles = Protos.roles("admin_roles", request.getAdminRolesList());
      if (roles.isEmpty()) {
        throw DirectoryException.invalid(FieldViolation.required("admin_roles"));
      }
      var changed = step(new AssignAdminRoles(roles), request.getName(), request.getRequestId(), request.getValidateOnly());
      return AssignAdminRolesResponse.newBuilder().setStep(step(changed)).setUser(user(changed)).build();
    }));
  }

  @Override
  public void removeAdminRoles(RemoveAdminRolesRequest request, StreamObserver<RemoveAdminRolesResponse> response) {
    reply(response, idempotent(request.getRequestId(), "RemoveAdminRoles", request, RemoveAdminRolesResponse.parser(), () -> {
      var roles = Protos.roles("admin_roles", request.getAdminRolesList());
      // Empty means all of them.
      var params = new RemoveAdminRoles(roles.isEmpty() ? java.util.EnumSet.allOf(dev.accountadmin.domain.Role.class) : roles);
      var changed = step(params, request.getName(), request.getRequestId(), request.getValidateOnly());
      return RemoveAdminRolesResponse.newBuilder().setStep(step(changed)).setUser(user(changed)).build();
    }));
  }

  @Override
  public void listRestrictedSenders(ListRestrictedSendersRequest request, StreamObserver<ListRestrictedSendersResponse> response) {
    var now = clock.instant();
    var page = directory.listUsers(CallContext.caller(), UserQuery.restricted(now), request.getPageSize(), request.getPageToken());
    var proto = ListRestrictedSendersResponse.newBuilder().setNextPageToken(page.nextPageToken());
    for (var user : page.users()) {
      proto.addUsers(Protos.toProto(user, page.activeSessions().getOrDefault(user.id(), 0), now));
    }
    reply(response, proto.build());
  }

  @Override
  public void deleteUser(DeleteUserRequest request, StreamObserver<DeleteUserResponse> response) {
    reply(response, idempotent(request.getRequestId(), "DeleteUser", request, DeleteUserResponse.parser(), () -> {
      var changed = directory.deleteUser(CallContext.caller(), UserName.fromResourceName("name", request.getName()),
          requestId(request.getRequestId()), request.getValidateOnly());
      return DeleteUserResponse.newBuilder().setUser(user(changed)).build();
    }));
  }

  @Override
  public void undeleteUser(UndeleteUserRequest request, StreamObserver<UndeleteUserResponse> response) {
    reply(response, idempotent(request.getRequestId(), "UndeleteUser", request, UndeleteUserResponse.parser(), () -> {
      var changed = directory.undeleteUser(CallContext.caller(), UserName.fromResourceName("name", request.getName()),
          requestId(request.getRequestId()), request.getValidateOnly());
      return UndeleteUserResponse.newBuilder().setUser(user(changed)).build();
    }));
  }

  /** Public (no token): the guide renders offline too, so it discloses nothing. */
  @Override
  public void getGuide(GetGuideRequest request, StreamObserver<GetGuideResponse> response) {
    reply(response, GetGuideResponse.newBuilder().setGuide(GuideProtos.get(request, CallContext.locale())).build());
  }

  private Directory.Changed step(Step step, String name, String requestId, boolean validateOnly) {
    return directory.runStep(CallContext.caller(), step, UserName.fromResourceName("name", name),
        requestId(requestId), validateOnly);
  }

  private static dev.accountadmin.v1.StepResult step(Directory.Changed changed) {
    return Protos.toProto(changed.step(), changed.user());
  }

  private dev.accountadmin.v1.User user(Directory.Changed changed) {
    return Protos.toProto(changed.user(), changed.activeSessions(), clock.instant());
  }

  private static <T> void reply(StreamObserver<T> response, T message) {
    response.onNext(message);
    response.onCompleted();
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
}
