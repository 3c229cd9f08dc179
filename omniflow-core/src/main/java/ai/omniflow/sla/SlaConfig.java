package ai.omniflow.sla;

import java.util.Objects;

/**
 * The SLA policy in force for an org and where it comes from: the org's own, or its pack's default
 * ({@link SlaPolicy#realEstateDefault()} for the real-estate pack, {@link
 * SlaPolicy#genericDefault()} for any other pack or none).
 *
 * <pre>{@code
 * SlaConfig config = omniFlow.sla().config(actor);
 * if (config.source() == SlaConfig.Source.PACK) { … }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public record SlaConfig(SlaPolicy policy, Source source) {
  public SlaConfig {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(source, "source");
  }

  /** Where the policy in force comes from. */
  public enum Source {
    /** The org saved its own. */
    ORG,
    /** The org's pack's default. */
    PACK;

    /** The wire name: {@code org} or {@code pack}. */
    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
