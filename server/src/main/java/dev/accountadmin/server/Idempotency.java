package dev.accountadmin.server;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import dev.accountadmin.server.auth.Secrets;
import dev.accountadmin.server.domain.Caller;
import dev.accountadmin.server.failure.DirectoryException;
import dev.accountadmin.server.failure.Reason;
import dev.accountadmin.server.store.Database;
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

  private final Database database;
  private final Clock clock;
  private final SecretKeySpec key;
  private final SecureRandom random;

  Idempotency(Database database, Clock clock, byte[] key, SecureRandom random) {
    this.database = database;
    this.clock = clock;
    this.key = new SecretKeySpec(key, "AES");
    this.random = random;
  }

  <T extends Message> T run(Caller caller, String requestId, String method, Message request, Parser<T> parser,
      Supplier<T> work) {
    if (requestId.isEmpty()) {
      return work.get();
    }
    var requestHash = Secrets.sha256(method + "\n" + Base64.getEncoder().encodeToString(request.toByteArray()));
    var kept = database.read(c -> {
      try (var statement = c.prepareStatement("SELECT method, request_hash, response, created_at FROM idempotency"
          + " WHERE actor = ? AND request_id = ?")) {
        statement.setString(1, caller.userId());
        statement.setString(2, requestId);
        try (var rows = statement.executeQuery()) {
          if (!rows.next() || rows.getLong(4) < clock.millis() - KEPT_FOR.toMillis()) {
            return null;
          }
          if (!rows.getString(1).equals(method) || !rows.getString(2).equals(requestHash)) {
            throw DirectoryException.of(Reason.REQUEST_ID_REUSED, "requestId", requestId);
          }
          return rows.getString(3);
        }
      }
    });
    if (kept != null) {
      try {
        return parser.parseFrom(decrypt(kept));
      } catch (InvalidProtocolBufferException e) {
        throw new IllegalStateException("a kept response does not parse", e);
      }
    }
    var response = work.get();
    database.inTransaction(c -> {
      try (var prune = c.prepareStatement("DELETE FROM idempotency WHERE created_at < ?")) {
        prune.setLong(1, clock.millis() - KEPT_FOR.toMillis());
        prune.executeUpdate();
      }
      // A concurrent twin may have stored its response first; the first one stays.
      try (var statement = c.prepareStatement("INSERT INTO idempotency (request_id, actor, method, request_hash,"
          + " response, created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (actor, request_id) DO NOTHING")) {
        statement.setString(1, requestId);
        statement.setString(2, caller.userId());
        statement.setString(3, method);
        statement.setString(4, requestHash);
        statement.setString(5, encrypt(response.toByteArray()));
        statement.setLong(6, clock.millis());
        statement.executeUpdate();
      }
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
