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

  /** {@code invalid_pack_override}: an org's override does not merge into a valid pack. */
  public static final String INVALID_PACK_OVERRIDE = "invalid_pack_override";

  /** {@code pack_overrides_unsupported}: the host's pack source cannot merge overrides. */
  public static final String PACK_OVERRIDES_UNSUPPORTED = "pack_overrides_unsupported";

  /** {@code no_pack_selected}: the org has selected no pack to override. */
  public static final String NO_PACK_SELECTED = "no_pack_selected";

  /** {@code invalid_accepted_pack}: the text kept of an org's accepted pack cannot be read. */
  public static final String INVALID_ACCEPTED_PACK = "invalid_accepted_pack";

  /** {@code pack_version_not_offered}: accepting a version the catalog does not offer now. */
  public static final String PACK_VERSION_NOT_OFFERED = "pack_version_not_offered";

  private PackErrors() {}
}
