package ai.omniflow.inbox.internal;

import ai.omniflow.Limits;
import ai.omniflow.OmniFlowException;
import ai.omniflow.connector.spi.InboundEvent;
import ai.omniflow.connector.spi.Referral;
import ai.omniflow.connector.spi.Sender;
import ai.omniflow.inbox.InboxErrors;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Bounds what a platform sends before {@link Ingest} takes it in ({@link #bounded}). Not API.
 * Stateless.
 */
public final class InboundBounds {
  private InboundBounds() {}

  /**
   * The event with its ids checked against {@link Limits#MAX_ID} and NUL removed from the text a
   * platform may send (text, names, form answers), which PostgreSQL cannot store.
   *
   * @throws OmniFlowException {@code invalid_<field>} or {@code unidentified_sender} (invalid
   *     input)
   */
  public static InboundEvent bounded(InboundEvent event) {
    Limits.text("dedupe_key", event.dedupeKey(), Limits.MAX_FREE_TEXT);
    Limits.text("provider_account_id", event.providerAccountId(), Limits.MAX_ID);
    if (event instanceof InboundEvent.DeliveryUpdate d) {
      Limits.text("provider_message_id", d.providerMessageId(), Limits.MAX_ID);
      return new InboundEvent.DeliveryUpdate(
          d.dedupeKey(),
          d.providerAccountId(),
          d.channel(),
          d.providerMessageId(),
          d.status(),
          Limits.optionalPlatformText(d.failureReason(), Limits.MAX_FREE_TEXT),
          d.occurredAt());
    }
    if (event instanceof InboundEvent.Message m) {
      Limits.text("provider_message_id", m.providerMessageId(), Limits.MAX_ID);
      return new InboundEvent.Message(
          m.dedupeKey(),
          m.providerAccountId(),
          m.channel(),
          m.providerMessageId(),
          bounded(m.sender()),
          Limits.platformText(m.text(), Limits.MAX_MESSAGE_TEXT),
          m.occurredAt(),
          bounded(m.referral()));
    }
    if (event instanceof InboundEvent.Comment c) {
      Limits.text("comment_id", c.commentId(), Limits.MAX_ID);
      Limits.optionalText("parent_comment_id", c.parentCommentId(), Limits.MAX_ID);
      return new InboundEvent.Comment(
          c.dedupeKey(),
          c.providerAccountId(),
          c.channel(),
          c.commentId(),
          c.parentCommentId(),
          bounded(c.sender()),
          Limits.platformText(c.text(), Limits.MAX_MESSAGE_TEXT),
          c.occurredAt(),
          bounded(c.referral()));
    }
    InboundEvent.LeadForm l = (InboundEvent.LeadForm) event;
    Limits.text("lead_id", l.leadId(), Limits.MAX_ID);
    Limits.text("form_id", l.formId(), Limits.MAX_ID);
    Limits.map("fields", l.fields(), Limits.MAX_LIST);
    Map<String, String> fields = new LinkedHashMap<>();
    l.fields()
        .forEach(
            (k, v) ->
                fields.put(
                    Limits.platformText(k, Limits.MAX_NAME),
                    Limits.platformText(v, Limits.MAX_FREE_TEXT)));
    return new InboundEvent.LeadForm(
        l.dedupeKey(),
        l.providerAccountId(),
        l.leadId(),
        l.formId(),
        bounded(l.sender()),
        fields,
        l.occurredAt(),
        bounded(l.referral()));
  }

  private static Sender bounded(Sender s) {
    String name = Limits.optionalPlatformText(s.name(), Limits.MAX_NAME);
    if (s.handle() == null
        && s.phone() == null
        && s.email() == null
        && (name == null || name.isBlank())) {
      throw OmniFlowException.invalidInput(
          InboxErrors.UNIDENTIFIED_SENDER, "sender needs a handle, name, phone or email.");
    }
    return new Sender(
        s.handle(), name == null || name.isBlank() ? null : name, s.phone(), s.email());
  }

  private static Referral bounded(Referral r) {
    Limits.optionalText("campaign", r.campaignId(), Limits.MAX_ID);
    Limits.optionalText("ad_id", r.adId(), Limits.MAX_ID);
    Limits.optionalText("post_id", r.postId(), Limits.MAX_ID);
    return r;
  }
}
