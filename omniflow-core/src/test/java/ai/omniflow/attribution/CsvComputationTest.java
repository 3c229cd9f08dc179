package ai.omniflow.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.OmniFlow;
import ai.omniflow.store.InMemoryStore;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Role;
import ai.omniflow.tenancy.User;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Attribution over an uploaded path CSV")
class CsvComputationTest {
  private AttributionService attribution;
  private Actor viewer;

  @BeforeEach
  void setUp() {
    OmniFlow omniFlow = OmniFlow.builder().store(new InMemoryStore()).build();
    attribution = omniFlow.attribution();
    UUID org = UUID.randomUUID();
    User u = new User(UUID.randomUUID(), org + "@example.test", "Owner", Instant.EPOCH);
    omniFlow.tenancy().createOrg(org, "Org", u);
    Actor owner = Actor.of(org, u.id(), Role.OWNER);
    User v = new User(UUID.randomUUID(), UUID.randomUUID() + "@example.test", "V", Instant.EPOCH);
    omniFlow.tenancy().addMember(owner, v, Role.VIEWER);
    viewer = Actor.of(org, v.id(), Role.VIEWER);
  }

  private static InputStream csv(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  @DisplayName("a viewer gets every model over the worked example, summing to the file's totals")
  void everyModelOverTheWorkedExample() throws IOException {
    CsvAttribution answer =
        attribution.computeCsv(
            viewer,
            csv(
                "path,total_conversions,total_conversion_value,total_null\n"
                    + "facebook_ad > instagram_dm,1,100.00,0\n"
                    + "facebook_ad,0,0,1\n"
                    + "instagram_dm,1,50.00,0\n"
                    + "facebook_ad > instagram_dm,0,0,0\n"),
            AttributionModel.all());

    assertThat(answer).isInstanceOf(CsvAttribution.Computed.class);
    CsvAttribution.Computed c = (CsvAttribution.Computed) answer;
    assertThat(c.rows()).isEqualTo(4);
    assertThat(c.paths()).isEqualTo(3);
    assertThat(c.journeys()).isEqualTo(3);
    assertThat(c.conversions()).isEqualByComparingTo("2");
    assertThat(c.value()).isEqualByComparingTo("150.00");
    assertThat(c.results()).hasSize(AttributionModel.all().size());
    for (AttributionResult r : c.results()) {
      assertThat(
              r.credits().stream()
                  .map(Credit::conversions)
                  .reduce(BigDecimal.ZERO, BigDecimal::add))
          .as(r.model().wireName())
          .isEqualByComparingTo("2");
      assertThat(r.credits().stream().map(Credit::value).reduce(BigDecimal.ZERO, BigDecimal::add))
          .as(r.model().wireName())
          .isEqualByComparingTo("150.00");
    }
    AttributionResult markov =
        c.results().stream()
            .filter(r -> r.model() instanceof AttributionModel.Markov)
            .findFirst()
            .orElseThrow();
    assertThat(markov.credits())
        .extracting(Credit::channel, Credit::conversions, Credit::value)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "facebook_ad", new BigDecimal("0.6667"), new BigDecimal("50.00")),
            org.assertj.core.groups.Tuple.tuple(
                "instagram_dm", new BigDecimal("1.3333"), new BigDecimal("100.00")));
  }

  @Test
  @DisplayName("a file with bad rows computes nothing and names the first 20 bad lines and why")
  void badRowsRefuseTheWholeFile() throws IOException {
    StringBuilder b =
        new StringBuilder("path,total_conversions,total_conversion_value,total_null\n");
    b.append("a > b,1,10.00,0\n");
    for (int i = 0; i < 25; i++) {
      b.append("a > b,-1,10.00,0\n");
    }
    b.append("a,1,10.00,0\n");

    CsvAttribution answer =
        attribution.computeCsv(viewer, csv(b.toString()), List.of(new AttributionModel.Linear()));

    assertThat(answer).isInstanceOf(CsvAttribution.Refused.class);
    CsvAttribution.Refused r = (CsvAttribution.Refused) answer;
    assertThat(r.badRowCount()).isEqualTo(25);
    assertThat(r.rows()).isEqualTo(27);
    assertThat(r.badRows()).hasSize(PathCsv.MAX_BAD_ROWS);
    assertThat(r.badRows().get(0).line()).isEqualTo(3);
    assertThat(r.badRows().get(19).line()).isEqualTo(22);
    assertThat(r.badRows().get(0).reason()).startsWith("total_conversions must be");
  }
}
