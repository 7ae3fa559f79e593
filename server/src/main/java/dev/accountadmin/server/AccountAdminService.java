package dev.accountadmin.server;

import dev.accountadmin.server.directory.Directory;
import dev.accountadmin.server.directory.DirectoryException;
import dev.accountadmin.server.directory.FieldViolation;
import dev.accountadmin.server.directory.NewUser;
import dev.accountadmin.server.directory.StepKind;
import dev.accountadmin.server.directory.UserName;
import dev.accountadmin.server.store.UserQuery;
import dev.accountadmin.v1.AccountAdminGrpc;
import dev.accountadmin.v1.AllowSignInRequest;
import dev.accountadmin.v1.AllowSignInResponse;
import dev.accountadmin.v1.BlockSignInRequest;
import dev.accountadmin.v1.BlockSignInResponse;
import dev.accountadmin.v1.CreateUserRequest;
import dev.accountadmin.v1.CreateUserResponse;
import dev.accountadmin.v1.GetUserRequest;
import dev.accountadmin.v1.GetUserResponse;
import dev.accountadmin.v1.ListUsersRequest;
import dev.accountadmin.v1.ListUsersResponse;
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
  private final Clock clock;

  AccountAdminService(Directory directory, Clock clock) {
    this.directory = directory;
    this.clock = clock;
  }

  @Override
  public void createUser(CreateUserRequest request, StreamObserver<CreateUserResponse> response) {
    var caller = CallContext.caller();
    var user = request.getUser();
    var name = UserName.parse("user.user_principal_name", user.getUserPrincipalName());
    if (user.getDisplayName().length() > 256) {
      throw DirectoryException.invalid(new FieldViolation("user.display_name", "TOO_LONG",
          Map.of("field", "user.display_name", "max", "256")));
    }
    var spec = new NewUser(name, user.getDisplayName(), language(user.getPreferredLanguage()),
        Protos.roles("user.admin_roles", user.getAdminRolesList()));
    var created = directory.createUser(caller, spec, requestId(request.getRequestId()), request.getValidateOnly());
    response.onNext(CreateUserResponse.newBuilder()
        .setUser(Protos.toProto(created.user(), 0, clock.instant()))
        .setTemporaryPassword(created.temporaryPassword() == null ? "" : created.temporaryPassword())
        .build());
    response.onCompleted();
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
    var changed = directory.runStep(CallContext.caller(), StepKind.BLOCK_SIGN_IN,
        UserName.fromResourceName("name", request.getName()), requestId(request.getRequestId()),
        request.getValidateOnly());
    response.onNext(BlockSignInResponse.newBuilder()
        .setStep(Protos.toProto(changed.step()))
        .setUser(Protos.toProto(changed.user(), changed.activeSessions(), clock.instant()))
        .build());
    response.onCompleted();
  }

  @Override
  public void allowSignIn(AllowSignInRequest request, StreamObserver<AllowSignInResponse> response) {
    var changed = directory.runStep(CallContext.caller(), StepKind.ALLOW_SIGN_IN,
        UserName.fromResourceName("name", request.getName()), requestId(request.getRequestId()),
        request.getValidateOnly());
    response.onNext(AllowSignInResponse.newBuilder()
        .setStep(Protos.toProto(changed.step()))
        .setUser(Protos.toProto(changed.user(), changed.activeSessions(), clock.instant()))
        .build());
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
