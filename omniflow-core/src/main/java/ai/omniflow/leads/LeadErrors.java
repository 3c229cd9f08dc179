package ai.omniflow.leads;

/**
 * The stable error codes OmniFlow raises for leads, their outcomes, scoring and offers, as {@link
 * ai.omniflow.OmniFlowException#code()} carries them on the wire. Clients may branch on them;
 * docs/leads.md and the other docs say when each is raised. Codes built from a field name, {@code
 * invalid_<field>}, are not listed here (see {@link ai.omniflow.Limits}).
 *
 * <pre>{@code
 * catch (OmniFlowException e) {
 *   if (e.code().equals(LeadErrors.CLAIM_REFUSED)) { … }
 * }
 * }</pre>
 *
 * <p>Constants only; decision 0038 says why these are strings and not an enum.
 */
public final class LeadErrors {
  /** {@code claim_refused}. */
  public static final String CLAIM_REFUSED = "claim_refused";

  /** {@code invalid_amount}. */
  public static final String INVALID_AMOUNT = "invalid_amount";

  /** {@code invalid_currency}. */
  public static final String INVALID_CURRENCY = "invalid_currency";

  /** {@code invalid_explanation}. */
  public static final String INVALID_EXPLANATION = "invalid_explanation";

  /** {@code invalid_field}. */
  public static final String INVALID_FIELD = "invalid_field";

  /** {@code invalid_filter}. */
  public static final String INVALID_FILTER = "invalid_filter";

  /** {@code invalid_outcome}. */
  public static final String INVALID_OUTCOME = "invalid_outcome";

  /** {@code invalid_reason}. */
  public static final String INVALID_REASON = "invalid_reason";

  /** {@code lead_closed}. */
  public static final String LEAD_CLOSED = "lead_closed";

  /** {@code lead_exists}. */
  public static final String LEAD_EXISTS = "lead_exists";

  /** {@code lead_score_exists}. */
  public static final String LEAD_SCORE_EXISTS = "lead_score_exists";

  /** {@code model_run_exists}. */
  public static final String MODEL_RUN_EXISTS = "model_run_exists";

  /** {@code no_offer}. */
  public static final String NO_OFFER = "no_offer";

  /** {@code no_scoring}. */
  public static final String NO_SCORING = "no_scoring";

  /** {@code open_lead_exists}. */
  public static final String OPEN_LEAD_EXISTS = "open_lead_exists";

  /** {@code owner_not_member}. */
  public static final String OWNER_NOT_MEMBER = "owner_not_member";

  /** {@code pack_required}. */
  public static final String PACK_REQUIRED = "pack_required";

  /** {@code stage_needs_outcome}. */
  public static final String STAGE_NEEDS_OUTCOME = "stage_needs_outcome";

  /** {@code unknown_field}. */
  public static final String UNKNOWN_FIELD = "unknown_field";

  /** {@code unknown_stage}. */
  public static final String UNKNOWN_STAGE = "unknown_stage";

  private LeadErrors() {}
}
