package ai.omniflow.guardrails.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A recipient's zones")
class RecipientZonesTest {
  @Test
  @DisplayName("come from the calling code alone where it belongs to one region")
  void soleRegionCallingCodes() {
    assertThat(PhoneRegions.regionOf("+34612345678")).isEqualTo("ES");
    assertThat(PhoneRegions.regionOf("+4915112345678")).isEqualTo("DE");
  }

  @Test
  @DisplayName(
      "come from the whole number where a calling code is shared, as libphonenumber reads it")
  void sharedCallingCodes() {
    assertThat(PhoneRegions.regionOf("+14155550101")).isEqualTo("US");
    assertThat(PhoneRegions.regionOf("+14165550101")).isEqualTo("CA");
    assertThat(PhoneRegions.regionOf("+447400123456")).isEqualTo("GB");
    assertThat(PhoneRegions.regionOf("+447797123456")).isEqualTo("JE");
  }

  @Test
  @DisplayName("are none for a non-geographic or unknown calling code")
  void noRegion() {
    assertThat(PhoneRegions.regionOf("+80012345678")).isNull();
    assertThat(PhoneRegions.regionOf("+99912345678")).isNull();
  }

  @Test
  @DisplayName("count zones whose clocks agree from 2000 on once, and tell apart those that differ")
  void sameClocksCountOnce() {
    ZoneSet set =
        ZoneSet.of(
            List.of(
                ZoneId.of("America/New_York"),
                ZoneId.of("America/Detroit"),
                ZoneId.of("America/Phoenix"),
                ZoneId.of("America/Denver")));

    assertThat(set.zones())
        .containsExactly(
            ZoneId.of("America/New_York"),
            ZoneId.of("America/Phoenix"),
            ZoneId.of("America/Denver"));
    assertThat(RegionZoneTable.zonesOf("ES").size()).isEqualTo(2);
    assertThat(RegionZoneTable.size()).isGreaterThan(240);
  }

  @Test
  @DisplayName("have no common sending hour when three zones lie eight hours apart")
  void noCommonHour() {
    ZoneSet set =
        ZoneSet.of(List.of(ZoneId.of("Etc/GMT+8"), ZoneId.of("Etc/GMT"), ZoneId.of("Etc/GMT-8")));

    assertThat(
            set.nextAllowed(
                Instant.parse("2026-06-01T00:00:00Z"), LocalTime.of(8, 0), LocalTime.of(21, 0)))
        .isNull();
  }
}
