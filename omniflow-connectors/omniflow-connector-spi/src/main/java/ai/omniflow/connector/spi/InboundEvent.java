package ai.omniflow.connector.spi;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One normalized thing a platform told us in a webhook: a {@link Message}, a {@link Comment}, a
 * {@link LeadForm} submission or a {@link DeliveryUpdate} for something we sent. One webhook
 * delivery may hold several.
 *
 * <pre>{@code
 * for (InboundEvent event : connector.parse(request)) {
 *   switch (event) {
 *     case InboundEvent.Message m -> inbox.receive(m);
 *     ...
 *   }
 * }
 * }</pre>
 *
 * (Pattern matching in switch needs Java 21; on 17 use {@link #kind()} or {@code instanceof}.)
 *
 * <p>Every event carries a {@link #dedupeKey()}: unique among this provider's events and the same
 * every time the platform redelivers the same event, so core stores it once. Build it from the
 * platform's own ids (message id, comment id, lead id, message id + status), never from the time of
 * receipt or a random number. Events never carry tokens or secrets. All are immutable records.
 */
public sealed interface InboundEvent
    permits InboundEvent.Message,
        InboundEvent.Comment,
        InboundEvent.LeadForm,
        InboundEvent.DeliveryUpdate {

  /** What kind of event this is. */
  enum Kind {
    MESSAGE,
    COMMENT,
    LEAD_FORM,
    DELIVERY_STATUS
  }

  /** This event's kind. */
  Kind kind();

  /** Unique within the provider, stable across redeliveries of the same event. */
  String dedupeKey();

  /** The platform's id of the connected account the event belongs to (page, number, ...). */
  String providerAccountId();

  /** Where the event happened. */
  Channel channel();

  /** When the event happened on the platform (not when we received it). */
  Instant occurredAt();

  /**
   * A direct message to a connected account.
   *
   * @param dedupeKey see {@link InboundEvent#dedupeKey()}
   * @param providerAccountId the receiving account's platform id
   * @param channel a DM channel: instagram_dm, facebook_dm, whatsapp, sms or email
   * @param providerMessageId the platform's id of the message
   * @param sender who sent it
   * @param text the text, empty for a message with attachments only
   * @param occurredAt when it was sent
   * @param referral the ad or post it answers, or {@link Referral#NONE}
   */
  record Message(
      String dedupeKey,
      String providerAccountId,
      Channel channel,
      String providerMessageId,
      Sender sender,
      String text,
      Instant occurredAt,
      Referral referral)
      implements InboundEvent {
    /**
     * Validates the components and copies the collections.
     *
     * @throws IllegalArgumentException if an id is blank or {@code channel} is not a DM channel
     * @throws NullPointerException if any parameter is null
     */
    public Message {
      Checks.notBlank(dedupeKey, "dedupeKey");
      Checks.notBlank(providerAccountId, "providerAccountId");
      Checks.notNull(channel, "channel");
      if (channel == Channel.INSTAGRAM_COMMENT
          || channel == Channel.FACEBOOK_COMMENT
          || channel == Channel.LEAD_FORM) {
        throw new IllegalArgumentException("a message's channel must be a DM channel: " + channel);
      }
      Checks.notBlank(providerMessageId, "providerMessageId");
      Checks.notNull(sender, "sender");
      Checks.notNull(text, "text");
      Checks.notNull(occurredAt, "occurredAt");
      Checks.notNull(referral, "referral");
    }

    @Override
    public Kind kind() {
      return Kind.MESSAGE;
    }
  }

  /**
   * A comment on a post or ad of a connected account.
   *
   * @param dedupeKey see {@link InboundEvent#dedupeKey()}
   * @param providerAccountId the page's or account's platform id
   * @param channel instagram_comment or facebook_comment
   * @param commentId the platform's id of the comment; replies go to it
   * @param parentCommentId the comment this one answers, or null for a top-level comment
   * @param sender who wrote it
   * @param text the text
   * @param occurredAt when it was written
   * @param referral the post (and ad, campaign) commented on; {@code postId} is required
   */
  record Comment(
      String dedupeKey,
      String providerAccountId,
      Channel channel,
      String commentId,
      @Nullable String parentCommentId,
      Sender sender,
      String text,
      Instant occurredAt,
      Referral referral)
      implements InboundEvent {
    /**
     * Validates the components and copies the collections.
     *
     * @throws IllegalArgumentException if an id is blank, {@code channel} is not a comment channel,
     *     or {@code referral} has no post id
     * @throws NullPointerException if a non-null parameter is null
     */
    public Comment {
      Checks.notBlank(dedupeKey, "dedupeKey");
      Checks.notBlank(providerAccountId, "providerAccountId");
      Checks.notNull(channel, "channel");
      if (channel != Channel.INSTAGRAM_COMMENT && channel != Channel.FACEBOOK_COMMENT) {
        throw new IllegalArgumentException("a comment's channel must be a comment channel");
      }
      Checks.notBlank(commentId, "commentId");
      parentCommentId = Checks.blankToNull(parentCommentId);
      Checks.notNull(sender, "sender");
      Checks.notNull(text, "text");
      Checks.notNull(occurredAt, "occurredAt");
      Checks.notNull(referral, "referral");
      if (referral.postId() == null) {
        throw new IllegalArgumentException("a comment's referral must name its post");
      }
    }

    @Override
    public Kind kind() {
      return Kind.COMMENT;
    }
  }

  /**
   * A submitted lead-ad form. Its channel is always {@link Channel#LEAD_FORM}.
   *
   * @param dedupeKey see {@link InboundEvent#dedupeKey()}
   * @param providerAccountId the page's or account's platform id
   * @param leadId the platform's id of the submission
   * @param formId the platform's id of the form
   * @param sender who submitted it, from the form's name, phone and email fields
   * @param fields every answer, field name to value, in the form's order
   * @param occurredAt when it was submitted
   * @param referral the ad and campaign the form ran in
   */
  record LeadForm(
      String dedupeKey,
      String providerAccountId,
      String leadId,
      String formId,
      Sender sender,
      Map<String, String> fields,
      Instant occurredAt,
      Referral referral)
      implements InboundEvent {
    /**
     * Validates the components and copies the collections.
     *
     * @throws IllegalArgumentException if an id is blank
     * @throws NullPointerException if any parameter is null or {@code fields} holds null
     */
    public LeadForm {
      Checks.notBlank(dedupeKey, "dedupeKey");
      Checks.notBlank(providerAccountId, "providerAccountId");
      Checks.notBlank(leadId, "leadId");
      Checks.notBlank(formId, "formId");
      Checks.notNull(sender, "sender");
      fields = Checks.orderedMap(fields, "fields");
      Checks.notNull(occurredAt, "occurredAt");
      Checks.notNull(referral, "referral");
    }

    @Override
    public Kind kind() {
      return Kind.LEAD_FORM;
    }

    @Override
    public Channel channel() {
      return Channel.LEAD_FORM;
    }
  }

  /**
   * The platform's news about a message we sent.
   *
   * @param dedupeKey see {@link InboundEvent#dedupeKey()}; typically message id + status
   * @param providerAccountId the sending account's platform id
   * @param channel the channel the message went out on
   * @param providerMessageId the id {@link Connector#send} returned in its {@link SendResult}
   * @param status sent, delivered, read or failed
   * @param failureReason the platform's reason for a {@link DeliveryStatus#FAILED} status, or null
   * @param occurredAt when the status changed
   */
  record DeliveryUpdate(
      String dedupeKey,
      String providerAccountId,
      Channel channel,
      String providerMessageId,
      DeliveryStatus status,
      @Nullable String failureReason,
      Instant occurredAt)
      implements InboundEvent {
    /**
     * Validates the components and copies the collections.
     *
     * @throws IllegalArgumentException if an id is blank
     * @throws NullPointerException if a non-null parameter is null
     */
    public DeliveryUpdate {
      Checks.notBlank(dedupeKey, "dedupeKey");
      Checks.notBlank(providerAccountId, "providerAccountId");
      Checks.notNull(channel, "channel");
      Checks.notBlank(providerMessageId, "providerMessageId");
      Checks.notNull(status, "status");
      failureReason = Checks.blankToNull(failureReason);
      Checks.notNull(occurredAt, "occurredAt");
    }

    @Override
    public Kind kind() {
      return Kind.DELIVERY_STATUS;
    }
  }
}
