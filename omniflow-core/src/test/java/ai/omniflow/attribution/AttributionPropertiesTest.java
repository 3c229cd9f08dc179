package ai.omniflow.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.testing.PropertyCheck;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Every model, on random journeys,")
class AttributionPropertiesTest {
  private static final String[] CHANNELS = {"a", "b", "c", "d", "e", "direct"};

  static List<Journey> journeys(Random r, int channels) {
    List<Journey> out = new ArrayList<>();
    int n = 1 + r.nextInt(40);
    for (int i = 0; i < n; i++) {
      int len = 1 + r.nextInt(6);
      List<Touch> ts = new ArrayList<>();
      for (int k = 0; k < len; k++) {
        ts.add(Touch.of(CHANNELS[r.nextInt(channels)]));
      }
      Journey j =
          r.nextInt(3) == 0
              ? Journey.notConverted(ts)
              : Journey.converted(BigDecimal.valueOf(r.nextInt(100_000), 2), ts);
      if (r.nextBoolean()) {
        j = j.withLeadAt(r.nextInt(len));
      }
      if (r.nextBoolean()) {
        j = j.withOpportunityAt(r.nextInt(len));
      }
      out.add(j);
    }
    return out;
  }

  static List<AttributionResult> all(List<Journey> journeys) {
    Attribution.Tally tally = Attribution.builder().build().tally();
    journeys.forEach(tally::add);
    return tally.results();
  }

  @Test
  @DisplayName("credits sum exactly to the total conversions and to the total value to the cent")
  void creditsSumExactly() {
    PropertyCheck.forAll(
        300,
        r -> journeys(r, 2 + r.nextInt(5)),
        js -> {
          BigDecimal value =
              js.stream().map(Journey::value).reduce(BigDecimal.ZERO, BigDecimal::add);
          long conversions = js.stream().filter(Journey::converted).count();
          for (AttributionResult res : all(js)) {
            BigDecimal v =
                res.credits().stream().map(Credit::value).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal c =
                res.credits().stream()
                    .map(Credit::conversions)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(v).as(res.model().wireName()).isEqualByComparingTo(value);
            assertThat(c)
                .as(res.model().wireName())
                .isEqualByComparingTo(BigDecimal.valueOf(conversions));
            assertThat(res.credits())
                .allSatisfy(
                    k -> {
                      assertThat(k.value().signum()).isNotNegative();
                      assertThat(k.conversions().signum()).isNotNegative();
                    });
          }
        });
  }

  @Test
  @DisplayName("two channels with identical roles get equal credit, to within one unit")
  void symmetricChannelsGetEqualCredit() {
    PropertyCheck.forAll(
        200,
        r -> {
          List<Journey> base = journeys(r, 4);
          List<Journey> both = new ArrayList<>(base);
          for (Journey j : base) {
            List<Touch> swapped = new ArrayList<>();
            for (Touch t : j.touches()) {
              String c =
                  t.channel().equals("a") ? "b" : t.channel().equals("b") ? "a" : t.channel();
              swapped.add(Touch.of(c));
            }
            both.add(
                new Journey(
                    swapped, j.converted(), j.value(), null, j.leadAt(), j.opportunityAt()));
          }
          return both;
        },
        js -> {
          for (AttributionResult res : all(js)) {
            for (Credit a : res.credits()) {
              if (!a.channel().equals("a")) {
                continue;
              }
              Credit b =
                  res.credits().stream()
                      .filter(d -> d.channel().equals("b") && d.position() == a.position())
                      .findFirst()
                      .orElseThrow();
              assertThat(a.value().subtract(b.value()).abs())
                  .as(res.model().wireName())
                  .isLessThanOrEqualTo(new BigDecimal("0.01"));
              assertThat(a.conversions().subtract(b.conversions()).abs())
                  .as(res.model().wireName())
                  .isLessThanOrEqualTo(new BigDecimal("0.0001"));
            }
          }
        });
  }

  @Test
  @DisplayName(
      "a channel never seen gets no credit, and one seen only on lost journeys gets none from the rule-based models and Shapley")
  void unseenChannelsGetNothing() {
    PropertyCheck.forAll(
        200,
        r -> {
          List<Journey> js = journeys(r, 4);
          js.add(Journey.notConverted(List.of(Touch.of("only_lost"))));
          js.add(Journey.notConverted(List.of(Touch.of("only_lost"), Touch.of("only_lost"))));
          return js;
        },
        js -> {
          Set<String> seen = new HashSet<>();
          js.forEach(j -> j.touches().forEach(t -> seen.add(t.channel())));
          for (AttributionResult res : all(js)) {
            assertThat(res.credits()).allSatisfy(c -> assertThat(seen).contains(c.channel()));
            if (res.model() instanceof AttributionModel.Markov) {
              continue;
            }
            assertThat(res.credits())
                .filteredOn(c -> c.channel().equals("only_lost"))
                .allSatisfy(
                    c -> {
                      assertThat(c.value().signum()).isZero();
                      assertThat(c.conversions().signum()).isZero();
                    });
          }
        });
  }

  @Test
  @DisplayName(
      "reading the same journeys as CSV rows gives the same credits as adding them one by one")
  void csvAndJourneysAgree() throws Exception {
    PropertyCheck.forAll(
        100,
        r -> journeys(r, 5),
        js -> {
          StringBuilder csv =
              new StringBuilder("path,total_conversions,total_conversion_value,total_null\n");
          List<Journey> plain = new ArrayList<>();
          for (Journey j : js) {
            List<String> names = j.touches().stream().map(Touch::channel).toList();
            csv.append(String.join(" > ", names))
                .append(',')
                .append(j.converted() ? 1 : 0)
                .append(',')
                .append(j.value().toPlainString())
                .append(',')
                .append(j.converted() ? 0 : 1)
                .append('\n');
            plain.add(new Journey(j.touches(), j.converted(), j.value(), null, -1, -1));
          }
          try {
            List<AttributionResult> fromCsv =
                Attribution.builder().build().computeCsv(new java.io.StringReader(csv.toString()));
            List<AttributionResult> fromJourneys = all(plain);
            for (int i = 0; i < fromCsv.size(); i++) {
              assertThat(fromCsv.get(i).credits())
                  .as(fromCsv.get(i).model().wireName())
                  .containsExactlyInAnyOrderElementsOf(fromJourneys.get(i).credits());
            }
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
  }
}
