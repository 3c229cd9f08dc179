package ai.omniflow.attribution;

import ai.omniflow.Limits;
import ai.omniflow.OmniFlowException;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A touchpoint recorded from outside the inbox: an ad click or a website visit, with its UTM
 * parameters or click id, joined to a contact or kept anonymous until one matches (by the anonymous
 * key, the e-mail address or the phone number it came with). Attribution reads it beside the
 * inbox's touchpoints once it is linked to a contact.
 *
 * <pre>{@code
 * ExternalTouchpoint t = omniFlow.attribution().recordTouchpoint(actor, input);
 * if (t.contactId() == null) { … kept anonymous until a contact matches … }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * <p>Throws {@link OmniFlowException} {@code invalid_channel} or {@code invalid_<field>} (invalid
 * input) outside the bounds below.
 *
 * @param id the touchpoint's id
 * @param orgId its org
 * @param contactId the contact it is linked to, or {@code null} while anonymous
 * @param channel where it happened, a key such as {@code facebook_ad}: 1 to {@value #MAX_CHANNEL}
 *     of {@code a-z 0-9 _ . -}, starting with a letter or digit
 * @param campaign the campaign credited at campaign level, at most {@link Limits#MAX_ID}
 * @param adId the ad, at most {@link Limits#MAX_ID}
 * @param contentId the post or content, at most {@link Limits#MAX_ID}
 * @param utm the UTM parameters as given, each at most {@link Limits#MAX_ID}
 * @param clickId the platform's click id, if any
 * @param anonymousKey the host's key for a visitor not known yet (a cookie id), at most {@link
 *     Limits#MAX_ID}
 * @param email the normalized e-mail address it came with, if any (matched against identities)
 * @param phone the normalized (E.164) phone number it came with, if any
 * @param occurredAt when the click or visit happened
 * @param recordedAt when OmniFlow recorded it
 */
public record ExternalTouchpoint(
    UUID id,
    UUID orgId,
    @Nullable UUID contactId,
    String channel,
    @Nullable String campaign,
    @Nullable String adId,
    @Nullable String contentId,
    Utm utm,
    @Nullable ClickId clickId,
    @Nullable String anonymousKey,
    @Nullable String email,
    @Nullable String phone,
    Instant occurredAt,
    Instant recordedAt) {
  /** The longest channel key: 64 characters. */
  public static final int MAX_CHANNEL = 64;

  /** The longest click id: 512 characters. */
  public static final int MAX_CLICK_ID = 512;

  /** The longest normalized e-mail address or phone number: 320 characters. */
  public static final int MAX_HANDLE = 320;

  private static final Pattern CHANNEL = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");

  /** Validates the bounds. */
  public ExternalTouchpoint {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(orgId, "orgId");
    channel = channel(channel);
    Limits.optionalText("campaign", campaign, Limits.MAX_ID);
    Limits.optionalText("ad_id", adId, Limits.MAX_ID);
    Limits.optionalText("content_id", contentId, Limits.MAX_ID);
    Objects.requireNonNull(utm, "utm");
    Limits.optionalText("anonymous_key", anonymousKey, Limits.MAX_ID);
    Limits.optionalText("email", email, MAX_HANDLE);
    Limits.optionalText("phone", phone, MAX_HANDLE);
    Limits.instant("occurred_at", occurredAt);
    Limits.instant("recorded_at", recordedAt);
  }

  /** This touchpoint linked to {@code contact}. */
  public ExternalTouchpoint linkedTo(UUID contact) {
    return new ExternalTouchpoint(
        id,
        orgId,
        contact,
        channel,
        campaign,
        adId,
        contentId,
        utm,
        clickId,
        anonymousKey,
        email,
        phone,
        occurredAt,
        recordedAt);
  }

  /**
   * Checks a channel key, lower-casing it first.
   *
   * @throws OmniFlowException {@code invalid_channel} (invalid input) if it is not a key
   */
  public static String channel(String channel) {
    Limits.text("channel", channel, MAX_CHANNEL);
    String lower = channel.strip().toLowerCase(Locale.ROOT);
    if (!CHANNEL.matcher(lower).matches()) {
      throw OmniFlowException.invalidInput(
          AttributionErrors.INVALID_CHANNEL,
          "channel must be 1 to "
              + MAX_CHANNEL
              + " of a-z, 0-9, '_', '.' and '-', such as facebook_ad.");
    }
    return lower;
  }

  /**
   * The UTM parameters of a click or visit, as the link carried them; each at most {@link
   * Limits#MAX_ID} characters, no NUL.
   *
   * @param source {@code utm_source}
   * @param medium {@code utm_medium}
   * @param campaign {@code utm_campaign}
   * @param content {@code utm_content}
   * @param term {@code utm_term}
   */
  public record Utm(
      @Nullable String source,
      @Nullable String medium,
      @Nullable String campaign,
      @Nullable String content,
      @Nullable String term) {
    /** No UTM parameters. */
    public static final Utm NONE = new Utm(null, null, null, null, null);

    /** Validates the bounds. */
    public Utm {
      Limits.optionalText("utm_source", source, Limits.MAX_ID);
      Limits.optionalText("utm_medium", medium, Limits.MAX_ID);
      Limits.optionalText("utm_campaign", campaign, Limits.MAX_ID);
      Limits.optionalText("utm_content", content, Limits.MAX_ID);
      Limits.optionalText("utm_term", term, Limits.MAX_ID);
    }
  }

  /**
   * A platform's click id.
   *
   * @param kind whose id it is
   * @param value the id, 1 to {@value ExternalTouchpoint#MAX_CLICK_ID} characters, no NUL
   */
  public record ClickId(ClickIdKind kind, String value) {
    /** Validates the bounds. */
    public ClickId {
      Objects.requireNonNull(kind, "kind");
      Limits.text(kind.wireName(), value, MAX_CLICK_ID);
      if (value.isBlank()) {
        throw OmniFlowException.invalidInput(
            "invalid_" + kind.wireName(), kind.wireName() + " must not be blank.");
      }
    }
  }

  /** The click ids OmniFlow knows, with the channel a click carrying one is credited to. */
  public enum ClickIdKind {
    /** Meta's {@code fbclid}: channel {@code facebook_ad}. */
    FBCLID("facebook_ad"),
    /** Google's {@code gclid}: channel {@code google_ad}. */
    GCLID("google_ad");

    private final String channel;

    ClickIdKind(String channel) {
      this.channel = channel;
    }

    /** The query parameter's name, {@code fbclid} or {@code gclid}. */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The channel a click with this id is credited to when none is given. */
    public String channel() {
      return channel;
    }

    /**
     * @throws OmniFlowException {@code invalid_click_id_kind} (invalid input) for another name
     */
    public static ClickIdKind parse(String wireName) {
      for (ClickIdKind k : values()) {
        if (k.wireName().equals(wireName)) {
          return k;
        }
      }
      throw OmniFlowException.invalidInput(
          "invalid_click_id_kind", "click_id_kind must be fbclid or gclid.");
    }
  }
}
