package ai.omniflow.tenancy;

import ai.omniflow.internal.RegionZones;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A tenant: one business using OmniFlow.
 *
 * <p>Throws {@link IllegalArgumentException} if {@code defaultRegion} is not an ISO 3166 alpha-2
 * code, or {@code helpText} is blank, longer than {@link #MAX_HELP_TEXT} or holds NUL
 *
 * @param id the org's id
 * @param name its display name, 1 to 200 characters
 * @param packSlug the selected vertical pack, or {@code null} before one is chosen
 * @param packVersion the version of that pack when it was selected, or {@code null}
 * @param createdAt when the org was created
 * @param defaultRegion the ISO 3166 alpha-2 region (upper case, e.g. {@code US}) whose numbering
 *     plan applies to phone numbers written without a country code; {@value #DEFAULT_REGION} unless
 *     set
 * @param timeZone the org's IANA time zone, or {@code null} until set: {@link #zone()} then derives
 *     one from the region
 * @param leadFormsBecomeLeads whether a submitted lead-ad form becomes a lead at once, as it is
 *     ingested ({@code true} unless the org turned it off); when off, the form's contact, thread,
 *     message and touchpoint are kept and a person converts it when they choose
 * @param helpText what the org answers an inbound HELP (AYUDA) with, 1 to {@link #MAX_HELP_TEXT}
 *     characters, or {@code null} for {@link #helpReply}'s default
 */
public record Org(
    UUID id,
    String name,
    @Nullable String packSlug,
    @Nullable String packVersion,
    Instant createdAt,
    String defaultRegion,
    @Nullable ZoneId timeZone,
    boolean leadFormsBecomeLeads,
    @Nullable String helpText) {

  /** The most characters of an org's help text: two SMS segments of 160. */
  public static final int MAX_HELP_TEXT = 320;

  /** The region of an org that has not chosen one. */
  public static final String DEFAULT_REGION = "US";

  private static final Set<String> ISO_REGIONS = Set.of(Locale.getISOCountries());

  public Org {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(createdAt, "createdAt");
    name = Names.require("name", name, 200);
    if (!isRegionCode(defaultRegion)) {
      throw new IllegalArgumentException(
          "defaultRegion must be an ISO 3166 alpha-2 code in upper case, such as US or GB");
    }
    if (timeZone != null && !isTimeZone(timeZone.getId())) {
      throw new IllegalArgumentException(
          "timeZone must be an IANA time zone such as Europe/London");
    }
    if (helpText != null && !isHelpText(helpText)) {
      throw new IllegalArgumentException(
          "helpText must be 1 to " + MAX_HELP_TEXT + " characters, not blank, without NUL");
    }
  }

  /** An org with the default help text. */
  public Org(
      UUID id,
      String name,
      @Nullable String packSlug,
      @Nullable String packVersion,
      Instant createdAt,
      String defaultRegion,
      @Nullable ZoneId timeZone,
      boolean leadFormsBecomeLeads) {
    this(
        id,
        name,
        packSlug,
        packVersion,
        createdAt,
        defaultRegion,
        timeZone,
        leadFormsBecomeLeads,
        null);
  }

  /** An org whose lead-ad forms become leads at once, as every org's do until it says otherwise. */
  public Org(
      UUID id,
      String name,
      @Nullable String packSlug,
      @Nullable String packVersion,
      Instant createdAt,
      String defaultRegion,
      @Nullable ZoneId timeZone) {
    this(id, name, packSlug, packVersion, createdAt, defaultRegion, timeZone, true);
  }

  /** An org without a time zone of its own. */
  public Org(
      UUID id,
      String name,
      @Nullable String packSlug,
      @Nullable String packVersion,
      Instant createdAt,
      String defaultRegion) {
    this(id, name, packSlug, packVersion, createdAt, defaultRegion, null);
  }

  /** An org in the {@value #DEFAULT_REGION} region. */
  public Org(
      UUID id,
      String name,
      @Nullable String packSlug,
      @Nullable String packVersion,
      Instant createdAt) {
    this(id, name, packSlug, packVersion, createdAt, DEFAULT_REGION, null);
  }

  /** The most characters of a time zone id. */
  public static final int MAX_TIME_ZONE = 64;

  /**
   * Whether {@code id} is an IANA region id the JDK knows, such as {@code Europe/London} (not a
   * bare offset such as {@code +02:00}), of at most {@link #MAX_TIME_ZONE} characters.
   */
  public static boolean isTimeZone(@Nullable String id) {
    return id != null && id.length() <= MAX_TIME_ZONE && ZoneId.getAvailableZoneIds().contains(id);
  }

  /**
   * The zone the org counts its days in: its own {@link #timeZone} when set, else the one zone of
   * its region when the region has one (GB: Europe/London), else UTC.
   */
  public ZoneId zone() {
    if (timeZone != null) {
      return timeZone;
    }
    ZoneId byRegion = RegionZones.soleZone(defaultRegion);
    return byRegion == null ? ZoneOffset.UTC : byRegion;
  }

  public Org withTimeZone(@Nullable ZoneId zone) {
    return new Org(
        id,
        name,
        packSlug,
        packVersion,
        createdAt,
        defaultRegion,
        zone,
        leadFormsBecomeLeads,
        helpText);
  }

  /** This org with lead-ad forms becoming leads at once ({@code true}) or not. */
  public Org withLeadFormsBecomeLeads(boolean on) {
    return new Org(
        id, name, packSlug, packVersion, createdAt, defaultRegion, timeZone, on, helpText);
  }

  /** This org with {@code text} as its help text, or the default one for {@code null}. */
  public Org withHelpText(@Nullable String text) {
    return new Org(
        id,
        name,
        packSlug,
        packVersion,
        createdAt,
        defaultRegion,
        timeZone,
        leadFormsBecomeLeads,
        text);
  }

  /**
   * Whether {@code text} may be an org's help text: 1 to {@link #MAX_HELP_TEXT} characters, not
   * blank, without NUL.
   */
  public static boolean isHelpText(@Nullable String text) {
    return text != null
        && !text.isBlank()
        && text.length() <= MAX_HELP_TEXT
        && text.indexOf('\0') < 0;
  }

  /**
   * What the org answers an inbound HELP with: its {@link #helpText} when set, else a default that
   * names the org and how to stop, in Spanish for a contact whose language is {@code es} and in
   * English otherwise.
   *
   * @param language the contact's language (ISO 639-1), or {@code null} if unknown
   */
  public String helpReply(@Nullable String language) {
    if (helpText != null) {
      return helpText;
    }
    return "es".equals(language)
        ? name
            + ": para ayuda, responda a este mensaje y le contestaremos. Responda BAJA para no"
            + " recibir más mensajes."
        : name
            + ": for help, reply to this message and we will answer. Reply STOP to stop"
            + " receiving messages.";
  }

  /** Whether {@code code} is an upper-case ISO 3166 alpha-2 code, e.g. {@code GB}. */
  public static boolean isRegionCode(@Nullable String code) {
    return code != null && ISO_REGIONS.contains(code);
  }

  public Org withPack(String slug, String version) {
    return new Org(
        id,
        name,
        slug,
        version,
        createdAt,
        defaultRegion,
        timeZone,
        leadFormsBecomeLeads,
        helpText);
  }

  public Org withDefaultRegion(String region) {
    return new Org(
        id,
        name,
        packSlug,
        packVersion,
        createdAt,
        region,
        timeZone,
        leadFormsBecomeLeads,
        helpText);
  }
}
