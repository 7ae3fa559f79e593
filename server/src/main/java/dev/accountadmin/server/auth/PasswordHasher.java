package dev.accountadmin.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Semaphore;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes in the PHC string format
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}). Verification reads the parameters from
 * the stored string, so raising the cost later does not lock anyone out.
 *
 * @param memoryKib memory cost in KiB (OWASP: at least 19456)
 * @param iterations time cost (OWASP: at least 2 with 19 MiB)
 * @param parallelism lanes
 */
public record PasswordHasher(int memoryKib, int iterations, int parallelism) {
  /** OWASP's minimum recommendation for Argon2id. */
  public static final PasswordHasher OWASP = new PasswordHasher(19 * 1024, 2, 1);

  /**
   * The Argon2id configurations OWASP's Password Storage Cheat Sheet lists as equally strong (one
   * lane each): less memory is paid for with more passes.
   */
  public static final List<PasswordHasher> OWASP_EQUIVALENTS = List.of(
      new PasswordHasher(47104, 1, 1),
      new PasswordHasher(19456, 2, 1),
      new PasswordHasher(12288, 3, 1),
      new PasswordHasher(9216, 4, 1),
      new PasswordHasher(7168, 5, 1));

  // Argon2id needs its whole memory cost on every call; a burst of sign-ins waits for a core here
  // instead of growing the heap with the burst.
  private static final int THREADS = Runtime.getRuntime().availableProcessors();
  private static final Semaphore CORES = new Semaphore(THREADS, true);

  /**
   * The memory Argon2id reuses while hashes keep coming (at most one hash's worth per thread),
   * given back when they stop: see {@link IdleBlockPool}. A holder of its own because the first class taken from Bouncy Castle's signed jar makes the JVM verify the
   * jar's signature (about 0.2 s): that belongs to the first hash, or to {@link #warmUp}, not to
   * the server's start.
   */
  private static final class Blocks {
    static final IdleBlockPool POOL = new IdleBlockPool(THREADS * 47104);
  }

  /**
   * Loads and verifies Bouncy Castle's Argon2id now, so that the first sign-in after a start does
   * not pay for it; the server calls it once it is ready, off the path of any call.
   */
  public static void warmUp() {
    var unused = Blocks.POOL;
  }

  /** True when this costs at least as much memory and as many passes as one OWASP configuration. */
  public boolean meetsOwasp() {
    return parallelism >= 1 && OWASP_EQUIVALENTS.stream()
        .anyMatch(o -> memoryKib >= o.memoryKib() && iterations >= o.iterations());
  }

  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getDecoder();

  public String hash(String password, SecureRandom random) {
    var salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    var hash = derive(password, salt, memoryKib, iterations, parallelism, HASH_BYTES);
    return "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism
        + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
  }

  /**
   * A credential nobody knows, for offboarding: a fresh 256-bit random secret, hashed with
   * SHA-256 and thrown away. A secret that cannot be guessed needs no slow hash, so offboarding
   * ten thousand users costs ten thousand digests, not ten thousand Argon2id runs.
   */
  public static String undisclosed(SecureRandom random) {
    var secret = new byte[32];
    random.nextBytes(secret);
    return UNDISCLOSED + Secrets.sha256(B64.encodeToString(secret));
  }

  /** True for a credential made by {@link #undisclosed}. */
  public static boolean isUndisclosed(String encoded) {
    return dev.accountadmin.domain.PreparedPassword.isUndisclosed(encoded);
  }

  private static final String UNDISCLOSED = dev.accountadmin.domain.PreparedPassword.UNDISCLOSED_PREFIX;

  /** True when {@code password} matches {@code encoded}; false for any malformed encoding. */
  public boolean verify(String password, String encoded) {
    if (isUndisclosed(encoded)) {
      return MessageDigest.isEqual(encoded.substring(UNDISCLOSED.length()).getBytes(StandardCharsets.US_ASCII),
          Secrets.sha256(password).getBytes(StandardCharsets.US_ASCII));
    }
    var parts = encoded.split("\\$");
    // ["", "argon2id", "v=19", "m=..,t=..,p=..", salt, hash]
    if (parts.length != 6 || !parts[1].equals("argon2id")) {
      return false;
    }
    int m = 0;
    int t = 0;
    int p = 0;
    for (var parameter : parts[3].split(",")) {
      var value = Integer.parseInt(parameter.substring(2));
      switch (parameter.charAt(0)) {
        case 'm' -> m = value;
        case 't' -> t = value;
        case 'p' -> p = value;
        default -> {
          return false;
        }
      }
    }
    var salt = B64D.decode(parts[4]);
    var expected = B64D.decode(parts[5]);
    var actual = derive(password, salt, m, t, p, expected.length);
    return MessageDigest.isEqual(expected, actual);
  }

  private static byte[] derive(String password, byte[] salt, int m, int t, int p, int length) {
    var parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withVersion(Argon2Parameters.ARGON2_VERSION_13)
        .withMemoryAsKB(m)
        .withIterations(t)
        .withParallelism(p)
        .withSalt(salt)
        .withBlockPool(Blocks.POOL)
        .build();
    var out = new byte[length];
    CORES.acquireUninterruptibly();
    Blocks.POOL.began();
    try {
      var generator = new Argon2BytesGenerator();
      generator.init(parameters);
      generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
    } finally {
      Blocks.POOL.ended();
      CORES.release();
    }
    return out;
  }
}
