package ai.omniflow.guardrails;

import java.util.Locale;

/** Where a contact's consent for one channel stands, as derived from the consent ledger. */
public enum ConsentState {
  /** The ledger's latest entry for the channel (or for all channels) gives consent. */
  GIVEN,
  /** The ledger's latest entry for the channel (or for all channels) withdraws it. */
  WITHDRAWN,
  /** The ledger says nothing for the channel. */
  UNKNOWN;

  /** The state's name on the wire: {@code given}, {@code withdrawn}, {@code unknown}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
