package ai.omniflow.enrollment;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the contact said since an enrollment's latest send, as far as its steps care: whether they
 * replied, the intent of the latest reply if classified, and whether they opted out.
 *
 * <pre>{@code
 * Replies r = new Replies(true, "showing_request", false);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param replied whether any inbound message came since
 * @param latestIntent the latest such message's intent key, or {@code null}
 * @param optedOut whether the contact withdrew consent (on any channel the playbook sends on)
 */
public record Replies(boolean replied, @Nullable String latestIntent, boolean optedOut) {
  /** No reply, no opt-out. */
  public static final Replies NONE = new Replies(false, null, false);

  /**
   * @throws IllegalArgumentException if there is an intent without a reply
   */
  public Replies {
    if (latestIntent != null && !replied) {
      throw new IllegalArgumentException("an intent needs a reply");
    }
  }

  /** Whether the latest reply's intent is {@code intent}. */
  public boolean intentIs(String intent) {
    return Objects.equals(latestIntent, intent);
  }
}
