package dev.accountadmin.server.auth;

import dev.accountadmin.failure.DirectoryException;
import dev.accountadmin.failure.Reason;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals a secret the server must read back (an authenticator's key, unlike a password, cannot be
 * hashed: sign-in needs it to compute the code) with AES-GCM under a key kept in the server
 * secrets, as kept responses are: a copy of the database alone does not give the keys away.
 */
public final class SecretBox {
  private static final int NONCE_BYTES = 12;

  private final SecretKeySpec key;
  private final SecureRandom random;

  public SecretBox(byte[] key, SecureRandom random) {
    this.key = new SecretKeySpec(key, "AES");
    this.random = random;
  }

  public String seal(byte[] plain) {
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

  public byte[] open(String sealed) {
    try {
      var parts = sealed.split(":", 2);
      var cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, HexFormat.of().parseHex(parts[0])));
      return cipher.doFinal(Base64.getDecoder().decode(parts[1]));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw DirectoryException.of(Reason.INTERNAL, Map.of());
    }
  }
}
