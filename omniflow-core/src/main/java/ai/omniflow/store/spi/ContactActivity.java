package ai.omniflow.store.spi;

import ai.omniflow.attribution.Touch;
import ai.omniflow.leads.LeadOutcome;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One contact's activity in a window, as {@link JourneyRepository#activity} streams it: its
 * touchpoints (the inbox's and the linked external ones) in time order, and its leads.
 *
 * @param contactId the contact
 * @param touches its touches in the window, oldest first
 * @param leads its leads created before the window's end that are open or closed in the window, by
 *     creation
 */
public record ContactActivity(UUID contactId, List<Touch> touches, List<LeadMark> leads) {
  /** Copies the lists. */
  public ContactActivity {
    Objects.requireNonNull(contactId, "contactId");
    touches = List.copyOf(touches);
    leads = List.copyOf(leads);
  }

  /**
   * A lead as a journey sees it: when it was created and how it ended, if it did.
   *
   * @param createdAt when the lead was made
   * @param outcome its outcome, or {@code null} while open
   */
  public record LeadMark(Instant createdAt, @Nullable LeadOutcome outcome) {
    /** Checks the creation time is there. */
    public LeadMark {
      Objects.requireNonNull(createdAt, "createdAt");
    }
  }
}
