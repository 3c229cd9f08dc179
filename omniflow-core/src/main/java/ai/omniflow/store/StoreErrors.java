package ai.omniflow.store;

/**
 * The stable error codes OmniFlow raises for stores (PostgreSQL and the in-memory store) when the
 * database fails, as {@link ai.omniflow.OmniFlowException#code()} carries them on the wire. Clients
 * may branch on them; docs/persistence.md and the other docs say when each is raised. Codes built
 * from a field name, {@code invalid_<field>}, are not listed here (see {@link ai.omniflow.Limits}).
 *
 * <pre>{@code
 * catch (OmniFlowException e) {
 *   if (e.code().equals(StoreErrors.AUDIT_ENTRY_EXISTS)) { … }
 * }
 * }</pre>
 *
 * <p>Constants only; decision 0038 says why these are strings and not an enum.
 */
public final class StoreErrors {
  /** {@code audit_entry_exists}. */
  public static final String AUDIT_ENTRY_EXISTS = "audit_entry_exists";

  /** {@code event_exists}. */
  public static final String EVENT_EXISTS = "event_exists";

  /** {@code store_busy}. */
  public static final String STORE_BUSY = "store_busy";

  /** {@code store_unavailable}. */
  public static final String STORE_UNAVAILABLE = "store_unavailable";

  private StoreErrors() {}
}
