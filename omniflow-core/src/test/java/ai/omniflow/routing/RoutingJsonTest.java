package ai.omniflow.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.fields.Condition;
import ai.omniflow.fields.Operator;
import ai.omniflow.store.spi.JsonValues;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RoutingJsonTest {
  @Test
  void availabilityRoundTripsThroughJsonShapedMaps() {
    Availability a =
        new Availability(
            ZoneId.of("Asia/Kolkata"),
            List.of(new Shift(DayOfWeek.SUNDAY, LocalTime.of(22, 30), LocalTime.of(4, 0))),
            List.of(
                new TimeOff(
                    Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-02T00:00:00Z"))),
            true);
    assertThat(RoutingJson.availability(JsonValues.copyObject(RoutingJson.toJson(a)))).isEqualTo(a);
    assertThat(RoutingJson.availability(RoutingJson.toJson(Availability.ALWAYS)))
        .isEqualTo(Availability.ALWAYS);
  }

  @Test
  void aConfigurationRoundTripsWithNumbersReadBackAsAPackGivesThem() {
    RoutingConfig c =
        new RoutingConfig(
            List.of(
                new RoutingRule(
                    "mixed",
                    new Condition.Any(
                        List.of(
                            new Condition.Leaf("budget", Operator.BETWEEN, List.of(100L, 2.5)),
                            new Condition.Leaf("zip", Operator.IN, List.of("94110", "94103")),
                            new Condition.Not(
                                new Condition.Leaf("score", Operator.EXISTS, List.of())),
                            new Condition.Leaf("vip", Operator.EQ, List.of(true)))),
                    "vip")),
            "team",
            false,
            LastResort.ACCOUNT_OWNER,
            new UUID(1, 2));
    assertThat(RoutingJson.config(JsonValues.copyObject(RoutingJson.toJson(c)))).isEqualTo(c);
  }

  @Test
  void badJsonIsRefusedNamingTheField() {
    assertThatThrownBy(() -> RoutingJson.availability(Map.of("time_zone", "Mars/Base")))
        .hasMessage("time_zone: unknown time zone 'Mars/Base'");
    assertThatThrownBy(
            () ->
                RoutingJson.availability(
                    Map.of(
                        "out_of_office",
                        List.of(
                            Map.of(
                                "from", "2026-01-02T00:00:00Z", "until", "2026-01-01T00:00:00Z")))))
        .hasMessage("out_of_office/0: 'until' must be after 'from'");
    assertThatThrownBy(
            () ->
                RoutingJson.availability(
                    Map.of(
                        "shifts",
                        List.of(Map.of("day", "monday", "start", "9am", "end", "17:00")))))
        .hasMessage("shifts/0/start: '9am' is not a time; write e.g. 09:00");
    assertThatThrownBy(() -> RoutingJson.config(Map.of("last_resort", "boss")))
        .hasMessage("last_resort: use pond or account_owner");
    assertThatThrownBy(
            () -> RoutingJson.config(Map.of("rules", List.of(Map.of("key", "x", "group", "g")))))
        .hasMessage("rules/0/when: is required");
  }
}
