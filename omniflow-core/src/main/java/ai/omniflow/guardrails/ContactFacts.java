package ai.omniflow.guardrails;

import ai.omniflow.Limits;
import ai.omniflow.OmniFlowException;
import ai.omniflow.connector.spi.Channel;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the guardrails need to know about the recipient: consent per channel (from the consent
 * ledger), the time zone if known, a phone number to guess the zone from otherwise, when the
 * contact last wrote on each channel, how many marketing messages they had today and this week
 * (counted in the days of {@link Guardrails#countingZone}), and, for the answer to a HELP, when
 * that HELP came in.
 *
 * <pre>{@code
 * ContactFacts facts = ContactFacts.builder()
 *     .consent(Channel.SMS, ConsentState.GIVEN)
 *     .phone("+14155550101")
 *     .lastInbound(Channel.WHATSAPP, lastInboundAt)
 *     .sends(1, 4)
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param consent consent per channel; a channel not in the map is {@link ConsentState#UNKNOWN}
 * @param zone the contact's own IANA time zone, or {@code null} if unknown
 * @param phone the contact's phone number in E.164 ({@code +} and 6 to 15 digits), or {@code null}
 * @param lastInbound when the contact last wrote, per channel; a channel not in the map never
 * @param sendsToday marketing messages sent to the contact today, 0 to {@value #MAX_SENDS}
 * @param sendsThisWeek marketing messages sent this week (Monday to Sunday), 0 to {@value
 *     #MAX_SENDS}
 * @param helpAsked when OmniFlow took in the inbound HELP that a {@link MessageKind#HELP_ANSWER}
 *     answers, per channel; empty for every other message
 */
public record ContactFacts(
    Map<Channel, ConsentState> consent,
    @Nullable ZoneId zone,
    @Nullable String phone,
    Map<Channel, Instant> lastInbound,
    int sendsToday,
    int sendsThisWeek,
    Map<Channel, Instant> helpAsked) {

  /** The most sends per day or week the facts may state. */
  public static final int MAX_SENDS = 1_000_000;

  /** The longest phone number: {@code +} and 15 digits (E.164). */
  public static final int MAX_PHONE = 16;

  /**
   * @throws OmniFlowException {@code invalid_phone} if the phone is not {@code +} and 8 to 15
   *     digits; {@code invalid_sends} if a count is negative or over {@value #MAX_SENDS}; {@code
   *     invalid_last_inbound} or {@code invalid_help_asked} if an instant lies outside {@link
   *     Limits#EARLIEST} to {@link Limits#LATEST}
   * @throws NullPointerException if a map, a key or a value is null
   */
  public ContactFacts {
    consent = copy(consent);
    lastInbound = copy(lastInbound);
    for (Instant at : lastInbound.values()) {
      Limits.instant("last_inbound", at);
    }
    helpAsked = copy(helpAsked);
    for (Instant at : helpAsked.values()) {
      Limits.instant("help_asked", at);
    }
    if (phone != null && !isE164(phone)) {
      throw OmniFlowException.invalidInput(
          "invalid_phone", "phone must be + and 6 to 15 digits (E.164).");
    }
    if (sendsToday < 0
        || sendsToday > MAX_SENDS
        || sendsThisWeek < 0
        || sendsThisWeek > MAX_SENDS) {
      throw OmniFlowException.invalidInput(
          "invalid_sends", "sends must be from 0 to " + MAX_SENDS + ".");
    }
  }

  private static <V> Map<Channel, V> copy(Map<Channel, V> map) {
    Objects.requireNonNull(map, "map");
    return map.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(map));
  }

  /** Whether {@code phone} is {@code +} and 6 to 15 digits, the first not 0. */
  static boolean isE164(String phone) {
    int n = phone.length();
    if (n < 7 || n > MAX_PHONE || phone.charAt(0) != '+' || phone.charAt(1) == '0') {
      return false;
    }
    for (int i = 1; i < n; i++) {
      char c = phone.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** The consent for {@code channel}, {@link ConsentState#UNKNOWN} if the facts have none. */
  public ConsentState consentFor(Channel channel) {
    return consent.getOrDefault(channel, ConsentState.UNKNOWN);
  }

  /** When the contact last wrote on {@code channel}, or {@code null} if never. */
  public @Nullable Instant lastInboundOn(Channel channel) {
    return lastInbound.get(channel);
  }

  /**
   * When the inbound HELP that a {@link MessageKind#HELP_ANSWER} on {@code channel} answers came
   * in, or {@code null} if none did.
   */
  public @Nullable Instant helpAskedOn(Channel channel) {
    return helpAsked.get(channel);
  }

  /** A builder of facts with nothing known: no consent, no zone, no phone, no sends. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link ContactFacts}. Not thread-safe. */
  public static final class Builder {
    private final Map<Channel, ConsentState> consent = new EnumMap<>(Channel.class);
    private final Map<Channel, Instant> lastInbound = new EnumMap<>(Channel.class);
    private final Map<Channel, Instant> helpAsked = new EnumMap<>(Channel.class);
    private @Nullable ZoneId zone;
    private @Nullable String phone;
    private int sendsToday;
    private int sendsThisWeek;

    private Builder() {}

    /** The consent for one channel. */
    public Builder consent(Channel channel, ConsentState state) {
      consent.put(
          Objects.requireNonNull(channel, "channel"), Objects.requireNonNull(state, "state"));
      return this;
    }

    /** The consent for every channel. */
    public Builder consentEverywhere(ConsentState state) {
      for (Channel c : Channel.values()) {
        consent(c, state);
      }
      return this;
    }

    /** The contact's own time zone, or {@code null} if unknown. */
    public Builder zone(@Nullable ZoneId zone) {
      this.zone = zone;
      return this;
    }

    /** The contact's phone number in E.164, or {@code null}. */
    public Builder phone(@Nullable String phone) {
      this.phone = phone;
      return this;
    }

    /** When the contact last wrote on {@code channel}. */
    public Builder lastInbound(Channel channel, Instant at) {
      lastInbound.put(Objects.requireNonNull(channel, "channel"), Objects.requireNonNull(at, "at"));
      return this;
    }

    /**
     * When OmniFlow took in the inbound HELP on {@code channel} that the message checked answers:
     * only the inbox's answer to that HELP states it.
     */
    public Builder helpAsked(Channel channel, Instant at) {
      helpAsked.put(Objects.requireNonNull(channel, "channel"), Objects.requireNonNull(at, "at"));
      return this;
    }

    /** Marketing messages sent today and this week. */
    public Builder sends(int today, int thisWeek) {
      this.sendsToday = today;
      this.sendsThisWeek = thisWeek;
      return this;
    }

    /**
     * @throws OmniFlowException as the record's constructor
     */
    public ContactFacts build() {
      return new ContactFacts(
          consent, zone, phone, lastInbound, sendsToday, sendsThisWeek, helpAsked);
    }
  }
}
