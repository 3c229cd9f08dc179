package ai.omniflow.attribution;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Journeys written as {@code "a > b > c"} and results read back as maps, for the tests. */
final class Fixtures {
  private Fixtures() {}

  static List<Touch> touches(String path) {
    List<Touch> out = new ArrayList<>();
    for (String c : path.split(">")) {
      out.add(Touch.of(c.strip()));
    }
    return out;
  }

  static Journey won(String path, String value) {
    return Journey.converted(new BigDecimal(value), touches(path));
  }

  static Journey lost(String path) {
    return Journey.notConverted(touches(path));
  }

  static AttributionResult run(AttributionModel model, Journey... journeys) {
    return run(model, AttributionLevel.CHANNEL, List.of(journeys));
  }

  static AttributionResult run(
      AttributionModel model, AttributionLevel level, List<Journey> journeys) {
    Attribution.Tally tally =
        Attribution.builder().models(List.of(model)).level(level).build().tally();
    journeys.forEach(tally::add);
    return tally.results().get(0);
  }

  /** Channel (and position, if any) to value credited, as plain strings. */
  static Map<String, String> values(AttributionResult r) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Credit c : r.credits()) {
      out.put(label(c), c.value().toPlainString());
    }
    return out;
  }

  /** Channel (and position, if any) to conversions credited, as plain strings. */
  static Map<String, String> conversions(AttributionResult r) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Credit c : r.credits()) {
      out.put(label(c), c.conversions().toPlainString());
    }
    return out;
  }

  static String label(Credit c) {
    String detail =
        c.campaign() != null ? c.campaign() : c.content() != null ? c.content() : c.agent();
    String s = detail == null ? c.channel() : c.channel() + "/" + detail;
    return c.position() == 0 ? s : s + "@" + c.position();
  }
}
