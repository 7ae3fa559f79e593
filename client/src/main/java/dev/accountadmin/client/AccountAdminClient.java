package dev.accountadmin.client;

import dev.accountadmin.v1.AccountAdminGrpc;
import dev.accountadmin.v1.AuthGrpc;
import io.grpc.CallCredentials;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.io.File;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.net.ssl.SSLException;

/**
 * A Java client for AccountAdmin: one channel (plaintext to loopback, TLS otherwise), the bearer
 * token, a deadline per call, the caller's language as {@code accept-language}, and failures as
 * {@link AccountAdminException}. The {@code acctadmin} CLI is built on it.
 *
 * <pre>{@code
 * try (var client = AccountAdminClient.connect("127.0.0.1:50051", null)) {
 *   var admin = client.withToken(token).withLanguage(Locale.FRENCH);
 *   var user = admin.call(s -> s.getUser(GetUserRequest.newBuilder().setName("users/alex@contoso.com").build()));
 * }
 * }</pre>
 */
public final class AccountAdminClient implements AutoCloseable {
  static final Metadata.Key<String> ACCEPT_LANGUAGE = Metadata.Key.of("accept-language", Metadata.ASCII_STRING_MARSHALLER);
  private static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(30);

  private final ManagedChannel channel;
  private final boolean ownsChannel;
  private final String target;
  private final String token;
  private final Locale language;
  private final Duration deadline;

  private AccountAdminClient(ManagedChannel channel, boolean ownsChannel, String target, String token,
      Locale language, Duration deadline) {
    this.channel = channel;
    this.ownsChannel = ownsChannel;
    this.target = target;
    this.token = token;
    this.language = language;
    this.deadline = deadline;
  }

  /**
   * Connects to {@code host:port}. A loopback host is reached in plaintext; any other host over
   * TLS, trusting {@code caFile} when given, else the system's trust store.
   */
  public static AccountAdminClient connect(String target, File caFile) {
    var colon = target.lastIndexOf(':');
    if (colon <= 0 || colon == target.length() - 1) {
      throw new IllegalArgumentException(target);
    }
    var host = target.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port = Integer.parseInt(target.substring(colon + 1));
    var builder = NettyChannelBuilder.forAddress(host, port);
    if (isLoopback(host)) {
      builder.usePlaintext();
    } else {
      try {
        var ssl = GrpcSslContexts.forClient();
        if (caFile != null) {
          ssl.trustManager(caFile);
        }
        builder.sslContext(ssl.build());
      } catch (SSLException e) {
        throw new IllegalArgumentException("cannot read the CA file " + caFile, e);
      }
    }
    return new AccountAdminClient(builder.build(), true, target, null, Locale.ENGLISH, DEFAULT_DEADLINE);
  }

  /**
   * A client over a channel the caller made and keeps (an in-process channel to a server in the
   * same JVM, as the web portal the server hosts uses); {@link #close} leaves it open.
   */
  public static AccountAdminClient over(ManagedChannel channel, String target) {
    return new AccountAdminClient(channel, false, target, null, Locale.ENGLISH, DEFAULT_DEADLINE);
  }

  private static boolean isLoopback(String host) {
    if (host.equalsIgnoreCase("localhost")) {
      return true;
    }
    try {
      // Only literal addresses are checked: resolving a name here would be a network call.
      if (host.matches("[0-9.]+") || host.contains(":")) {
        return InetAddress.getByName(host).isLoopbackAddress();
      }
    } catch (UnknownHostException e) {
      return false;
    }
    return false;
  }

  /** The same connection, sending {@code bearer} on every call. */
  public AccountAdminClient withToken(String bearer) {
    return new AccountAdminClient(channel, false, target, bearer, language, deadline);
  }

  /** The same connection, asking for errors and guides in {@code locale}. */
  public AccountAdminClient withLanguage(Locale locale) {
    return new AccountAdminClient(channel, false, target, token, locale, deadline);
  }

  public AccountAdminClient withDeadline(Duration value) {
    return new AccountAdminClient(channel, false, target, token, language, value);
  }

  /**
   * Whether a connection to the server can be made within {@code timeout}. No call is sent, so it
   * tells an address with no server behind it from a server that refuses the caller.
   */
  public boolean reachable(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    var state = channel.getState(true);
    try {
      while (state != ConnectivityState.READY) {
        if (state == ConnectivityState.TRANSIENT_FAILURE || state == ConnectivityState.SHUTDOWN) {
          return false;
        }
        var changed = new CountDownLatch(1);
        channel.notifyWhenStateChanged(state, changed::countDown);
        long left = deadline - System.nanoTime();
        if (left <= 0 || !changed.await(left, TimeUnit.NANOSECONDS)) {
          return false;
        }
        state = channel.getState(false);
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  public String target() {
    return target;
  }

  /** Runs one AccountAdmin call; a failure comes back as {@link AccountAdminException}. */
  public <T> T call(Function<AccountAdminGrpc.AccountAdminBlockingStub, T> call) {
    return invoke(() -> call.apply(decorate(AccountAdminGrpc.newBlockingStub(channel))));
  }

  /** Runs one Auth call. */
  public <T> T auth(Function<AuthGrpc.AuthBlockingStub, T> call) {
    return invoke(() -> call.apply(decorate(AuthGrpc.newBlockingStub(channel))));
  }

  /** Runs one SelfService call (a locked-out user's recovery; no token needed). */
  public <T> T selfService(Function<dev.accountadmin.v1.SelfServiceGrpc.SelfServiceBlockingStub, T> call) {
    return invoke(() -> call.apply(decorate(dev.accountadmin.v1.SelfServiceGrpc.newBlockingStub(channel))));
  }

  /** A stub for streaming calls, with token and language attached; the caller maps errors with {@link #failure}. */
  public AccountAdminGrpc.AccountAdminBlockingStub streamingStub() {
    return decorate(AccountAdminGrpc.newBlockingStub(channel)).withDeadline(null);
  }

  public AccountAdminException failure(StatusRuntimeException e) {
    return AccountAdminException.from(e, target);
  }

  private <T> T invoke(java.util.function.Supplier<T> call) {
    try {
      return call.get();
    } catch (StatusRuntimeException e) {
      throw failure(e);
    }
  }

  private <S extends io.grpc.stub.AbstractStub<S>> S decorate(S stub) {
    var headers = new Metadata();
    headers.put(ACCEPT_LANGUAGE, language.toLanguageTag());
    var decorated = stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
        .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
    return token == null ? decorated : decorated.withCallCredentials(new Bearer(token));
  }

  @Override
  public void close() {
    if (ownsChannel) {
      // Calls still running get a few seconds to finish; then they are cancelled.
      channel.shutdown();
      try {
        if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
          channel.shutdownNow();
          channel.awaitTermination(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        channel.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Sends the bearer token; allowed over plaintext because plaintext is used only to loopback. */
  private static final class Bearer extends CallCredentials {
    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private final String token;

    Bearer(String token) {
      this.token = token;
    }

    @Override
    public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
      var headers = new Metadata();
      headers.put(AUTHORIZATION, "Bearer " + token);
      applier.apply(headers);
    }
  }
}
