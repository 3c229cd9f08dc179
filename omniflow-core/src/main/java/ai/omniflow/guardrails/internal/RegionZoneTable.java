package ai.omniflow.guardrails.internal;

import ai.omniflow.internal.RegionZones;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The zones of every region of {@link RegionZones} (the IANA database's {@code zone.tab}),
 * precomputed once into one {@link ZoneSet} per region for the guardrails' hot path. Immutable and
 * thread-safe. Not API.
 */
public final class RegionZoneTable {
  private static final Map<String, ZoneSet> BY_REGION = load();

  private RegionZoneTable() {}

  /** The zones of {@code region} (upper case, e.g. {@code US}), or {@code null} if unlisted. */
  public static @Nullable ZoneSet zonesOf(String region) {
    return BY_REGION.get(region);
  }

  /** How many regions the table holds. */
  public static int size() {
    return BY_REGION.size();
  }

  private static Map<String, ZoneSet> load() {
    Map<String, ZoneSet> table = new HashMap<>();
    RegionZones.all().forEach((region, zones) -> table.put(region, ZoneSet.of(zones)));
    return Map.copyOf(table);
  }
}
