package ai.omniflow.pack;

/**
 * The stable error codes OmniFlow raises for vertical packs, as {@link
 * ai.omniflow.OmniFlowException#code()} carries them on the wire. Clients may branch on them;
 * docs/verticals.md and the other docs say when each is raised. Codes built from a field name,
 * {@code invalid_<field>}, are not listed here (see {@link ai.omniflow.Limits}).
 *
 * <pre>{@code
 * catch (OmniFlowException e) {
 *   if (e.code().equals(PackErrors.UNKNOWN_PACK)) { … }
 * }
 * }</pre>
 *
 * <p>Constants only; decision 0038 says why these are strings and not an enum.
 */
public final class PackErrors {
  /** {@code unknown_pack}. */
  public static final String UNKNOWN_PACK = "unknown_pack";

  private PackErrors() {}
}
