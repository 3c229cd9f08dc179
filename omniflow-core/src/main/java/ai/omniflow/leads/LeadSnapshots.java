package ai.omniflow.leads;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** JSON-shaped views of leads, for audit entries and the REST layer. */
public final class LeadSnapshots {
  private LeadSnapshots() {}

  /** The lead as a JSON-shaped map, with snake_case keys, as the REST API shows it. */
  public static Map<String, @Nullable Object> of(Lead l) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    m.put("id", l.id().toString());
    m.put("contact_id", l.contactId().toString());
    m.put("thread_id", l.threadId() == null ? null : l.threadId().toString());
    m.put("source_channel", l.sourceChannel() == null ? null : l.sourceChannel().id());
    m.put("campaign_id", l.campaignId());
    m.put("ad_id", l.adId());
    m.put("stage", l.stage());
    m.put("owner_user_id", l.ownerUserId() == null ? null : l.ownerUserId().toString());
    m.put("fields", l.fields());
    m.put("score", l.score());
    m.put("score_band", l.band() == null ? null : l.band().wireName());
    m.put("scored_at", l.scoredAt() == null ? null : l.scoredAt().toString());
    m.put("status", l.isOpen() ? "open" : l.outcome().status().wireName());
    m.put("outcome", l.outcome() == null ? null : outcome(l.outcome()));
    m.put("language", l.language());
    m.put("created_at", l.createdAt().toString());
    m.put("updated_at", l.updatedAt().toString());
    return m;
  }

  /** The outcome as a JSON-shaped map; the amount as plain decimal text, never a float. */
  public static Map<String, @Nullable Object> outcome(LeadOutcome o) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    m.put("status", o.status().wireName());
    m.put("amount", o.amount() == null ? null : o.amount().toPlainString());
    m.put("currency", o.currency());
    m.put("closed_at", o.closedAt().toString());
    m.put("reason", o.reason());
    return m;
  }

  /** A history entry as a JSON-shaped map. */
  public static Map<String, @Nullable Object> score(LeadScore s) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    m.put("id", s.id().toString());
    m.put("lead_id", s.leadId().toString());
    m.put("score", s.total());
    m.put("score_band", ScoreBand.of(s.total()).wireName());
    m.put("rules_score", s.rulesTotal());
    m.put("model_probability", s.modelProbability());
    m.put("model_version", s.modelVersion());
    m.put("explanation", ExplanationLine.toJson(s.explanation()));
    m.put("reason", s.reason());
    m.put("scored_at", s.scoredAt().toString());
    return m;
  }
}
