package ai.omniflow.leads;

import ai.omniflow.connector.spi.Channel;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Which leads to list; a {@code null} criterion matches every lead.
 *
 * @param stage a pack stage key
 * @param ownerUserId the owner; see also {@code unowned}
 * @param band the band of the latest score (never-scored leads match no band)
 * @param source the source channel
 * @param open {@code true} for open leads only, {@code false} for closed ones only
 * @param unowned only leads without an owner (in the pond)
 */
public record LeadFilter(
    @Nullable String stage,
    @Nullable UUID ownerUserId,
    @Nullable ScoreBand band,
    @Nullable Channel source,
    @Nullable Boolean open,
    boolean unowned) {
  /** Every lead. */
  public static final LeadFilter ALL = new LeadFilter(null, null, null, null, null, false);

  /**
   * @throws IllegalArgumentException if both an owner and {@code unowned} are given
   */
  public LeadFilter {
    if (unowned && ownerUserId != null) {
      throw new IllegalArgumentException("a filter cannot ask for an owner and for unowned");
    }
  }

  /** Whether {@code l} passes. */
  public boolean test(Lead l) {
    return (stage == null || stage.equals(l.stage()))
        && (ownerUserId == null || ownerUserId.equals(l.ownerUserId()))
        && (band == null || band == l.band())
        && (source == null || source == l.sourceChannel())
        && (open == null || open == l.isOpen())
        && (!unowned || l.ownerUserId() == null);
  }
}
