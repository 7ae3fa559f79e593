package dev.accountadmin.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class PasswordHasherTest {
  @ParameterizedTest
  @CsvSource({"47104,1", "19456,2", "12288,3", "9216,4", "7168,5", "65536,3", "7168,6"})
  void everyOwaspConfiguration_andAnythingStronger_isAccepted(int memoryKib, int iterations) {
    assertThat(new PasswordHasher(memoryKib, iterations, 1).meetsOwasp()).isTrue();
  }

  @ParameterizedTest
  @CsvSource({"47103,1", "19455,2", "19456,1", "12287,3", "9216,3", "7167,5", "7168,4", "4096,10"})
  void anythingWeakerThanEveryOwaspConfiguration_isRefused(int memoryKib, int iterations) {
    assertThat(new PasswordHasher(memoryKib, iterations, 1).meetsOwasp()).isFalse();
  }

  @Test
  void noLaneAtAll_isRefused() {
    assertThat(new PasswordHasher(19456, 2, 0).meetsOwasp()).isFalse();
  }

  @Test
  void aHashMadeWithTheCheapestOwaspConfiguration_verifies_andRecordsItsParameters() {
    var hasher = new PasswordHasher(7168, 5, 1);
    var hash = hasher.hash("correct horse battery staple", new SecureRandom());
    assertThat(hash).startsWith("$argon2id$v=19$m=7168,t=5,p=1$");
    assertThat(PasswordHasher.OWASP.verify("correct horse battery staple", hash)).isTrue();
    assertThat(PasswordHasher.OWASP.verify("wrong", hash)).isFalse();
  }
}
