package ai.omniflow.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The time zones of every region (ISO 3166-1 alpha-2), from the IANA database's {@code zone.tab}
 * (public domain), read once from {@code region-zones.tsv} beside this class: the JDK has no public
 * map from regions to zones. Zones the JDK does not know are left out. The one table behind an
 * org's default zone (its region's sole zone) and the guardrails' recipient zones. Immutable and
 * thread-safe. Not API.
 */
public final class RegionZones {
  private static final String RESOURCE = "/ai/omniflow/internal/region-zones.tsv";

  private static final Map<String, List<ZoneId>> BY_REGION = load();

  private RegionZones() {}

  /** Every listed region (upper case) with its zones; the map is unordered. */
  public static Map<String, List<ZoneId>> all() {
    return BY_REGION;
  }

  /**
   * The one zone of {@code region}, or {@code null} if it has several (US, CA, BR, AU, RU, MX…) or
   * is not listed.
   */
  public static @Nullable ZoneId soleZone(String region) {
    List<ZoneId> zones = BY_REGION.get(region);
    return zones != null && zones.size() == 1 ? zones.get(0) : null;
  }

  private static Map<String, List<ZoneId>> load() {
    Set<String> known = ZoneId.getAvailableZoneIds();
    Map<String, List<ZoneId>> table = new HashMap<>();
    try (InputStream in = RegionZones.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the class path");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        int tab = line.indexOf('\t');
        List<ZoneId> zones = new ArrayList<>();
        for (String id : line.substring(tab + 1).split(",")) {
          if (known.contains(id)) {
            zones.add(ZoneId.of(id));
          }
        }
        if (tab > 0 && !zones.isEmpty()) {
          table.put(line.substring(0, tab), List.copyOf(zones));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Map.copyOf(table);
  }
}
