package ai.omniflow.enrollment;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The playbooks that fit a lead now, and why ({@code POST /leads/{id}/nurture/suggest}): what the
 * lead is (stage, score band, the intent of the contact's latest message, how long the contact has
 * been silent), and each fitting playbook with the reasons it fits and its first steps previewed at
 * the times an enrollment made now would run them; and the org's playbooks left out because they no
 * longer fit its pack.
 *
 * <p>Immutable and thread-safe.
 *
 * @param leadId the lead
 * @param at when the suggestion was made: the preview's "now"
 * @param stage the lead's stage
 * @param band the lead's score band ({@code cold}, {@code warm}, {@code hot}), {@code null} if
 *     never scored
 * @param intent the intent of the contact's latest message, {@code null} if the contact never wrote
 * @param silence how long since the contact's latest message (since the lead was made if the
 *     contact never wrote)
 * @param unavailable why the lead cannot be enrolled now ({@code lead_closed}, {@code
 *     enrollment_active}), or {@code null}; a closed lead gets no suggestions
 * @param playbooks the fitting playbooks, the most specific first
 * @param leftOut the org's playbooks left out whether they fit or not, and why: each one that no
 *     longer fits the org's pack ({@code playbook_invalid}, with its problems: decision 0087), in
 *     the order of the playbooks in force
 */
public record NurtureSuggestions(
    UUID leadId,
    Instant at,
    String stage,
    @Nullable String band,
    @Nullable String intent,
    Duration silence,
    @Nullable String unavailable,
    List<Suggestion> playbooks,
    List<LeftOut> leftOut) {

  public NurtureSuggestions {
    Objects.requireNonNull(leadId, "leadId");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(silence, "silence");
    playbooks = List.copyOf(playbooks);
    leftOut = List.copyOf(leftOut);
  }

  /** Suggestions with no playbook left out. */
  public NurtureSuggestions(
      UUID leadId,
      Instant at,
      String stage,
      @Nullable String band,
      @Nullable String intent,
      Duration silence,
      @Nullable String unavailable,
      List<Suggestion> playbooks) {
    this(leadId, at, stage, band, intent, silence, unavailable, playbooks, List.of());
  }

  /**
   * A playbook not suggested whatever the lead, and why.
   *
   * @param playbook the playbook in force, with its {@link OrgPlaybook#problems()}
   * @param reason {@code playbook_invalid}: it no longer fits the org's pack
   */
  public record LeftOut(OrgPlaybook playbook, String reason) {
    public LeftOut {
      Objects.requireNonNull(playbook, "playbook");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * One fitting playbook.
   *
   * @param playbook the playbook in force and its origin
   * @param reasons why it fits, one sentence per criterion of its {@link ai.omniflow.nurture.Fit}
   * @param blocked why an enrollment now would end before it did anything (e.g. {@code
   *     no_reachable_channel}, {@code contact_opted_out}), or {@code null}
   * @param preview its first moves, as an enrollment made now would make them if the contact does
   *     not reply
   */
  public record Suggestion(
      OrgPlaybook playbook, List<String> reasons, @Nullable String blocked, List<Preview> preview) {
    public Suggestion {
      Objects.requireNonNull(playbook, "playbook");
      reasons = List.copyOf(reasons);
      preview = List.copyOf(preview);
    }
  }

  /**
   * One previewed move.
   *
   * @param stepKey the step
   * @param kind {@code send}, {@code task}, {@code stage}, {@code wait}, {@code deferred} or {@code
   *     end}
   * @param at when it would run
   * @param detail the channel and template of a send, the kind and title of a task, the stage a
   *     stage step moves the lead to ({@code to qualified}), when a wait or a deferral ends, why it
   *     would end
   */
  public record Preview(String stepKey, String kind, Instant at, String detail) {
    public Preview {
      Objects.requireNonNull(stepKey, "stepKey");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(detail, "detail");
    }
  }
}
