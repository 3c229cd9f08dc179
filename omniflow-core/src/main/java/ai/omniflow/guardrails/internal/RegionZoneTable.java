package ai.omniflow.guardrails.internal;

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
 * (public domain), read once from {@code region-zones.tsv} beside this class and precomputed into
 * one {@link ZoneSet} per region: the JDK has no public map from regions to zones. Zones the JDK
 * does not know are left out. Immutable and thread-safe. Not API.
 */
public final class RegionZoneTable {
  private static final String RESOURCE = "/ai/omniflow/guardrails/region-zones.tsv";

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
    Set<String> known = ZoneId.getAvailableZoneIds();
    Map<String, ZoneSet> table = new HashMap<>();
    try (InputStream in = RegionZoneTable.class.getResourceAsStream(RESOURCE)) {
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
          table.put(line.substring(0, tab), ZoneSet.of(zones));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Map.copyOf(table);
  }
}
