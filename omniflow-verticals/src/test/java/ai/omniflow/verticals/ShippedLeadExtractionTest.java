package ai.omniflow.verticals;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.fields.FieldType;
import ai.omniflow.fields.LeadField;
import ai.omniflow.leads.ExtractedField;
import ai.omniflow.leads.Extraction;
import ai.omniflow.leads.ExtractionSource;
import ai.omniflow.leads.LeadFieldExtractor;
import ai.omniflow.pack.PackCatalog;
import ai.omniflow.pack.VerticalPack;
import ai.omniflow.scoring.CompiledRules;
import ai.omniflow.scoring.LeadFacts;
import ai.omniflow.scoring.RuleScorer;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ShippedLeadExtractionTest {
  static final LocalDate TODAY = LocalDate.of(2026, 11, 25);
  static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");
  static final Instant NOON = TODAY.atTime(12, 0).atZone(ZONE).toInstant();

  private final PackCatalog catalog = PackCatalog.of(ClasspathPackSource.shipped());

  @Nested
  @DisplayName("With the real-estate pack")
  class RealEstate {
    private final VerticalPack pack = catalog.require("real-estate");
    private final LeadFieldExtractor extractor = LeadFieldExtractor.of(pack);

    @Test
    void aMetaLeadAdAndTheDmsAfterItFillEveryField() {
      Map<String, String> leadAd = new LinkedHashMap<>();
      leadAd.put("full_name", "Ana Ruiz");
      leadAd.put("phone_number", "+14155550134");
      leadAd.put("email", "ana@example.com");
      leadAd.put("budget", "$600,000 - $800,000");
      leadAd.put("zip_code", "94110");
      leadAd.put("when_are_you_looking_to_buy?", "0-3_months");
      Extraction x =
          extractor.extract(
              List.of(
                  ExtractionSource.form(leadAd, NOON),
                  ExtractionSource.message(
                      "Hi! We'd love a condo in Bernal Heights, budget is really 700k",
                      NOON.plusSeconds(600)),
                  ExtractionSource.message(
                      "and yes we're pre-approved with our credit union", NOON.plusSeconds(900))),
              TODAY,
              ZONE);
      assertThat(x.values())
          .containsExactly(
              Map.entry("budget", new BigDecimal("800000")),
              Map.entry("area", "Bernal Heights"),
              Map.entry("zip", "94110"),
              Map.entry("timeline", "Within 3 months"),
              Map.entry("property_type", "Condo"),
              Map.entry("pre_approved", true));
      assertThat(x.get("budget").orElseThrow().origin()).isEqualTo(ExtractedField.Origin.FORM);
      assertThat(x.get("area").orElseThrow().sourceIndex()).isEqualTo(1);
      assertThat(x.get("pre_approved").orElseThrow().sourceIndex()).isEqualTo(2);
    }

    @Test
    void everyChoiceValueIsOneOfThePacksOptions() {
      Extraction x =
          extractor.extract(
              List.of(
                  ExtractionSource.message("a townhome, in 4 months or so", NOON),
                  ExtractionSource.form(Map.of("property_type", "single family"), NOON)),
              TODAY,
              ZONE);
      for (LeadField f : pack.leadFields()) {
        if (f.type() == FieldType.CHOICE && x.get(f.key()).isPresent()) {
          assertThat(f.options()).contains((String) x.get(f.key()).orElseThrow().value());
        }
      }
      assertThat(x.values())
          .containsEntry("timeline", "3 to 6 months")
          .containsEntry("property_type", "House");
    }

    @Test
    void theValuesScoreWithThePacksRulesAsTheyAre() {
      Extraction x =
          extractor.extract(
              List.of(
                  ExtractionSource.message(
                      "pre-approved for 650k, want a condo asap, zip 94110", NOON)),
              TODAY,
              ZONE);
      CompiledRules rules = pack.compiledScoring().orElseThrow();
      LeadFacts.Builder facts = rules.facts();
      x.values().forEach(facts::set);
      assertThat(x.values()).hasSize(5);
      assertThat(RuleScorer.score(facts.build(), rules, NOON).total()).isPositive();
    }
  }

  @Nested
  @DisplayName("With the generic pack")
  class Generic {
    private final LeadFieldExtractor extractor = LeadFieldExtractor.of(catalog.require("generic"));

    @Test
    void serviceAndPreferredDateComeFromAMessage() {
      Extraction x =
          extractor.extract(
              List.of(
                  ExtractionSource.message(
                      "Hi, I need a carpet cleaning, next Tuesday if possible", NOON)),
              TODAY,
              ZONE);
      assertThat(x.values())
          .containsExactly(
              Map.entry("service", "carpet cleaning"),
              Map.entry("preferred_date", LocalDate.of(2026, 12, 1)));
    }

    @Test
    void aFormsDateAndServiceAreTakenAsAnswered() {
      Extraction x =
          extractor.extract(
              List.of(
                  ExtractionSource.form(
                      Map.of(
                          "what_service_are_you_interested_in?",
                          "Gutter cleaning",
                          "preferred_date",
                          "2026-12-09"),
                      NOON),
                  ExtractionSource.message("can you do tomorrow instead?", NOON.plusSeconds(60))),
              TODAY,
              ZONE);
      assertThat(x.values())
          .containsEntry("service", "Gutter cleaning")
          .containsEntry("preferred_date", LocalDate.of(2026, 12, 9));
    }
  }
}
