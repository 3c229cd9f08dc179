package ai.omniflow.tenancy;

import java.time.ZoneId;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The time zone of regions that have exactly one (in the IANA database's zone.tab), for an org that
 * has a region but no time zone of its own. A region with several zones (US, CA, BR, AU, RU, MX…)
 * has none here: its orgs count in UTC until they set a zone. The JDK has no public map from
 * regions to zones, so the list is kept here, small and fixed.
 */
final class RegionZones {
  private static final Map<String, String> SOLE =
      Map.ofEntries(
          Map.entry("AE", "Asia/Dubai"),
          Map.entry("AT", "Europe/Vienna"),
          Map.entry("BE", "Europe/Brussels"),
          Map.entry("BG", "Europe/Sofia"),
          Map.entry("CH", "Europe/Zurich"),
          Map.entry("CO", "America/Bogota"),
          Map.entry("CZ", "Europe/Prague"),
          Map.entry("DK", "Europe/Copenhagen"),
          Map.entry("EG", "Africa/Cairo"),
          Map.entry("FI", "Europe/Helsinki"),
          Map.entry("FR", "Europe/Paris"),
          Map.entry("GB", "Europe/London"),
          Map.entry("GR", "Europe/Athens"),
          Map.entry("HK", "Asia/Hong_Kong"),
          Map.entry("HU", "Europe/Budapest"),
          Map.entry("IE", "Europe/Dublin"),
          Map.entry("IL", "Asia/Jerusalem"),
          Map.entry("IN", "Asia/Kolkata"),
          Map.entry("IT", "Europe/Rome"),
          Map.entry("JP", "Asia/Tokyo"),
          Map.entry("KE", "Africa/Nairobi"),
          Map.entry("KR", "Asia/Seoul"),
          Map.entry("NG", "Africa/Lagos"),
          Map.entry("NL", "Europe/Amsterdam"),
          Map.entry("NO", "Europe/Oslo"),
          Map.entry("PE", "America/Lima"),
          Map.entry("PH", "Asia/Manila"),
          Map.entry("PK", "Asia/Karachi"),
          Map.entry("PL", "Europe/Warsaw"),
          Map.entry("RO", "Europe/Bucharest"),
          Map.entry("SA", "Asia/Riyadh"),
          Map.entry("SE", "Europe/Stockholm"),
          Map.entry("SG", "Asia/Singapore"),
          Map.entry("SK", "Europe/Bratislava"),
          Map.entry("TH", "Asia/Bangkok"),
          Map.entry("TR", "Europe/Istanbul"),
          Map.entry("TW", "Asia/Taipei"),
          Map.entry("VN", "Asia/Ho_Chi_Minh"),
          Map.entry("ZA", "Africa/Johannesburg"));

  private RegionZones() {}

  /** The one zone of {@code region}, or {@code null} if it has several or is not listed. */
  static @Nullable ZoneId soleZone(String region) {
    String id = SOLE.get(region);
    return id == null ? null : ZoneId.of(id);
  }
}
