package dev.accountadmin.portal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The uploaded CSV is read as {@code acctadmin offboard --from-file} reads it. */
class CsvUsersTest {
  @Test
  void aHeader_namesTheColumn_whateverItsPlace() {
    var csv = "\uFEFFdepartment,\"UserPrincipalName\"\nSales,\"lee.gu@contoso.com\"\r\n\n# left\nHR,megan.bowen@contoso.com\n";
    assertThat(CsvUsers.read(csv)).containsExactly("lee.gu@contoso.com", "megan.bowen@contoso.com");
  }

  @Test
  void withoutAHeader_theFirstColumnIsTheUser_andAUserGivenTwiceCountsOnce() {
    assertThat(CsvUsers.read("a@contoso.com,x\nb@contoso.com\na@contoso.com\n"))
        .containsExactly("a@contoso.com", "b@contoso.com");
  }

  @Test
  void aFileWithNoUser_isEmpty() {
    assertThat(CsvUsers.read("upn\n\n# nobody\n")).isEmpty();
  }
}
