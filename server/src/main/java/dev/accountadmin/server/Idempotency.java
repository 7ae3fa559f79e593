package dev.accountadmin.server;

import com.google.protobuf.Message;
import io.grpc.MethodDescriptor;
import java.io.ByteArrayInputStream;
import dev.accountadmin.server.auth.Secrets;
import dev.accountadmin.domain.Caller;
import dev.accountadmin.failure.DirectoryException;
import dev.accountadmin.failure.Reason;
import dev.accountadmin.domain.DirectoryPort;
import dev.accountadmin.domain.UnitOfWork;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Supplier;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Idempotent retries (AIP-155): the first successful response to a caller's {@code request_id}
 * is kept, and a retry with the same id and the same request gets it back instead of running
 * again. The same id with a different request is INVALID_ARGUMENT.
 *
 * <p>A kept response may hold a temporary password, so it is stored encrypted (AES-GCM, with a
 * key shared by every replica through the database) and dropped after a day.
 */
final class Idempotency {
  static final Duration KEPT_FOR = Duration.ofDays(1);
  private static final int NONCE_BYTES = 12;

  private final DirectoryPort port;
  private final Clock clock;
  private final SecretKeySpec key;
  private final SecureRandom random;

  Idempotency(DirectoryPort port, Clock clock, byte[] key, SecureRandom random) {
    this.port = port;
    this.clock = clock;
    this.key = new SecretKeySpec(key, "AES");
    this.random = random;
  }

  /**
   * The response to {@code request}, by {@code work} or kept from an earlier call with the same
   * id. Responses are kept under the method's bare name ("UnlockUser"), as they always were.
   */
  <T extends Message> T run(Caller caller, String requestId, MethodDescriptor<?, T> rpc, Message request,
      Supplier<T> work) {
    if (requestId.isEmpty()) {
      return work.get();
    }
    var method = rpc.getBareMethodName();
    var requestHash = Secrets.sha256(method + "\n" + Base64.getEncoder().encodeToString(request.toByteArray()));
    var kept = port.read(unit -> unit.keptResponses().find(caller.userId(), requestId)
        .filter(k -> !k.createdAt().isBefore(clock.instant().minus(KEPT_FOR)))
        .map(k -> {
          if (!k.method().equals(method) || !k.requestHash().equals(requestHash)) {
            throw DirectoryException.of(Reason.REQUEST_ID_REUSED, "requestId", requestId);
          }
          return k.response();
        })
        .orElse(null));
    if (kept != null) {
      return rpc.parseResponse(new ByteArrayInputStream(decrypt(kept)));
    }
    var response = work.get();
    var now = clock.instant();
    port.write(unit -> {
      unit.keptResponses().keep(caller.userId(), requestId,
          new UnitOfWork.KeptResponses.Kept(method, requestHash, encrypt(response.toByteArray()), now), now.minus(KEPT_FOR));
      return null;
    });
    return response;
  }

  private String encrypt(byte[] plain) {
    try {
      var nonce = new byte[NONCE_BYTES];
      random.nextBytes(nonce);
      var cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
      return HexFormat.of().formatHex(nonce) + ":" + Base64.getEncoder().encodeToString(cipher.doFinal(plain));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is in every JVM", e);
    }
  }

  private byte[] decrypt(String stored) {
    try {
      var parts = stored.split(":", 2);
      var cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, HexFormat.of().parseHex(parts[0])));
      return cipher.doFinal(Base64.getDecoder().decode(parts[1]));
    } catch (GeneralSecurityException e) {
      throw DirectoryException.of(Reason.INTERNAL, Map.of());
    }
  }
}
