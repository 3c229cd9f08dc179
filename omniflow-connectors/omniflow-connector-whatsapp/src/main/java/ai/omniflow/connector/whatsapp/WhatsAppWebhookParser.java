package ai.omniflow.connector.whatsapp;

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
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * Turns a {@code whatsapp_business_account} webhook into events: every {@code entry[]}, every
 * {@code changes[]} with {@code field: messages}, every {@code messages[]} and {@code statuses[]}.
 * Unknown objects, fields, message types and statuses are skipped (an empty list is an answer);
 * only unreadable JSON or a message missing its own id, sender or time is malformed. Stateless.
 */
final class WhatsAppWebhookParser {
  static final String OBJECT = "whatsapp_business_account";

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

  List<InboundEvent> parse(byte[] body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException | RuntimeException e) {
      throw malformed("the webhook body is not JSON");
    }
    if (root == null || !root.isObject()) {
      throw malformed("the webhook body is not a JSON object");
    }
    if (!OBJECT.equals(root.path("object").asText())) {
      return List.of(); // another object type: acknowledged, nothing to do
    }
    List<InboundEvent> events = new ArrayList<>();
    for (JsonNode entry : root.path("entry")) {
      for (JsonNode change : entry.path("changes")) {
        if (!"messages".equals(change.path("field").asText("messages"))) {
          continue;
        }
        JsonNode value = change.path("value");
        String account = text(value.path("metadata"), "phone_number_id");
        if (account == null) {
          if (value.has("messages") || value.has("statuses")) {
            throw malformed("a change has messages but no metadata.phone_number_id");
          }
          continue;
        }
        checkId(account, "metadata.phone_number_id");
        Map<String, String> names = contactNames(value.path("contacts"));
        for (JsonNode message : value.path("messages")) {
          InboundEvent event = message(account, message, names);
          if (event != null) {
            events.add(event);
          }
        }
        for (JsonNode status : value.path("statuses")) {
          InboundEvent event = status(account, status);
          if (event != null) {
            events.add(event);
          }
        }
      }
    }
    return List.copyOf(events);
  }

  private static Map<String, String> contactNames(JsonNode contacts) {
    Map<String, String> names = new HashMap<>();
    for (JsonNode contact : contacts) {
      String waId = text(contact, "wa_id");
      String name = text(contact.path("profile"), "name");
      if (waId != null && name != null && waId.length() <= Bounds.MAX_ID) {
        names.put(waId, Bounds.cut(name, Bounds.MAX_ID));
      }
    }
    return names;
  }

  private static InboundEvent.@Nullable Message message(
      String account, JsonNode message, Map<String, String> names) {
    String id = required(message, "id", "a message's id");
    String from = required(message, "from", "a message's sender");
    Instant at = timestamp(message, "a message's timestamp");
    String type = message.path("type").asText("");
    String text =
        switch (type) {
          case "text" -> message.path("text").path("body").asText("");
          case "image", "video", "document", "audio", "sticker" -> media(message.path(type));
          case "interactive" -> interactive(message.path("interactive"));
          case "button" -> message.path("button").path("text").asText("");
          case "location" -> location(message.path("location"));
          case "contacts" -> contacts(message.path("contacts"));
          default -> null; // reactions, system notices, unsupported types
        };
    if (text == null) {
      return null;
    }
    String phone = from.chars().allMatch(Character::isDigit) ? "+" + from : null;
    Sender sender = new Sender(from, names.get(from), phone, null);
    return new InboundEvent.Message(
        id, account, Channel.WHATSAPP, id, sender, Bounds.text(text), at, referral(message));
  }

  /** A caption is the text of a media message; media without one has empty text (as the SPI). */
  private static String media(JsonNode media) {
    return media.path("caption").asText("");
  }

  private static @Nullable String interactive(JsonNode interactive) {
    String kind = interactive.path("type").asText("");
    return switch (kind) {
      case "button_reply" -> interactive.path("button_reply").path("title").asText("");
      case "list_reply" -> {
        JsonNode reply = interactive.path("list_reply");
        String title = reply.path("title").asText("");
        String description = reply.path("description").asText("");
        yield description.isEmpty() ? title : title + " — " + description;
      }
      case "nfm_reply" -> interactive.path("nfm_reply").path("body").asText("");
      default -> null;
    };
  }

  /** A shared location as text a person reads: name, address and coordinates. */
  private static String location(JsonNode location) {
    StringJoiner parts = new StringJoiner(", ");
    String name = location.path("name").asText("");
    String address = location.path("address").asText("");
    if (!name.isEmpty()) {
      parts.add(name);
    }
    if (!address.isEmpty()) {
      parts.add(address);
    }
    String coordinates =
        location.path("latitude").asText("?") + ", " + location.path("longitude").asText("?");
    String place = parts.toString();
    return "Location: " + (place.isEmpty() ? coordinates : place + " (" + coordinates + ")");
  }

  private static String contacts(JsonNode contacts) {
    StringJoiner shared = new StringJoiner("; ", "Contact: ", "");
    for (JsonNode contact : contacts) {
      StringJoiner one = new StringJoiner(" ");
      String name = contact.path("name").path("formatted_name").asText("");
      if (!name.isEmpty()) {
        one.add(name);
      }
      for (JsonNode phone : contact.path("phones")) {
        one.add(phone.path("phone").asText(""));
      }
      shared.add(one.toString());
    }
    return shared.toString();
  }

  /** A click-to-WhatsApp ad or post the message answers, for attribution. */
  private static Referral referral(JsonNode message) {
    JsonNode referral = message.path("referral");
    if (!referral.isObject()) {
      return Referral.NONE;
    }
    String sourceId = text(referral, "source_id");
    if (sourceId == null || sourceId.length() > Bounds.MAX_ID) {
      return Referral.NONE;
    }
    return "ad".equals(referral.path("source_type").asText())
        ? new Referral(null, sourceId, null)
        : new Referral(null, null, sourceId);
  }

  private static InboundEvent.@Nullable DeliveryUpdate status(String account, JsonNode status) {
    String id = required(status, "id", "a status's message id");
    String name = status.path("status").asText("").toLowerCase(Locale.ROOT);
    DeliveryStatus delivery =
        switch (name) {
          case "sent" -> DeliveryStatus.SENT;
          case "delivered" -> DeliveryStatus.DELIVERED;
          case "read" -> DeliveryStatus.READ;
          case "failed" -> DeliveryStatus.FAILED;
          default -> null; // deleted, warning, played, ...: nothing to record
        };
    if (delivery == null) {
      return null;
    }
    Instant at = timestamp(status, "a status's timestamp");
    String reason = null;
    if (delivery == DeliveryStatus.FAILED) {
      JsonNode code = status.path("errors").path(0).path("code");
      // The code only: the error's title and details may echo a URL or the message.
      reason = code.canConvertToInt() ? "whatsapp error " + code.asInt() : "whatsapp error";
    }
    return new InboundEvent.DeliveryUpdate(
        id + ":" + name, account, Channel.WHATSAPP, id, delivery, reason, at);
  }

  private static String required(JsonNode node, String field, String what) {
    String value = text(node, field);
    if (value == null) {
      throw malformed(what + " is missing");
    }
    return checkId(value, what);
  }

  private static String checkId(String value, String what) {
    if (value.length() > Bounds.MAX_ID) {
      throw malformed(what + " is longer than " + Bounds.MAX_ID + " characters");
    }
    return value;
  }

  private static Instant timestamp(JsonNode node, String what) {
    JsonNode value = node.path("timestamp");
    String digits = value.asText("");
    if (digits.isEmpty() || digits.length() > 12 || !digits.chars().allMatch(Character::isDigit)) {
      throw malformed(what + " is not epoch seconds");
    }
    return Instant.ofEpochSecond(Long.parseLong(digits));
  }

  private static @Nullable String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !(value.isTextual() || value.isNumber())) {
      return null;
    }
    String text = value.asText();
    return text.isBlank() ? null : text;
  }

  private static WhatsAppException malformed(String what) {
    return WhatsAppException.of(
        FailureKind.MALFORMED_PAYLOAD, "malformed_payload", null, "whatsapp webhook: " + what);
  }
}
