package dev.accountadmin.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Generated secrets (passwords, refresh tokens) from one {@link SecureRandom}, and their digests. */
public final class Secrets {
  // No 0/O, 1/l/I: a temporary password is read aloud or typed from a screen.
  private static final String UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
  private static final String LOWER = "abcdefghijkmnopqrstuvwxyz";
  private static final String DIGITS = "23456789";
  private static final String SYMBOLS = "!#%+-=?@";
  private static final String ALL = UPPER + LOWER + DIGITS + SYMBOLS;

  private final SecureRandom random;

  public Secrets(SecureRandom random) {
    this.random = random;
  }

  public SecureRandom random() {
    return random;
  }

  /** A 16-character temporary password with every character class, for a person to type once. */
  public String temporaryPassword() {
    var chars = new char[16];
    chars[0] = pick(UPPER);
    chars[1] = pick(LOWER);
    chars[2] = pick(DIGITS);
    chars[3] = pick(SYMBOLS);
    for (int i = 4; i < chars.length; i++) {
      chars[i] = pick(ALL);
    }
    for (int i = chars.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      char swap = chars[i];
      chars[i] = chars[j];
      chars[j] = swap;
    }
    return new String(chars);
  }

  /** 256 random bits, URL-safe: refresh tokens and other bearer secrets. */
  public String token() {
    var bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** SHA-256 hex of a high-entropy token; enough for look-ups, as the token cannot be guessed. */
  public static String sha256(String token) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private char pick(String alphabet) {
    return alphabet.charAt(random.nextInt(alphabet.length()));
  }
}
