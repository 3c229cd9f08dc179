package ai.omniflow.attribution;

/**
 * The stable error codes OmniFlow raises for attribution models and journeys, as {@link
 * ai.omniflow.OmniFlowException#code()} carries them on the wire. Clients may branch on them;
 * docs/attribution.md and the other docs say when each is raised. Codes built from a field name,
 * {@code invalid_<field>}, are not listed here (see {@link ai.omniflow.Limits}).
 *
 * <pre>{@code
 * catch (OmniFlowException e) {
 *   if (e.code().equals(AttributionErrors.INVALID_CHANNEL)) { … }
 * }
 * }</pre>
 *
 * <p>Constants only; decision 0038 says why these are strings and not an enum.
 */
public final class AttributionErrors {
  /** {@code invalid_channel}. */
  public static final String INVALID_CHANNEL = "invalid_channel";

  /** {@code invalid_currency}. */
  public static final String INVALID_CURRENCY = "invalid_currency";

  /** {@code invalid_csv}. */
  public static final String INVALID_CSV = "invalid_csv";

  /** {@code invalid_half_life}: a time-decay half-life not positive or past 365 days. */
  public static final String INVALID_HALF_LIFE = "invalid_half_life";

  /** {@code invalid_journeys}. */
  public static final String INVALID_JOURNEYS = "invalid_journeys";

  /** {@code invalid_level}. */
  public static final String INVALID_LEVEL = "invalid_level";

  /** {@code invalid_lookback}. */
  public static final String INVALID_LOOKBACK = "invalid_lookback";

  /** {@code invalid_model}. */
  public static final String INVALID_MODEL = "invalid_model";

  /** {@code invalid_order}. */
  public static final String INVALID_ORDER = "invalid_order";

  /** {@code invalid_range}. */
  public static final String INVALID_RANGE = "invalid_range";

  /** {@code mixed_currencies}. */
  public static final String MIXED_CURRENCIES = "mixed_currencies";

  /** {@code range_too_long}. */
  public static final String RANGE_TOO_LONG = "range_too_long";

  /** {@code touchpoint_exists}. */
  public static final String TOUCHPOINT_EXISTS = "touchpoint_exists";

  private AttributionErrors() {}
}
