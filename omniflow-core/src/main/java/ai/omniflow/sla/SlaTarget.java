package ai.omniflow.sla;

import ai.omniflow.Limits;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The response windows of one slice of an {@link SlaPolicy}: for a channel (or any), for a lead
 * score band (or any), how long a first reply and each next reply may take, and optionally a
 * different window for clocks that start when the calendar is closed.
 *
 * <pre>{@code
 * SlaTarget hotInstagram = new SlaTarget("instagram_dm", "hot",
 *     Duration.ofMinutes(5), Duration.ofMinutes(15), null);
 * SlaTarget fallback = SlaTarget.everywhere(Duration.ofHours(1));
 * }</pre>
 *
 * <p>{@code afterHours}, when set, replaces the window of a clock that starts while the business
 * calendar is closed, and that clock then runs in wall time ("5 minutes in business hours, 15 after
 * hours"). Immutable and thread-safe.
 *
 * <p>Throws {@link ai.omniflow.OmniFlowException} {@code invalid_channel}, {@code invalid_band},
 * {@code invalid_first_response}, {@code invalid_next_response} or {@code invalid_after_hours} (a
 * window not positive or over {@link BusinessCalendar#MAX_WINDOW})
 *
 * @param channel a glossary channel id ({@link #CHANNELS}), or {@code null} for every channel
 * @param band a score band ({@code cold}, {@code warm}, {@code hot}), or {@code null} for every
 *     lead and for threads without a lead
 */
public record SlaTarget(
    @Nullable String channel,
    @Nullable String band,
    Duration firstResponse,
    Duration nextResponse,
    @Nullable Duration afterHours) {

  /** The channels of the glossary, by id. */
  public static final List<String> CHANNELS =
      List.of(
          "instagram_dm",
          "instagram_comment",
          "facebook_dm",
          "facebook_comment",
          "lead_form",
          "whatsapp",
          "sms",
          "email");

  /** The lead score bands, by wire name. */
  public static final List<String> BANDS = List.of("cold", "warm", "hot");

  public SlaTarget {
    if (channel != null) {
      checkChannel(channel);
    }
    if (band != null) {
      checkBand(band);
    }
    Objects.requireNonNull(firstResponse, "firstResponse");
    Objects.requireNonNull(nextResponse, "nextResponse");
    Limits.duration("first_response", firstResponse, BusinessCalendar.MAX_WINDOW);
    Limits.duration("next_response", nextResponse, BusinessCalendar.MAX_WINDOW);
    if (afterHours != null) {
      Limits.duration("after_hours", afterHours, BusinessCalendar.MAX_WINDOW);
    }
  }

  /** A target for every channel and band, the same window for first and next replies. */
  public static SlaTarget everywhere(Duration window) {
    return new SlaTarget(null, null, window, window, null);
  }

  /** Whether this target applies to every channel and band: a policy's default. */
  public boolean isDefault() {
    return channel == null && band == null;
  }

  /** The window of a clock of this kind, started in or out of business hours. */
  public Duration window(SlaReading.Clock kind, boolean afterHoursStart) {
    if (afterHoursStart && afterHours != null) {
      return afterHours;
    }
    return kind == SlaReading.Clock.FIRST_RESPONSE ? firstResponse : nextResponse;
  }

  static String checkChannel(String channel) {
    if (!CHANNELS.contains(channel)) {
      throw SlaProblems.invalid("channel", "channel must be one of " + CHANNELS + ".");
    }
    return channel;
  }

  static String checkBand(String band) {
    if (!BANDS.contains(band)) {
      throw SlaProblems.invalid("band", "band must be cold, warm or hot.");
    }
    return band;
  }
}
