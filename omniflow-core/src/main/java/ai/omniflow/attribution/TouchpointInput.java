package ai.omniflow.attribution;

import ai.omniflow.Limits;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A click or visit a host reports ({@code POST /touchpoints}), before OmniFlow records it. The
 * channel, when not given, is the click id's ({@code facebook_ad} for {@code fbclid}, {@code
 * google_ad} for {@code gclid}), else {@code utm_source} made a key, else {@code website}; the
 * campaign, when not given, is {@code utm_campaign}. The contact is the one given, else the one
 * whose e-mail or phone identity matches, else none (anonymous, keyed by {@code anonymousKey},
 * e-mail and phone, until one matches).
 *
 * <pre>{@code
 * TouchpointInput in = TouchpointInput.click(new ClickId(ClickIdKind.GCLID, "Cj0K…"))
 *     .withEmail("ana@example.com");
 * }</pre>
 *
 * <p>Immutable; bounds are checked where it is recorded (as {@link ExternalTouchpoint} states
 * them), the e-mail and phone as contact identities are.
 *
 * @param occurredAt when it happened; {@code null} for now; not in the future
 */
public record TouchpointInput(
    @Nullable String channel,
    @Nullable String campaign,
    @Nullable String adId,
    @Nullable String contentId,
    ExternalTouchpoint.Utm utm,
    ExternalTouchpoint.@Nullable ClickId clickId,
    @Nullable UUID contactId,
    @Nullable String email,
    @Nullable String phone,
    @Nullable String anonymousKey,
    @Nullable Instant occurredAt) {
  /** Checks the texts' bounds. */
  public TouchpointInput {
    Objects.requireNonNull(utm, "utm");
    Limits.optionalText("channel", channel, ExternalTouchpoint.MAX_CHANNEL);
    Limits.optionalText("campaign", campaign, Limits.MAX_ID);
    Limits.optionalText("ad_id", adId, Limits.MAX_ID);
    Limits.optionalText("content_id", contentId, Limits.MAX_ID);
    Limits.optionalText("email", email, ExternalTouchpoint.MAX_HANDLE);
    Limits.optionalText("phone", phone, ExternalTouchpoint.MAX_HANDLE);
    Limits.optionalText("anonymous_key", anonymousKey, Limits.MAX_ID);
  }

  /** A click carrying a platform's click id, with nothing else known. */
  public static TouchpointInput click(ExternalTouchpoint.ClickId clickId) {
    return new TouchpointInput(
        null, null, null, null, ExternalTouchpoint.Utm.NONE, clickId, null, null, null, null, null);
  }

  /** A visit on {@code channel}, with nothing else known. */
  public static TouchpointInput visit(String channel) {
    return new TouchpointInput(
        channel, null, null, null, ExternalTouchpoint.Utm.NONE, null, null, null, null, null, null);
  }

  /** This input with the UTM parameters. */
  public TouchpointInput withUtm(ExternalTouchpoint.Utm utm) {
    return new TouchpointInput(
        channel,
        campaign,
        adId,
        contentId,
        utm,
        clickId,
        contactId,
        email,
        phone,
        anonymousKey,
        occurredAt);
  }

  /** This input for a known contact. */
  public TouchpointInput withContact(UUID contactId) {
    return new TouchpointInput(
        channel,
        campaign,
        adId,
        contentId,
        utm,
        clickId,
        contactId,
        email,
        phone,
        anonymousKey,
        occurredAt);
  }

  /** This input with an e-mail address to match. */
  public TouchpointInput withEmail(String email) {
    return new TouchpointInput(
        channel,
        campaign,
        adId,
        contentId,
        utm,
        clickId,
        contactId,
        email,
        phone,
        anonymousKey,
        occurredAt);
  }

  /** This input with a phone number to match. */
  public TouchpointInput withPhone(String phone) {
    return new TouchpointInput(
        channel,
        campaign,
        adId,
        contentId,
        utm,
        clickId,
        contactId,
        email,
        phone,
        anonymousKey,
        occurredAt);
  }

  /** This input with the host's anonymous key. */
  public TouchpointInput withAnonymousKey(String anonymousKey) {
    return new TouchpointInput(
        channel,
        campaign,
        adId,
        contentId,
        utm,
        clickId,
        contactId,
        email,
        phone,
        anonymousKey,
        occurredAt);
  }

  /** This input with the campaign. */
  public TouchpointInput withCampaign(String campaign) {
    return new TouchpointInput(
        channel,
        campaign,
        adId,
        contentId,
        utm,
        clickId,
        contactId,
        email,
        phone,
        anonymousKey,
        occurredAt);
  }

  /** This input at {@code at}. */
  public TouchpointInput at(Instant at) {
    return new TouchpointInput(
        channel,
        campaign,
        adId,
        contentId,
        utm,
        clickId,
        contactId,
        email,
        phone,
        anonymousKey,
        at);
  }

  /** The channel as recorded: given, else the click id's, else {@code utm_source}, else website. */
  public String resolvedChannel() {
    if (channel != null && !channel.isBlank()) {
      return ExternalTouchpoint.channel(channel);
    }
    if (clickId != null) {
      return clickId.kind().channel();
    }
    String source = utm.source();
    if (source != null && !source.isBlank()) {
      return ExternalTouchpoint.channel(key(source));
    }
    return "website";
  }

  /** The campaign as recorded: given, else {@code utm_campaign}, else none. */
  public @Nullable String resolvedCampaign() {
    if (campaign != null && !campaign.isBlank()) {
      return campaign.strip();
    }
    String c = utm.campaign();
    return c == null || c.isBlank() ? null : c.strip();
  }

  // utm_source as a channel key: lower case, leading symbols dropped, others '_'; linear.
  private static String key(String source) {
    String s = source.strip();
    StringBuilder b = new StringBuilder(Math.min(s.length(), ExternalTouchpoint.MAX_CHANNEL));
    for (int i = 0; i < s.length() && b.length() < ExternalTouchpoint.MAX_CHANNEL; i++) {
      char c = Character.toLowerCase(s.charAt(i));
      boolean alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      if (alnum || (b.length() > 0)) {
        b.append(alnum || c == '.' || c == '-' ? c : '_');
      }
    }
    return b.length() == 0 ? "website" : b.toString();
  }
}
