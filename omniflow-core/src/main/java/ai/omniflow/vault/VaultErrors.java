package ai.omniflow.vault;

/**
 * The stable error codes OmniFlow raises for the token vault, as {@link
 * ai.omniflow.OmniFlowException#code()} carries them on the wire. Clients may branch on them;
 * docs/security.md and the other docs say when each is raised. Codes built from a field name,
 * {@code invalid_<field>}, are not listed here (see {@link ai.omniflow.Limits}).
 *
 * <pre>{@code
 * catch (OmniFlowException e) {
 *   if (e.code().equals(VaultErrors.TOKEN_UNDECRYPTABLE)) { … }
 * }
 * }</pre>
 *
 * <p>Constants only; decision 0038 says why these are strings and not an enum.
 */
public final class VaultErrors {
  /** {@code token_undecryptable}. */
  public static final String TOKEN_UNDECRYPTABLE = "token_undecryptable";

  private VaultErrors() {}
}
