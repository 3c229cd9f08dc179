package ai.omniflow.contacts;

import java.util.Locale;

/** What one {@link ConsentEntry} of the consent ledger does: give consent or withdraw it. */
public enum ConsentChange {
  /** The contact agreed to be messaged (START, UNSTOP, a form's consent box, an import). */
  OPTED_IN,
  /** The contact asked not to be messaged (STOP, STOPALL, UNSUBSCRIBE…, or an agent's record). */
  OPTED_OUT;

  /** The change's name on the wire: {@code opted_in}, {@code opted_out}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
