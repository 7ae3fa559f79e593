package dev.accountadmin.domain;

import dev.accountadmin.failure.DirectoryException;
import dev.accountadmin.failure.FieldViolation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A page token that names the listing it came from and carries a digest of that listing's
 * filter, so that a token used with another filter or by another listing is refused (AIP-158)
 * instead of silently starting the wrong page. The digest binds; it does not hide or sign: the
 * position a token holds only says where a page starts, which any caller may choose anyway.
 */
final class PageToken {
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final int DIGEST_BYTES = 12;

  private PageToken() {}

  /** The token for the page after {@code position} of {@code listing} under {@code filter}. */
  static String encode(String listing, List<String> filter, String position) {
    var text = listing + "\n" + digest(listing, filter) + "\n" + position;
    return ENCODER.encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The position in {@code token}, or empty for the first page; a token that is malformed, or
   * that another listing or filter issued, is a field violation on {@code page_token}.
   */
  static String decode(String listing, List<String> filter, String token) {
    if (token == null || token.isEmpty()) {
      return "";
    }
    String[] parts;
    try {
      parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\n", 3);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
    if (parts.length != 3 || !parts[0].equals(listing) || !parts[1].equals(digest(listing, filter))) {
      throw invalid();
    }
    return parts[2];
  }

  static DirectoryException invalid() {
    return DirectoryException.invalid(new FieldViolation("page_token", "INVALID_PAGE_TOKEN", Map.of("field", "page_token")));
  }

  // Each part is length-prefixed, so that ("ab", "c") and ("a", "bc") differ.
  private static String digest(String listing, List<String> filter) {
    var text = new StringBuilder().append(listing.length()).append(':').append(listing);
    for (var part : filter) {
      var value = part == null ? "" : part;
      text.append(part == null ? "-" : "+").append(value.length()).append(':').append(value);
    }
    try {
      var hash = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
      return ENCODER.encodeToString(Arrays.copyOf(hash, DIGEST_BYTES));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
