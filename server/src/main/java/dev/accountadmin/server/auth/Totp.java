package dev.accountadmin.server.auth;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.binary.Base32;

/**
 * Authenticator-app codes (TOTP, RFC 6238) as every authenticator app makes them: HMAC-SHA1, six
 * digits, 30-second time steps, from java-otp. A code is accepted from the current step or one
 * step either side (a phone's clock drifts, a person types slowly), and {@link #match} says which
 * step it was, so that the caller can refuse a second use of it.
 */
public final class Totp {
  /** The key length RFC 4226 recommends for HMAC-SHA1: 160 bits. */
  private static final int KEY_BYTES = 20;
  private static final int DRIFT_STEPS = 1;
  static final Duration STEP = TimeBasedOneTimePasswordGenerator.DEFAULT_TIME_STEP;

  private Totp() {}

  /** A new key from {@code random}. */
  public static byte[] newKey(SecureRandom random) {
    var key = new byte[KEY_BYTES];
    random.nextBytes(key);
    return key;
  }

  /** The key in Base32 without padding, as authenticator apps take it typed in. */
  public static String base32(byte[] key) {
    return new Base32().encodeToString(key).replace("=", "");
  }

  public static byte[] fromBase32(String text) {
    return new Base32().decode(text);
  }

  /** The otpauth URI (Key Uri Format) an authenticator app reads from a QR code. */
  public static String uri(String issuer, String account, byte[] key) {
    var label = encode(issuer) + ":" + encode(account);
    return "otpauth://totp/" + label + "?secret=" + base32(key) + "&issuer=" + encode(issuer)
        + "&algorithm=SHA1&digits=6&period=" + STEP.toSeconds();
  }

  /** The time step {@code instant} falls in. */
  public static long step(Instant instant) {
    return Math.floorDiv(instant.getEpochSecond(), STEP.toSeconds());
  }

  /** The code for the step {@code instant} falls in. */
  public static String code(byte[] key, Instant instant) {
    try {
      return new TimeBasedOneTimePasswordGenerator().generateOneTimePasswordString(
          new SecretKeySpec(key, TimeBasedOneTimePasswordGenerator.TOTP_ALGORITHM_HMAC_SHA1), instant,
          java.util.Locale.ROOT);
    } catch (InvalidKeyException e) {
      throw new IllegalStateException("an HMAC-SHA1 key of 20 bytes is valid", e);
    }
  }

  /** The time step whose code {@code code} is, near {@code now}; empty when none is. */
  public static OptionalLong match(byte[] key, String code, Instant now) {
    if (code == null || !code.matches("[0-9]{6}")) {
      return OptionalLong.empty();
    }
    long current = step(now);
    // Every candidate is computed and compared in constant time, so timing tells nothing of which matched.
    long matched = Long.MIN_VALUE;
    for (long s = current - DRIFT_STEPS; s <= current + DRIFT_STEPS; s++) {
      var expected = code(key, Instant.ofEpochSecond(s * STEP.toSeconds()));
      if (MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), code.getBytes(StandardCharsets.US_ASCII))) {
        matched = s;
      }
    }
    return matched == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(matched);
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
