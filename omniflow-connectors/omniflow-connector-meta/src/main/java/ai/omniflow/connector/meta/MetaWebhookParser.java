package ai.omniflow.connector.meta;

import ai.omniflow.connector.spi.Channel;
import ai.omniflow.connector.spi.DeliveryStatus;
import ai.omniflow.connector.spi.FailureKind;
import ai.omniflow.connector.spi.InboundEvent;
import ai.omniflow.connector.spi.Referral;
import ai.omniflow.connector.spi.Sender;
import ai.omniflow.connector.support.internal.Bounds;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Turns a Meta webhook ({@code object: page} or {@code object: instagram}) into events: every
 * {@code entry[]}, every {@code messaging[]} and every {@code changes[]}. Unknown objects, fields,
 * items and event types are skipped, as is an event missing an id it needs or carrying an id longer
 * than 256 characters; only unreadable JSON is malformed. Lead-ad changes are handed to the {@code
 * leads} function, which reads the lead from the Graph API. Stateless.
 */
final class MetaWebhookParser {
  /** A {@code leadgen} change: what the webhook says before the lead is read. */
  record LeadChange(
      String pageId,
      String leadgenId,
      @Nullable String formId,
      @Nullable String adId,
      @Nullable Instant createdAt) {}

  private static final ObjectMapper JSON =
      new ObjectMapper(
          JsonFactory.builder()
              .streamReadConstraints(
                  StreamReadConstraints.builder()
                      .maxNestingDepth(64)
                      .maxStringLength(1_000_000)
                      .maxNumberLength(100)
                      .build())
              .build());

  /** Epoch values above this are milliseconds (Messenger), below it seconds (changes). */
  private static final long MILLIS_THRESHOLD = 100_000_000_000L;

  List<InboundEvent> parse(byte[] body, Function<LeadChange, @Nullable InboundEvent> leads) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException | RuntimeException e) {
      throw malformed("the webhook body is not JSON");
    }
    if (root == null || !root.isObject()) {
      throw malformed("the webhook body is not a JSON object");
    }
    String object = root.path("object").asText("");
    boolean instagram = "instagram".equals(object);
    if (!instagram && !"page".equals(object)) {
      return List.of(); // another object type: acknowledged, nothing to do
    }
    List<InboundEvent> events = new ArrayList<>();
    for (JsonNode entry : root.path("entry")) {
      String account = id(entry.path("id"));
      if (account == null) {
        continue;
      }
      Instant entryTime = time(entry.path("time"));
      for (JsonNode messaging : entry.path("messaging")) {
        messaging(events, account, instagram, messaging);
      }
      for (JsonNode change : entry.path("changes")) {
        String field = change.path("field").asText("");
        JsonNode value = change.path("value");
        if (!instagram && "feed".equals(field)) {
          add(events, facebookComment(account, value));
        } else if (instagram && ("comments".equals(field) || "live_comments".equals(field))) {
          add(events, instagramComment(account, value, entryTime));
        } else if (!instagram && "leadgen".equals(field)) {
          LeadChange lead = leadChange(account, value);
          if (lead != null) {
            add(events, leads.apply(lead));
          }
        } else if (instagram && "messages".equals(field)) {
          // Instagram's newer envelope puts a DM in changes[].value with the messaging shape.
          messaging(events, account, true, value);
        }
      }
    }
    return List.copyOf(events);
  }

  private static void add(List<InboundEvent> events, @Nullable InboundEvent event) {
    if (event != null) {
      events.add(event);
    }
  }

  /**
   * A Messenger or Instagram DM, or an echo of a message the account sent (a {@code SENT} delivery
   * update), or a {@code delivery} receipt (one {@code DELIVERED} update per {@code mids[]}).
   */
  private static void messaging(
      List<InboundEvent> events, String account, boolean instagram, JsonNode event) {
    Instant at = time(event.path("timestamp"));
    if (at == null) {
      return;
    }
    Channel channel = instagram ? Channel.INSTAGRAM_DM : Channel.FACEBOOK_DM;
    JsonNode message = event.path("message");
    if (message.isObject()) {
      String mid = id(message.path("mid"));
      if (mid == null || message.path("is_deleted").asBoolean(false)) {
        return;
      }
      if (message.path("is_echo").asBoolean(false)) {
        // Our own send (or one from the page's inbox) coming back: never a customer message.
        events.add(
            new InboundEvent.DeliveryUpdate(
                "echo:" + mid, account, channel, mid, DeliveryStatus.SENT, null, at));
        return;
      }
      String sender = id(event.path("sender").path("id"));
      if (sender == null || sender.equals(account)) {
        return;
      }
      String text = Bounds.text(message.path("text").asText(""));
      JsonNode referral =
          message.has("referral") ? message.path("referral") : event.path("referral");
      events.add(
          new InboundEvent.Message(
              "mid:" + mid,
              account,
              channel,
              mid,
              Sender.ofHandle(sender),
              text,
              at,
              referral(referral)));
      return;
    }
    JsonNode delivery = event.path("delivery");
    if (delivery.isObject()) {
      for (JsonNode each : delivery.path("mids")) {
        String mid = id(each);
        if (mid != null) {
          events.add(
              new InboundEvent.DeliveryUpdate(
                  "delivered:" + mid, account, channel, mid, DeliveryStatus.DELIVERED, null, at));
        }
      }
    }
    // reads (watermarks only), postbacks, reactions, typing: nothing to store
  }

  private static Referral referral(JsonNode referral) {
    if (!referral.isObject()) {
      return Referral.NONE;
    }
    String adId = id(referral.path("ad_id"));
    String postId = id(referral.path("ads_context_data").path("post_id"));
    return new Referral(null, adId, postId);
  }

  /** A {@code feed} change with {@code item: comment} and {@code verb: add}. */
  private static @Nullable InboundEvent facebookComment(String page, JsonNode value) {
    if (!"comment".equals(value.path("item").asText(""))
        || !"add".equals(value.path("verb").asText(""))) {
      return null;
    }
    String commentId = id(value.path("comment_id"));
    String postId = id(value.path("post_id"));
    String from = id(value.path("from").path("id"));
    Instant at = time(value.path("created_time"));
    if (commentId == null || postId == null || from == null || at == null || from.equals(page)) {
      return null; // the page's own replies are not customer comments
    }
    String parent = id(value.path("parent_id"));
    String name = bounded(value.path("from").path("name"));
    return new InboundEvent.Comment(
        "comment:" + commentId,
        page,
        Channel.FACEBOOK_COMMENT,
        commentId,
        postId.equals(parent) ? null : parent,
        new Sender(from, name, null, null),
        Bounds.text(value.path("message").asText("")),
        at,
        new Referral(null, id(value.path("ad_id")), postId));
  }

  /** A {@code comments} change of an Instagram professional account. */
  private static @Nullable InboundEvent instagramComment(
      String account, JsonNode value, @Nullable Instant entryTime) {
    String commentId = id(value.path("id"));
    JsonNode media = value.path("media");
    String postId = id(media.path("id"));
    String from = id(value.path("from").path("id"));
    Instant at = value.has("timestamp") ? time(value.path("timestamp")) : entryTime;
    if (commentId == null || postId == null || from == null || at == null || from.equals(account)) {
      return null;
    }
    return new InboundEvent.Comment(
        "comment:" + commentId,
        account,
        Channel.INSTAGRAM_COMMENT,
        commentId,
        id(value.path("parent_id")),
        new Sender(from, bounded(value.path("from").path("username")), null, null),
        Bounds.text(value.path("text").asText("")),
        at,
        new Referral(null, id(media.path("ad_id")), postId));
  }

  private static @Nullable LeadChange leadChange(String page, JsonNode value) {
    String leadgenId = id(value.path("leadgen_id"));
    if (leadgenId == null) {
      return null;
    }
    String pageId = id(value.path("page_id"));
    return new LeadChange(
        pageId == null ? page : pageId,
        leadgenId,
        id(value.path("form_id")),
        id(value.path("ad_id")),
        time(value.path("created_time")));
  }

  /** An id (string or number) of 1 to 256 characters, else null. */
  static @Nullable String id(JsonNode node) {
    if (!node.isTextual() && !node.isIntegralNumber()) {
      return null;
    }
    String text = node.asText("");
    return text.isBlank() || text.length() > Bounds.MAX_ID ? null : text;
  }

  private static @Nullable String bounded(JsonNode node) {
    String text = node.isTextual() ? node.asText("") : "";
    return text.isBlank() || text.length() > Bounds.MAX_ID ? null : text;
  }

  /** An epoch time in seconds or milliseconds, else null. */
  static @Nullable Instant time(JsonNode node) {
    if (!node.canConvertToLong() || !node.isNumber()) {
      return null;
    }
    long value = node.asLong();
    if (value <= 0) {
      return null;
    }
    return value > MILLIS_THRESHOLD ? Instant.ofEpochMilli(value) : Instant.ofEpochSecond(value);
  }

  private static MetaException malformed(String message) {
    return MetaException.of(
        FailureKind.MALFORMED_PAYLOAD, "malformed_payload", null, "meta " + message);
  }
}
