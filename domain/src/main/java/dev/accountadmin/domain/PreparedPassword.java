package dev.accountadmin.domain;

/**
 * A password prepared for a reset before the unit of work starts (hashing is slow): {@code shown}
 * is handed back once, {@code hash} is stored. An undisclosed one is random and shown to nobody
 * (offboarding); a plan's has neither.
 */
public record PreparedPassword(String shown, String hash, boolean changeRequired, boolean undisclosed) {

  /** How an undisclosed credential's hash begins: nobody knows a password that matches it. */
  public static final String UNDISCLOSED_PREFIX = "$sha256-random$";

  /** What a plan needs to know of a reset: no secret at all. */
  public static PreparedPassword planned(boolean changeRequired, boolean undisclosed) {
    return new PreparedPassword(null, null, changeRequired, undisclosed);
  }

  /** True for a hash of an undisclosed credential. */
  public static boolean isUndisclosed(String hash) {
    return hash != null && hash.startsWith(UNDISCLOSED_PREFIX);
  }

  @Override
  public String toString() {
    return "PreparedPassword[changeRequired=" + changeRequired + ", undisclosed=" + undisclosed + "]";
  }
}
