package ai.omniflow.verticals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ai.omniflow.fields.FieldType;
import ai.omniflow.fields.LeadField;
import ai.omniflow.guardrails.ComplianceKeywords;
import ai.omniflow.guardrails.KeywordAction;
import ai.omniflow.pack.VerticalPack;
import ai.omniflow.pack.VerticalPack.Intent;
import ai.omniflow.pack.VerticalPack.Stage;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ShippedPacksTest {
  private static final List<String> STAGES =
      List.of("new", "contacted", "qualified", "appointment", "won", "lost");

  private static final Map<String, String> OUTCOMES = Map.of("won", "won", "lost", "lost");

  private final List<VerticalPack> packs = ClasspathPackSource.shipped().packs();

  private VerticalPack pack(String slug) {
    return packs.stream().filter(p -> p.slug().equals(slug)).findFirst().orElseThrow();
  }

  @Test
  void theShippedSourceOffersGenericRealEstateHomeServicesThenMedSpa() {
    assertThat(packs)
        .extracting(VerticalPack::slug)
        .containsExactly("generic", "real-estate", "home-services", "med-spa");
    assertThat(packs)
        .extracting(VerticalPack::version)
        .containsExactly("1.6.1", "1.6.2", "1.1.1", "1.1.2");
    assertThat(packs).allSatisfy(p -> assertThat(p.name()).isNotBlank());
    assertThat(packs).allSatisfy(p -> assertThat(p.description()).isNotBlank());
  }

  @Test
  void loadingTheShippedPacksTwiceGivesEqualPacks() {
    assertThat(ClasspathPackSource.shipped().packs()).isEqualTo(packs);
  }

  @Test
  void genericAndRealEstateRunNewContactedQualifiedAppointmentThenWonOrLost() {
    for (VerticalPack pack : packs.subList(0, 2)) {
      assertThat(pack.stages()).extracting(Stage::key).containsExactlyElementsOf(STAGES);
      assertThat(pack.stages())
          .allSatisfy(s -> assertThat(s.outcome()).isEqualTo(OUTCOMES.get(s.key())));
    }
  }

  @Test
  void everyShippedPackStopsOnSpanishKeywordsAsWellAsOnEnglishOnes() {
    for (VerticalPack pack : packs) {
      ComplianceKeywords keywords = ComplianceKeywords.forPack(pack);
      assertThat(keywords.recognize("BAJA")).as(pack.slug()).contains(KeywordAction.STOP);
      assertThat(keywords.recognize("Alto.")).as(pack.slug()).contains(KeywordAction.STOP);
      assertThat(keywords.recognize("No me envíe más mensajes"))
          .as(pack.slug())
          .contains(KeywordAction.STOP);
      assertThat(keywords.recognize("baja todo")).as(pack.slug()).contains(KeywordAction.STOP_ALL);
      assertThat(keywords.recognize("alta")).as(pack.slug()).contains(KeywordAction.START);
      assertThat(keywords.recognize("ayuda")).as(pack.slug()).contains(KeywordAction.HELP);
      assertThat(keywords.recognize("opt out")).as(pack.slug()).contains(KeywordAction.STOP);
    }
  }

  @Nested
  class Generic {
    private final VerticalPack generic = pack("generic");

    @Test
    void leadsHaveAServiceAndAPreferredDate() {
      assertThat(generic.leadFields())
          .extracting(LeadField::key, LeadField::type)
          .containsExactly(
              tuple("service", FieldType.TEXT), tuple("preferred_date", FieldType.DATE));
    }

    @Test
    void itsIntentsAreThoseOfAServiceBusiness() {
      assertThat(generic.intents())
          .extracting(Intent::key)
          .containsExactly(
              "pricing_question",
              "booking_request",
              "availability_question",
              "support_question",
              "general_question",
              "not_interested",
              "opt_out",
              "spam");
    }
  }

  @Nested
  class RealEstate {
    private final VerticalPack realEstate = pack("real-estate");

    @Test
    void leadsHaveBudgetAreaZipTimelinePropertyTypeAndPreApproval() {
      assertThat(realEstate.leadFields())
          .extracting(LeadField::key, LeadField::type)
          .containsExactly(
              tuple("budget", FieldType.MONEY),
              tuple("area", FieldType.TEXT),
              tuple("zip", FieldType.TEXT),
              tuple("timeline", FieldType.CHOICE),
              tuple("property_type", FieldType.CHOICE),
              tuple("pre_approved", FieldType.BOOLEAN));
    }

    @Test
    void choiceFieldsOfferRealisticOptions() {
      Map<String, List<String>> options =
          Map.of(
              "timeline", field("timeline").options(),
              "property_type", field("property_type").options());
      assertThat(options.get("timeline")).contains("As soon as possible", "Just browsing");
      assertThat(options.get("property_type")).contains("House", "Condo", "Townhouse");
    }

    @Test
    void itsIntentsAreThoseOfBuyersAndSellers() {
      assertThat(realEstate.intents())
          .extracting(Intent::key)
          .containsExactly(
              "showing_request",
              "pricing_question",
              "availability_question",
              "financing_question",
              "selling_inquiry",
              "general_question",
              "not_interested",
              "opt_out",
              "spam");
    }

    @Test
    void intentsAreSignalledByTheWordsBuyersUse() {
      assertThat(intent("showing_request").phrases()).contains("schedule a showing");
      assertThat(intent("financing_question").keywords()).contains("mortgage", "lender");
      assertThat(intent("selling_inquiry").phrases()).contains("sell my", "home valuation");
      assertThat(intent("selling_inquiry").keywords()).contains("worth");
      assertThat(intent("opt_out").keywords()).contains("unsubscribe");
      assertThat(intent("opt_out").patterns()).anyMatch(p -> p.contains("stop"));
      assertThat(intent("opt_out").weight()).isGreaterThan(intent("not_interested").weight());
    }

    private LeadField field(String key) {
      return realEstate.leadFields().stream()
          .filter(f -> f.key().equals(key))
          .findFirst()
          .orElseThrow();
    }

    private Intent intent(String key) {
      return realEstate.intents().stream()
          .filter(i -> i.key().equals(key))
          .findFirst()
          .orElseThrow();
    }
  }

  @Nested
  class ReplyTemplates {
    private static final Pattern SLOT = Pattern.compile("\\{([a-z_]+)}");

    /** Digits, currency, times of day, weekdays and months: a template must state none. */
    private static final Pattern PRICE_ADDRESS_DATE_OR_TIME =
        Pattern.compile(
            "[0-9$€£¥]|\\b(am|pm|o'clock|noon|midnight|today|tomorrow|tonight"
                + "|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
                + "|january|february|march|april|june|july|august|september|october|november"
                + "|december|street|avenue|road|st\\.|ave\\.)\\b",
            Pattern.CASE_INSENSITIVE);

    @Test
    void everyIntentHasKeywordsPhrasesAndAReplyTemplate() {
      for (VerticalPack pack : packs) {
        assertThat(pack.intents())
            .allSatisfy(
                i -> {
                  assertThat(i.label()).isNotBlank();
                  assertThat(i.keywords()).isNotEmpty();
                  assertThat(i.phrases()).isNotEmpty();
                });
        assertThat(pack.replyTemplates().keySet())
            .containsExactlyInAnyOrderElementsOf(pack.intents().stream().map(Intent::key).toList());
      }
    }

    @Test
    void templatesStateNoPriceAddressDateOrTime() {
      for (VerticalPack pack : packs) {
        pack.replyTemplates()
            .forEach(
                (intent, text) -> {
                  String withoutSlots = SLOT.matcher(text).replaceAll("");
                  assertThat(PRICE_ADDRESS_DATE_OR_TIME.matcher(withoutSlots).find())
                      .as("%s template of %s: %s", intent, pack.slug(), text)
                      .isFalse();
                });
      }
    }

    @Test
    void templatesUseOnlyTheDocumentedSlotsAndAddressTheContactOrNameTheAgent() {
      for (VerticalPack pack : packs) {
        pack.replyTemplates()
            .forEach(
                (intent, text) -> {
                  Matcher m = SLOT.matcher(text);
                  while (m.find()) {
                    assertThat(m.group(1))
                        .isIn(
                            "contact_first_name",
                            "contact_name",
                            "agent_name",
                            "agent_first_name",
                            "org_name",
                            "booking_link");
                  }
                  assertThat(text).containsAnyOf("{contact_first_name}", "{agent_name}");
                });
      }
    }
  }
}
