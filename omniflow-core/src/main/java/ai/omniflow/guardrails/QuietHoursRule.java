package ai.omniflow.guardrails;

import ai.omniflow.guardrails.internal.PhoneRegions;
import ai.omniflow.guardrails.internal.RegionZoneTable;
import ai.omniflow.guardrails.internal.ZoneSet;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Quiet hours: a marketing message only within the sending hours (08:00 to 21:00 by default, or a
 * stricter window for the phone number's region) in the recipient's local time. The recipient's
 * time is their own zone when known; else every zone of their phone number's region (the narrowest
 * window across them: a US number must be within the hours from Honolulu to New York); else every
 * zone the org works in. Blocked until the next moment within the hours in all those zones.
 * Thread-safe.
 */
final class QuietHoursRule {
  private final SendingHours hours;
  private final Map<String, SendingHours> regional;
  private final ZoneSet orgZones;

  QuietHoursRule(SendingHours hours, Map<String, SendingHours> regional, ZoneSet orgZones) {
    this.hours = Objects.requireNonNull(hours, "hours");
    this.regional = Map.copyOf(regional);
    this.orgZones = Objects.requireNonNull(orgZones, "orgZones");
  }

  /** Where and when the recipient of a message may get it. */
  record Recipient(ZoneSet zones, SendingHours hours) {}

  Recipient recipient(ContactFacts facts) {
    String phone = facts.phone();
    String region = phone == null ? null : PhoneRegions.regionOf(phone);
    SendingHours window = hours;
    if (region != null && !regional.isEmpty()) {
      window = regional.getOrDefault(region, hours);
    }
    if (facts.zone() != null) {
      return new Recipient(ZoneSet.of(facts.zone()), window);
    }
    ZoneSet byRegion = region == null ? null : RegionZoneTable.zonesOf(region);
    return new Recipient(byRegion == null ? orgZones : byRegion, window);
  }

  /** Whether {@code now} lies within the recipient's sending hours. */
  boolean allows(Recipient recipient, Instant now) {
    return recipient
        .zones()
        .allows(
            now,
            recipient.hours().from().toSecondOfDay(),
            recipient.hours().until().toSecondOfDay());
  }

  /** The first moment at or after {@code at} within the recipient's sending hours, if any. */
  @Nullable Instant nextAllowed(Recipient recipient, Instant at) {
    return recipient.zones().nextAllowed(at, recipient.hours().from(), recipient.hours().until());
  }
}
