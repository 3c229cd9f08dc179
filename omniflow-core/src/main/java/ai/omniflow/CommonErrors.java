package ai.omniflow;

/**
 * The stable error codes OmniFlow raises for requests of any area (paging), as {@link
 * ai.omniflow.OmniFlowException#code()} carries them on the wire. Clients may branch on them;
 * docs/architecture.md and the other docs say when each is raised. Codes built from a field name,
 * {@code invalid_<field>}, are not listed here (see {@link ai.omniflow.Limits}).
 *
 * <pre>{@code
 * catch (OmniFlowException e) {
 *   if (e.code().equals(CommonErrors.INVALID_PAGING)) { … }
 * }
 * }</pre>
 *
 * <p>Constants only; decision 0038 says why these are strings and not an enum.
 */
public final class CommonErrors {
  /** {@code invalid_paging}. */
  public static final String INVALID_PAGING = "invalid_paging";

  private CommonErrors() {}
}
