package ai.omniflow.guardrails;

import ai.omniflow.guardrails.internal.PhoneRegions;
import ai.omniflow.guardrails.internal.RegionZoneTable;
import ai.omniflow.guardrails.internal.ZoneSet;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The one check every outbound message passes: consent, channel window, frequency cap and quiet
 * hours, in that order, the first rule that blocks deciding. Pure: the facts and the time are
 * passed in, nothing is read or written.
 *
 * <pre>{@code
 * Guardrails guardrails = Guardrails.builder()
 *     .orgZones(List.of(ZoneId.of("America/New_York")))
 *     .regionalHours("US", new SendingHours(LocalTime.of(8, 0), LocalTime.of(20, 0)))
 *     .frequencyCap(new FrequencyCap(2, 5))
 *     .build();
 * GuardrailDecision d = guardrails.check(OutboundMessage.agentReply(Channel.WHATSAPP), facts, now);
 * }</pre>
 *
 * <p>What each rule enforces and why is in docs/compliance.md:
 *
 * <ul>
 *   <li>{@link GuardrailRule#CONSENT}: {@code contact_opted_out} for any message on a channel whose
 *       consent is withdrawn, save the answer to a HELP just taken in on it ({@link
 *       GuardrailExemption#HELP_ANSWER}); {@code consent_missing} for a marketing message where it
 *       was never given.
 *   <li>{@link GuardrailRule#CHANNEL_WINDOW}: {@code window_closed} for free text on WhatsApp more
 *       than 24 h after the contact's last inbound message there, and for any message on Messenger
 *       or Instagram past 24 h (7 days for a human agent's reply).
 *   <li>{@link GuardrailRule#FREQUENCY_CAP}: {@code frequency_cap} for a marketing message once the
 *       day's or week's cap is reached, until the next day or week.
 *   <li>{@link GuardrailRule#QUIET_HOURS}: {@code quiet_hours} for a marketing message outside the
 *       sending hours in the recipient's local time, until the hours start again.
 * </ul>
 *
 * <p>A blocked decision's {@code until}, when it has one, is itself within the sending hours.
 *
 * <p>Immutable and thread-safe.
 */
public final class Guardrails {
  /** The most regions with sending hours of their own. */
  public static final int MAX_REGIONS = 300;

  /** The most org zones. */
  public static final int MAX_ORG_ZONES = 100;

  /**
   * How long after an inbound HELP its answer may still pass an opt-out of the channel ({@link
   * GuardrailExemption#HELP_ANSWER}): the answer is sent as soon as the HELP is taken in, so this
   * only covers a slow send, not a later message.
   */
  public static final Duration HELP_ANSWER_WINDOW = Duration.ofMinutes(15);

  private final ConsentRule consent = new ConsentRule();
  private final ChannelWindowRule window = new ChannelWindowRule();
  private final FrequencyCapRule caps;
  private final QuietHoursRule quietHours;
  private final ZoneId countingZone;
  private final Builder settings;

  private Guardrails(Builder b) {
    this.settings = b.copy();
    this.caps = new FrequencyCapRule(b.cap);
    this.quietHours =
        new QuietHoursRule(
            b.hours,
            b.regional,
            b.orgZones.isEmpty() ? ZoneSet.of(ZoneOffset.UTC) : ZoneSet.of(b.orgZones));
    this.countingZone = b.orgZones.isEmpty() ? ZoneOffset.UTC : b.orgZones.get(0);
  }

  /**
   * The channel window {@code message} must fall in, as {@link GuardrailRule#CHANNEL_WINDOW}
   * decides it in {@link #check}: 24 hours after the contact's last inbound message for free text
   * on WhatsApp and for Messenger and Instagram direct messages, 7 days there for a human agent's
   * reply; {@code null} for an approved WhatsApp template and on every other channel.
   *
   * @throws NullPointerException if {@code message} is null
   */
  public static @Nullable Duration channelWindow(OutboundMessage message) {
    return ChannelWindowRule.windowFor(Objects.requireNonNull(message, "message"));
  }

  /**
   * Whether {@link GuardrailRule#CHANNEL_WINDOW} alone blocks {@code message} at {@code now}, the
   * contact having last written on its channel at {@code lastInbound} ({@code null} if never): the
   * message has a {@link #channelWindow} and the contact never wrote, or wrote longer ago. The
   * other rules are not asked.
   *
   * @throws NullPointerException if {@code message} or {@code now} is null
   */
  public static boolean windowClosed(
      OutboundMessage message, @Nullable Instant lastInbound, Instant now) {
    Objects.requireNonNull(now, "now");
    return ChannelWindowRule.closed(Objects.requireNonNull(message, "message"), lastInbound, now);
  }

  /** Guardrails with the defaults: 08:00–21:00 everywhere, {@link FrequencyCap#DEFAULT}, UTC. */
  public static Guardrails ofDefaults() {
    return builder().build();
  }

  /** A builder with the defaults of {@link #ofDefaults()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these guardrails' settings, to derive a copy. */
  public Builder toBuilder() {
    return settings.copy();
  }

  /**
   * Whether {@code message} may go to the contact described by {@code facts} at {@code now}.
   *
   * @throws NullPointerException if an argument is null
   */
  public GuardrailDecision check(OutboundMessage message, ContactFacts facts, Instant now) {
    Objects.requireNonNull(now, "now");
    GuardrailDecision blocked = consent.check(message, facts);
    boolean helpAnswer = false;
    if (blocked != null) {
      if (!consent.answersHelp(message, facts, now)) {
        return blocked;
      }
      helpAnswer = true;
    }
    blocked = window.check(message, facts, now);
    if (blocked != null) {
      return blocked;
    }
    if (message.kind() != MessageKind.MARKETING) {
      return helpAnswer ? GuardrailDecision.HELP_ANSWER : GuardrailDecision.ALLOWED;
    }
    QuietHoursRule.Recipient recipient = quietHours.recipient(facts);
    Instant capped = caps.blockedUntil(facts, countingZone(facts), now);
    if (capped != null) {
      return GuardrailDecision.blocked(
          GuardrailRule.FREQUENCY_CAP,
          GuardrailErrors.FREQUENCY_CAP,
          quietHours.nextAllowed(recipient, capped));
    }
    if (!quietHours.allows(recipient, now)) {
      return GuardrailDecision.blocked(
          GuardrailRule.QUIET_HOURS,
          GuardrailErrors.QUIET_HOURS,
          quietHours.nextAllowed(recipient, now));
    }
    return GuardrailDecision.ALLOWED;
  }

  /**
   * The zone whose days a contact's sends are counted in ({@link ContactFacts#sendsToday()}), so
   * that "today" is the recipient's day where it can be known: the contact's own zone when known;
   * else the zone of their phone number's region when the region keeps one clock (Germany, the
   * United Kingdom — not Spain, whose Canaries keep another); else the first org zone; else UTC.
   */
  public ZoneId countingZone(ContactFacts facts) {
    ZoneId own = facts.zone();
    if (own != null) {
      return own;
    }
    String phone = facts.phone();
    String region = phone == null ? null : PhoneRegions.regionOf(phone);
    ZoneSet byRegion = region == null ? null : RegionZoneTable.zonesOf(region);
    if (byRegion != null && byRegion.size() == 1) {
      return byRegion.zones().get(0);
    }
    return countingZone;
  }

  /** Builds {@link Guardrails}. Not thread-safe. */
  public static final class Builder {
    private SendingHours hours = SendingHours.DEFAULT;
    private final Map<String, SendingHours> regional = new LinkedHashMap<>();
    private final List<ZoneId> orgZones = new ArrayList<>();
    private FrequencyCap cap = FrequencyCap.DEFAULT;

    private Builder() {}

    private Builder copy() {
      Builder b = new Builder();
      b.hours = hours;
      b.regional.putAll(regional);
      b.orgZones.addAll(orgZones);
      b.cap = cap;
      return b;
    }

    /**
     * The sending hours everywhere ({@link SendingHours#DEFAULT} unless set).
     *
     * @throws IllegalArgumentException if a regional window set already is not within them
     */
    public Builder sendingHours(SendingHours hours) {
      Objects.requireNonNull(hours, "hours");
      for (SendingHours r : regional.values()) {
        if (!r.within(hours)) {
          throw new IllegalArgumentException("regional sending hours must lie within the default");
        }
      }
      this.hours = hours;
      return this;
    }

    /**
     * Stricter sending hours for recipients whose phone number belongs to {@code region}.
     *
     * @param region an ISO 3166-1 alpha-2 code, e.g. {@code US}
     * @throws IllegalArgumentException if the region is not two letters A–Z, the hours do not lie
     *     within the default sending hours, or there would be more than {@value #MAX_REGIONS}
     */
    public Builder regionalHours(String region, SendingHours hours) {
      Objects.requireNonNull(region, "region");
      Objects.requireNonNull(hours, "hours");
      if (!region.matches("[A-Z]{2}")) {
        throw new IllegalArgumentException("region must be two upper-case letters");
      }
      if (!hours.within(this.hours)) {
        throw new IllegalArgumentException("regional sending hours must lie within the default");
      }
      if (!regional.containsKey(region) && regional.size() >= MAX_REGIONS) {
        throw new IllegalArgumentException("at most " + MAX_REGIONS + " regional windows");
      }
      regional.put(region, hours);
      return this;
    }

    /**
     * The zones the org works in, the first counting its days: the recipient's zones when neither
     * the contact nor their phone number gives any. UTC when none are set.
     *
     * @throws IllegalArgumentException if there are more than {@value #MAX_ORG_ZONES}
     */
    public Builder orgZones(Collection<ZoneId> zones) {
      if (zones.size() > MAX_ORG_ZONES) {
        throw new IllegalArgumentException("at most " + MAX_ORG_ZONES + " org zones");
      }
      List<ZoneId> copy = List.copyOf(zones);
      orgZones.clear();
      orgZones.addAll(copy);
      return this;
    }

    /** The frequency cap ({@link FrequencyCap#DEFAULT} unless set). */
    public Builder frequencyCap(FrequencyCap cap) {
      this.cap = Objects.requireNonNull(cap, "cap");
      return this;
    }

    /** Guardrails with these settings. */
    public Guardrails build() {
      return new Guardrails(this);
    }
  }

  @Override
  public String toString() {
    return "Guardrails[hours="
        + settings.hours
        + ", regional="
        + settings.regional.keySet()
        + ", orgZones="
        + settings.orgZones
        + ", cap="
        + settings.cap
        + "]";
  }
}
