package ai.omniflow.connector.twilio;

import ai.omniflow.connector.spi.Channel;
import ai.omniflow.connector.spi.DeliveryStatus;
import ai.omniflow.connector.spi.FailureKind;
import ai.omniflow.connector.spi.InboundEvent;
import ai.omniflow.connector.spi.Referral;
import ai.omniflow.connector.spi.Sender;
import ai.omniflow.connector.spi.WebhookRequest;
import ai.omniflow.connector.support.internal.Bounds;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads Twilio's form-encoded webhooks: an inbound message (a {@code MessageSid} without a {@code
 * MessageStatus}, or with {@code received}) or a status callback. STOP, START, HELP and every other
 * keyword are ordinary messages: consent belongs to the guardrails, so nothing is dropped.
 * Stateless but for the clock.
 */
final class TwilioWebhookParser {
  /** The most form parameters read from one delivery. */
  static final int MAX_PARAMS = 200;

  private static final DateTimeFormatter DLR_DONE_DATE =
      DateTimeFormatter.ofPattern("yyMMddHHmm", Locale.ROOT);

  private final Clock clock;

  TwilioWebhookParser(Clock clock) {
    this.clock = clock;
  }

  /** The form parameters of {@code body}, in order, repeated names kept. */
  static List<Map.Entry<String, String>> form(byte[] body) {
    List<Map.Entry<String, String>> params = new ArrayList<>();
    String text = new String(body, StandardCharsets.UTF_8);
    if (text.isEmpty()) {
      return params;
    }
    for (String pair : text.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      if (params.size() == MAX_PARAMS) {
        throw malformed("the webhook has more than " + MAX_PARAMS + " parameters");
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = decode(eq < 0 ? "" : pair.substring(eq + 1));
      if (name.length() > Bounds.MAX_ID || value.length() > Bounds.MAX_TEXT) {
        throw malformed("a webhook parameter is too long");
      }
      params.add(new AbstractMap.SimpleImmutableEntry<>(name, value));
    }
    return params;
  }

  List<InboundEvent> parse(WebhookRequest request) {
    Map<String, String> params = new LinkedHashMap<>();
    for (Map.Entry<String, String> param : form(request.rawBody())) {
      params.putIfAbsent(param.getKey(), param.getValue());
    }
    String sid = first(params, "MessageSid", "SmsSid");
    if (sid == null) {
      if (params.isEmpty() || !params.containsKey("AccountSid")) {
        throw malformed("the webhook is not a Twilio message webhook");
      }
      return List.of(); // a Twilio webhook about something else: nothing to record
    }
    checkId(sid, "MessageSid");
    String status = first(params, "MessageStatus", "SmsStatus");
    if (status == null || "received".equalsIgnoreCase(status)) {
      return List.of(message(request, params, sid));
    }
    InboundEvent event = statusUpdate(request, params, sid, status.toLowerCase(Locale.ROOT));
    return event == null ? List.of() : List.of(event);
  }

  private InboundEvent.Message message(
      WebhookRequest request, Map<String, String> params, String sid) {
    String from = checkId(required(params, "From"), "From");
    String to = checkId(required(params, "To"), "To");
    Channel channel = from.startsWith("whatsapp:") ? Channel.WHATSAPP : Channel.SMS;
    String phone = address(from);
    Sender sender =
        new Sender(
            from,
            Bounds.cut(params.getOrDefault("ProfileName", ""), Bounds.MAX_ID),
            phone.startsWith("+") ? phone : null,
            null);
    return new InboundEvent.Message(
        sid,
        address(to),
        channel,
        sid,
        sender,
        Bounds.text(params.getOrDefault("Body", "")),
        receivedAt(request),
        Referral.NONE);
  }

  private InboundEvent.@Nullable DeliveryUpdate statusUpdate(
      WebhookRequest request, Map<String, String> params, String sid, String status) {
    DeliveryStatus delivery =
        switch (status) {
          case "sent" -> DeliveryStatus.SENT;
          case "delivered" -> DeliveryStatus.DELIVERED;
          case "read" -> DeliveryStatus.READ;
          case "undelivered", "failed" -> DeliveryStatus.FAILED;
          default -> null; // queued, accepted, scheduled, sending, canceled: not yet news
        };
    if (delivery == null) {
      return null;
    }
    String from = first(params, "From", "MessagingServiceSid", "AccountSid");
    if (from == null) {
      throw malformed("a status callback names no sender");
    }
    checkId(from, "From");
    String reason = null;
    if (delivery == DeliveryStatus.FAILED) {
      String code = params.getOrDefault("ErrorCode", "");
      reason = code.matches("[0-9]{1,6}") ? "twilio " + status + " " + code : "twilio " + status;
    }
    Channel channel = from.startsWith("whatsapp:") ? Channel.WHATSAPP : Channel.SMS;
    Instant at = doneDate(params.get("RawDlrDoneDate"));
    return new InboundEvent.DeliveryUpdate(
        sid + ":" + status,
        address(from),
        channel,
        sid,
        delivery,
        reason,
        at != null ? at : receivedAt(request));
  }

  /**
   * When the delivery happened. Twilio's message webhooks carry no time, so this is the request's
   * {@code Date} header (a host replaying a stored delivery sets it to when it received it), else
   * the clock's now.
   */
  private Instant receivedAt(WebhookRequest request) {
    String date = request.header("Date").orElse(null);
    if (date != null && date.length() <= 64) {
      try {
        return ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      } catch (DateTimeParseException e) {
        // not a date: fall back to the clock
      }
    }
    return clock.instant();
  }

  /** {@code RawDlrDoneDate}: the carrier's delivery-receipt time, {@code YYMMDDhhmm} in UTC. */
  private static @Nullable Instant doneDate(@Nullable String value) {
    if (value == null || !value.matches("[0-9]{10}")) {
      return null;
    }
    try {
      return LocalDateTime.parse(value, DLR_DONE_DATE).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** The number without the {@code whatsapp:} channel prefix Twilio puts on WhatsApp addresses. */
  private static String address(String value) {
    return value.startsWith("whatsapp:") ? value.substring("whatsapp:".length()) : value;
  }

  private static @Nullable String first(Map<String, String> params, String... names) {
    for (String name : names) {
      String value = params.get(name);
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    return null;
  }

  private static String required(Map<String, String> params, String name) {
    String value = first(params, name);
    if (value == null) {
      throw malformed("the message has no " + name);
    }
    return value;
  }

  private static String checkId(String value, String what) {
    if (value.length() > Bounds.MAX_ID) {
      throw malformed(what + " is longer than " + Bounds.MAX_ID + " characters");
    }
    return value;
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw malformed("the webhook body is not form-encoded");
    }
  }

  private static TwilioException malformed(String what) {
    return TwilioException.of(
        FailureKind.MALFORMED_PAYLOAD, "malformed_payload", null, "twilio webhook: " + what);
  }
}
