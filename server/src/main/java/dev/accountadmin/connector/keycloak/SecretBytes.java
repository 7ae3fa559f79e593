package dev.accountadmin.connector.keycloak;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A secret's characters written straight into a request body, without a {@code String} that would
 * stay on the heap until collected. Every intermediate buffer is wiped; the caller wipes the
 * returned bytes once the request is sent.
 */
final class SecretBytes {
  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

  private SecretBytes() {}

  /** The UTF-8 bytes of the secret, percent-encoded for an {@code application/x-www-form-urlencoded} body. */
  static byte[] formEncoded(char[] secret) {
    var utf8 = utf8(secret);
    var out = new WipedOutput();
    try {
      for (byte b : utf8) {
        int c = b & 0xff;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
            || c == '_' || c == '*') {
          out.write(c);
        } else {
          out.write('%');
          out.write(HEX[c >> 4]);
          out.write(HEX[c & 0xf]);
        }
      }
      return out.toByteArray();
    } finally {
      Arrays.fill(utf8, (byte) 0);
      out.wipe();
    }
  }

  /** The secret as a JSON string literal, quotes included, in UTF-8. */
  static byte[] jsonString(char[] secret) {
    var escaped = new char[secret.length * 6 + 2];
    int n = 0;
    escaped[n++] = '"';
    for (char c : secret) {
      if (c == '"' || c == '\\') {
        escaped[n++] = '\\';
        escaped[n++] = c;
      } else if (c < 0x20) {
        escaped[n++] = '\\';
        escaped[n++] = 'u';
        escaped[n++] = '0';
        escaped[n++] = '0';
        escaped[n++] = (char) HEX[c >> 4];
        escaped[n++] = (char) HEX[c & 0xf];
      } else {
        escaped[n++] = c;
      }
    }
    escaped[n++] = '"';
    try {
      return utf8(Arrays.copyOf(escaped, n), true);
    } finally {
      Arrays.fill(escaped, '\0');
    }
  }

  /** {@code prefix}, then {@code secret}, then {@code suffix}, as one array. */
  static byte[] concat(byte[] prefix, byte[] secret, byte[] suffix) {
    var all = new byte[prefix.length + secret.length + suffix.length];
    System.arraycopy(prefix, 0, all, 0, prefix.length);
    System.arraycopy(secret, 0, all, prefix.length, secret.length);
    System.arraycopy(suffix, 0, all, prefix.length + secret.length, suffix.length);
    Arrays.fill(secret, (byte) 0);
    return all;
  }

  private static byte[] utf8(char[] chars) {
    return utf8(chars, false);
  }

  private static byte[] utf8(char[] chars, boolean wipeInput) {
    try {
      ByteBuffer buffer = StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(chars));
      var bytes = Arrays.copyOfRange(buffer.array(), buffer.position(), buffer.limit());
      Arrays.fill(buffer.array(), (byte) 0);
      return bytes;
    } catch (CharacterCodingException e) {
      // Not the secret in the message: only that it is not valid UTF-16.
      throw new IllegalArgumentException("the secret is not valid Unicode text");
    } finally {
      if (wipeInput) {
        Arrays.fill(chars, '\0');
      }
    }
  }

  /** A ByteArrayOutputStream whose buffer can be wiped. */
  private static final class WipedOutput extends ByteArrayOutputStream {
    void wipe() {
      Arrays.fill(buf, (byte) 0);
    }
  }
}
