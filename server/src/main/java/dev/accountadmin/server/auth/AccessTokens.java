package dev.accountadmin.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.accountadmin.domain.ClientApp;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signed access tokens (JWT, ES256). The key comes from the database, so every replica signs and
 * verifies with the same one. A token says who, which session, which app, and which password it
 * was issued under; whether it is still usable is decided against live state by the caller.
 */
public final class AccessTokens {
  static final String ISSUER = "accountadmin";
  private static final int VERIFIED_CACHE_LIMIT = 10_000;

  /** The claims of a token whose signature verified. */
  public record Claims(String userId, String sessionId, ClientApp clientApp,
      long passwordVersion, Instant issuedAt, Instant expiresAt) {}

  private final ECKey key;
  private final ECDSASigner signer;
  private final ECDSAVerifier verifier;
  // Signature checks cost more than the rest of an admin call; a token's signature never
  // changes, so a verified token is remembered by its SHA-256 (bounded; live state is still
  // checked per call).
  private final ConcurrentHashMap<String, Claims> verified = new ConcurrentHashMap<>();

  public AccessTokens(ECKey key) {
    try {
      this.key = key;
      this.signer = new ECDSASigner(key);
      this.verifier = new ECDSAVerifier(key.toPublicJWK());
    } catch (JOSEException e) {
      throw new IllegalStateException("unusable signing key", e);
    }
  }

  /** A new P-256 key as a private JWK (JSON). */
  public static String generateKey() {
    try {
      return new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).generate().toJSONString();
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot generate a P-256 key", e);
    }
  }

  public static AccessTokens fromJwk(String json) {
    try {
      return new AccessTokens(ECKey.parse(json));
    } catch (ParseException e) {
      throw new IllegalStateException("stored signing key is not a JWK", e);
    }
  }

  public String issue(Claims claims) {
    var set = new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .subject(claims.userId())
        .jwtID(UUID.randomUUID().toString())
        .issueTime(Date.from(claims.issuedAt()))
        .expirationTime(Date.from(claims.expiresAt()))
        .claim("sid", claims.sessionId())
        .claim("app", claims.clientApp().name())
        .claim("pwv", claims.passwordVersion())
        .build();
    var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(), set);
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a token", e);
    }
    return jwt.serialize();
  }

  /** The claims of {@code token} if it is ours and its signature verifies; expiry is not checked here. */
  public Optional<Claims> verify(String token) {
    // Keyed by the token's digest: the cache holds no token, and its keys have one size.
    var key = Secrets.sha256(token);
    var cached = verified.get(key);
    if (cached != null) {
      return Optional.of(cached);
    }
    try {
      var jwt = SignedJWT.parse(token);
      if (!JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
        return Optional.empty();
      }
      var set = jwt.getJWTClaimsSet();
      if (!ISSUER.equals(set.getIssuer())) {
        return Optional.empty();
      }
      var claims = new Claims(set.getSubject(), set.getStringClaim("sid"),
          ClientApp.valueOf(set.getStringClaim("app")), set.getLongClaim("pwv"),
          set.getIssueTime().toInstant(), set.getExpirationTime().toInstant());
      if (verified.size() >= VERIFIED_CACHE_LIMIT) {
        verified.clear();
      }
      verified.put(key, claims);
      return Optional.of(claims);
    } catch (ParseException | JOSEException | IllegalArgumentException | NullPointerException e) {
      return Optional.empty();
    }
  }
}
