package ai.omniflow.vault;

import java.util.Locale;

/** Which token of a connector account a ciphertext holds. */
public enum TokenKind {
  ACCESS,
  REFRESH;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
