package ai.omniflow.connector.mock;

import ai.omniflow.connector.spi.Channel;
import ai.omniflow.connector.spi.ConnectorException;
import ai.omniflow.connector.spi.DeliveryStatus;
import ai.omniflow.connector.spi.FailureKind;
import ai.omniflow.connector.spi.InboundEvent;
import ai.omniflow.connector.spi.Referral;
import ai.omniflow.connector.spi.Sender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Parses the mock platform's webhook JSON (see the package doc). Thread-safe. */
final class MockWebhookParser {
  private final ObjectMapper json;

  MockWebhookParser(ObjectMapper json) {
    this.json = json;
  }

  List<InboundEvent> parse(byte[] body) {
    try {
      JsonNode root = json.readTree(body);
      if (root == null || !root.isObject()) {
        throw new IllegalArgumentException("the body is not a JSON object");
      }
      String account = required(root, "account_id");
      JsonNode events = root.path("events");
      if (!events.isArray()) {
        throw new IllegalArgumentException("events must be an array");
      }
      List<InboundEvent> parsed = new ArrayList<>();
      for (JsonNode event : events) {
        InboundEvent one = event(account, event);
        if (one != null) {
          parsed.add(one);
        }
      }
      return List.copyOf(parsed);
    } catch (IOException | RuntimeException e) {
      // Neither the body nor the parser's message goes into ours: a body may hold anything.
      throw new ConnectorException(
          FailureKind.MALFORMED_PAYLOAD,
          "mock webhook body unreadable: " + e.getClass().getSimpleName());
    }
  }

  private static @Nullable InboundEvent event(String account, JsonNode e) {
    String type = required(e, "type");
    return switch (type) {
      case "message" -> {
        String id = required(e, "id");
        yield new InboundEvent.Message(
            "message:" + id,
            account,
            Channel.fromId(required(e, "channel")),
            id,
            sender(e.path("from")),
            e.path("text").asText(""),
            Instant.parse(required(e, "timestamp")),
            referral(e.path("referral"), null));
      }
      case "comment" -> {
        String id = required(e, "id");
        yield new InboundEvent.Comment(
            "comment:" + id,
            account,
            Channel.fromId(required(e, "channel")),
            id,
            optional(e, "parent_id"),
            sender(e.path("from")),
            e.path("text").asText(""),
            Instant.parse(required(e, "timestamp")),
            referral(e.path("referral"), required(e, "post_id")));
      }
      case "lead_form" -> {
        String id = required(e, "id");
        Map<String, String> fields = new LinkedHashMap<>();
        e.path("fields").properties().forEach(f -> fields.put(f.getKey(), f.getValue().asText()));
        yield new InboundEvent.LeadForm(
            "lead_form:" + id,
            account,
            id,
            required(e, "form_id"),
            new Sender(
                null, fields.get("full_name"), fields.get("phone_number"), fields.get("email")),
            fields,
            Instant.parse(required(e, "timestamp")),
            referral(e.path("referral"), null));
      }
      case "delivery_status" -> {
        String messageId = required(e, "message_id");
        String status = required(e, "status");
        yield new InboundEvent.DeliveryUpdate(
            "delivery_status:" + messageId + ":" + status,
            account,
            Channel.fromId(required(e, "channel")),
            messageId,
            DeliveryStatus.valueOf(status.toUpperCase(Locale.ROOT)),
            optional(e, "error"),
            Instant.parse(required(e, "timestamp")));
      }
      default -> null; // a type OmniFlow does not use
    };
  }

  private static Sender sender(JsonNode from) {
    return new Sender(
        optional(from, "id"),
        optional(from, "name"),
        optional(from, "phone"),
        optional(from, "email"));
  }

  private static Referral referral(JsonNode referral, @Nullable String postId) {
    String post = postId != null ? postId : optional(referral, "post_id");
    return new Referral(optional(referral, "campaign_id"), optional(referral, "ad_id"), post);
  }

  private static String required(JsonNode node, String field) {
    String value = optional(node, field);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("missing field " + field);
    }
    return value;
  }

  private static @Nullable String optional(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
