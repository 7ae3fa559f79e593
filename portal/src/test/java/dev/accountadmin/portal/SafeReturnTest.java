package dev.accountadmin.portal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The language switcher goes back to the page it was on, and never to another site. */
class SafeReturnTest {
  @Test
  void aPathOfThePortal_isKept_withItsQuery() {
    assertThat(SettingsPages.safeReturn("/users?q=lee&state=locked")).isEqualTo("/users?q=lee&state=locked");
  }

  @Test
  void anotherSite_orNothing_goesToTheStartPage() {
    assertThat(SettingsPages.safeReturn("//evil.example/x")).isEqualTo("/");
    assertThat(SettingsPages.safeReturn("/\\evil.example")).isEqualTo("/");
    assertThat(SettingsPages.safeReturn("https://evil.example/")).isEqualTo("/");
    assertThat(SettingsPages.safeReturn(null)).isEqualTo("/");
  }
}
