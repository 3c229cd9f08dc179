package ai.omniflow.contacts;

import java.util.Locale;

/** Where a {@link ConsentEntry} came from: the evidence of how consent was given or withdrawn. */
public enum ConsentSource {
  /** A compliance keyword the contact sent as a whole message (STOP, START…). */
  INBOUND_KEYWORD,
  /** A person of the org recorded it (the contact asked them, on a call or in a thread). */
  AGENT,
  /** The host recorded it through the API, without a person. */
  API,
  /** Brought in from another system's records. */
  IMPORT,
  /** Carried over from a contact merged into this one. */
  MERGE;

  /** The source's name on the wire: {@code inbound_keyword}, {@code agent}, … */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
