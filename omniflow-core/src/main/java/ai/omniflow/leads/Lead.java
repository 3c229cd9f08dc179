package ai.omniflow.leads;

import ai.omniflow.connector.spi.Channel;
import ai.omniflow.store.spi.JsonValues;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A tracked sales opportunity with one contact: where it came from, what we know (the pack's lead
 * fields), where it is in the pipeline, who owns it, its latest score and, once closed, its
 * outcome. A contact has at most one open lead at a time. Immutable; the {@code with…} methods
 * return changed copies.
 *
 * @param threadId the thread the lead was made from, if any
 * @param sourceChannel the channel of the contact's first touchpoint (or of the thread)
 * @param campaignId the first touchpoint's campaign, if any
 * @param adId the first touchpoint's ad, if any
 * @param stage the key of one of the pack's stages
 * @param ownerUserId the member working the lead, or {@code null} if unowned (in the pond)
 * @param fields the pack's lead fields, JSON-shaped (money and numbers as numbers, dates as ISO
 *     text)
 * @param score the latest score, or {@code null} if never scored
 * @param outcome how it ended, or {@code null} while open
 * @param language the language the contact writes in (a BCP 47 tag, {@link
 *     ai.omniflow.LanguageTags}), copied from the contact when the lead is made or completed, or
 *     {@code null} while unknown; routing prefers agents who speak it (docs/routing.md)
 */
public record Lead(
    UUID id,
    UUID orgId,
    UUID contactId,
    @Nullable UUID threadId,
    @Nullable Channel sourceChannel,
    @Nullable String campaignId,
    @Nullable String adId,
    String stage,
    @Nullable UUID ownerUserId,
    Map<String, @Nullable Object> fields,
    @Nullable Integer score,
    @Nullable Instant scoredAt,
    @Nullable LeadOutcome outcome,
    Instant createdAt,
    Instant updatedAt,
    @Nullable String language) {
  /**
   * @throws NullPointerException if a non-null component is null
   * @throws IllegalArgumentException if the stage is blank, a field value is not JSON-shaped, or
   *     score and scoredAt are not both given or both absent
   * @throws ai.omniflow.OmniFlowException {@code invalid_language} (invalid input) if the language
   *     is not a tag {@link ai.omniflow.LanguageTags} accepts
   */
  public Lead {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(orgId, "orgId");
    Objects.requireNonNull(contactId, "contactId");
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    if (stage.isBlank()) {
      throw new IllegalArgumentException("stage must not be blank");
    }
    if ((score == null) != (scoredAt == null)) {
      throw new IllegalArgumentException("score and scoredAt go together");
    }
    fields = JsonValues.copyObject(Objects.requireNonNull(fields, "fields"));
    language = ai.omniflow.LanguageTags.normalizeOptional(language);
  }

  /** A lead whose language is not known. */
  public Lead(
      UUID id,
      UUID orgId,
      UUID contactId,
      @Nullable UUID threadId,
      @Nullable Channel sourceChannel,
      @Nullable String campaignId,
      @Nullable String adId,
      String stage,
      @Nullable UUID ownerUserId,
      Map<String, @Nullable Object> fields,
      @Nullable Integer score,
      @Nullable Instant scoredAt,
      @Nullable LeadOutcome outcome,
      Instant createdAt,
      Instant updatedAt) {
    this(
        id,
        orgId,
        contactId,
        threadId,
        sourceChannel,
        campaignId,
        adId,
        stage,
        ownerUserId,
        fields,
        score,
        scoredAt,
        outcome,
        createdAt,
        updatedAt,
        null);
  }

  /** Whether the lead is still being worked: it has no outcome yet. */
  public boolean isOpen() {
    return outcome == null;
  }

  /** The band of the latest score, or {@code null} if never scored. */
  public @Nullable ScoreBand band() {
    return score == null ? null : ScoreBand.of(score);
  }

  /** A copy with these fields, stage and owner. */
  public Lead withWork(
      Map<String, @Nullable Object> newFields, String newStage, @Nullable UUID owner, Instant now) {
    return new Lead(
        id,
        orgId,
        contactId,
        threadId,
        sourceChannel,
        campaignId,
        adId,
        newStage,
        owner,
        newFields,
        score,
        scoredAt,
        outcome,
        createdAt,
        now,
        language);
  }

  /** A copy in {@code tag}, the contact's language ({@code null}: unknown). */
  public Lead withLanguage(@Nullable String tag, Instant now) {
    return new Lead(
        id,
        orgId,
        contactId,
        threadId,
        sourceChannel,
        campaignId,
        adId,
        stage,
        ownerUserId,
        fields,
        score,
        scoredAt,
        outcome,
        createdAt,
        now,
        tag);
  }

  /** A copy owned by {@code owner} ({@code null}: in the pond). */
  public Lead withOwner(@Nullable UUID owner, Instant now) {
    return withWork(fields, stage, owner, now);
  }

  /** A copy with a new score. */
  public Lead withScore(int newScore, Instant at) {
    return new Lead(
        id,
        orgId,
        contactId,
        threadId,
        sourceChannel,
        campaignId,
        adId,
        stage,
        ownerUserId,
        fields,
        newScore,
        at,
        outcome,
        createdAt,
        at,
        language);
  }

  /** A copy closed with {@code o}, in the pack stage {@code closedStage}. */
  public Lead withOutcome(LeadOutcome o, String closedStage, Instant now) {
    return new Lead(
        id,
        orgId,
        contactId,
        threadId,
        sourceChannel,
        campaignId,
        adId,
        closedStage,
        ownerUserId,
        fields,
        score,
        scoredAt,
        o,
        createdAt,
        now,
        language);
  }
}
