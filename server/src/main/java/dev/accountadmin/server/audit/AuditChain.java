package dev.accountadmin.server.audit;

import com.google.gson.Gson;
import dev.accountadmin.domain.AuditRecord;
import dev.accountadmin.domain.AuditVerification;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The rules of the hash-chained audit trail, apart from where it is kept. Each record's hash
 * covers its fields and the previous record's hash, so editing or deleting any record breaks the
 * chain from there on; the head (last sequence and hash) catches a truncated tail.
 */
public final class AuditChain {
  private static final Gson GSON = new Gson();

  private AuditChain() {}

  /** The details as stored and hashed: JSON of the sorted map. */
  public static String details(AuditRecord r) {
    return GSON.toJson(r.details());
  }

  /** SHA-256 over every field but the hash itself, each length-prefixed so no two records collide. */
  public static String hash(AuditRecord r) {
    var canonical = new StringBuilder();
    for (var field : List.of(Long.toString(r.sequence()), Long.toString(r.time().toEpochMilli()),
        r.actor(), r.clientAddress(), r.action().name(), r.target(), r.requestId(),
        r.outcome().name(), details(r), r.previousHash())) {
      canonical.append(field.length()).append(':').append(field).append(';');
    }
    try {
      var digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** Checks records fed in sequence order, then the head. */
  public static final class Verifier {
    private long checked;
    private String expectedPrevious;
    private long expectedSequence = 1;
    private AuditVerification broken;

    /** Checks the next record; false (and the verdict fixed) once one does not match. */
    public boolean accept(AuditRecord record) {
      if (broken != null) {
        return false;
      }
      checked++;
      boolean linked = expectedPrevious == null
          ? record.previousHash().chars().allMatch(ch -> ch == '0')
          : record.previousHash().equals(expectedPrevious);
      if (record.sequence() != expectedSequence || !linked || !hash(record).equals(record.hash())) {
        broken = new AuditVerification(false, checked, record.sequence());
        return false;
      }
      expectedPrevious = record.hash();
      expectedSequence++;
      return true;
    }

    /** The verdict, given the head's sequence and hash. */
    public AuditVerification verdict(long headSequence, String headHash) {
      if (broken != null) {
        return broken;
      }
      if (headSequence != expectedSequence - 1 || (expectedPrevious != null && !headHash.equals(expectedPrevious))) {
        return new AuditVerification(false, checked, expectedSequence);
      }
      return new AuditVerification(true, checked, 0);
    }
  }
}
