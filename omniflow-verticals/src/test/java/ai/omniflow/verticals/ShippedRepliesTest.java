package ai.omniflow.verticals;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.assist.Facts;
import ai.omniflow.assist.Grounding;
import ai.omniflow.assist.Guardrails;
import ai.omniflow.assist.Suggestion;
import ai.omniflow.assist.SuggestionRequest;
import ai.omniflow.assist.TemplateReplySuggester;
import ai.omniflow.pack.VerticalPack;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The default suggester over the shipped packs' own templates and next actions. */
class ShippedRepliesTest {
  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  private final List<VerticalPack> packs = ClasspathPackSource.shipped().packs();
  private final TemplateReplySuggester suggester = TemplateReplySuggester.ofDefaults();

  @Test
  void everyShippedIntentHasANextActionAndOptOutStops() {
    for (VerticalPack pack : packs) {
      assertThat(pack.nextActions().keySet())
          .containsExactlyInAnyOrderElementsOf(
              pack.intents().stream().map(VerticalPack.Intent::key).toList());
      assertThat(pack.nextActions()).containsEntry("opt_out", "stop_messaging");
    }
    VerticalPack realEstate =
        packs.stream().filter(p -> p.slug().equals("real-estate")).findFirst().orElseThrow();
    assertThat(realEstate.nextActions()).containsEntry("showing_request", "book_showing");
  }

  @Test
  void repliesToEveryDevelopmentMessageAreGroundedUnderAnyFactSet() throws IOException {
    String[][] facts = {
      {Facts.CONTACT_FIRST_NAME, "Ana"},
      {Facts.CONTACT_NAME, "Ana Ruiz"},
      {Facts.AGENT_NAME, "Sam Lee"},
      {Facts.AGENT_FIRST_NAME, "Sam"},
      {Facts.ORG_NAME, "Elm Realty"},
      {Facts.BOOKING_LINK, "https://cal.example/sam"}
    };
    Random random = new Random(42);
    int replies = 0;
    for (VerticalPack pack : packs) {
      for (String text : messages(pack.slug())) {
        Facts.Builder builder = Facts.builder();
        for (String[] fact : facts) {
          if (random.nextBoolean()) {
            builder.put(fact[0], fact[1]);
          }
        }
        Facts given = builder.build();
        Suggestion s =
            suggester.suggest(
                new SuggestionRequest(pack, text, given, Guardrails.of("instagram_dm", NOW, NOW)));
        assertThat(pack.nextActions()).containsValue(s.nextAction());
        if (s.reply() == null) {
          assertThat(s.nextAction()).isEqualTo("stop_messaging");
          continue;
        }
        replies++;
        assertThat(Grounding.ungrounded(s.reply(), given)).as(text).isEmpty();
        assertThat(s.reply()).as(text).doesNotContain("{").doesNotContain("}");
        assertThat(s.factsUsed()).allSatisfy(name -> assertThat(given.get(name)).isNotNull());
      }
    }
    assertThat(replies).isGreaterThan(200);
  }

  /** The development messages, or for packs without the first sets, the tuning messages. */
  private static List<String> messages(String slug) throws IOException {
    String dev = "intents/" + slug + "/dev.tsv";
    boolean hasDev = ShippedRepliesTest.class.getClassLoader().getResource(dev) != null;
    String resource = hasDev ? dev : "intents/" + slug + "/tune.tsv";
    List<String> texts = new ArrayList<>();
    try (InputStream in = ShippedRepliesTest.class.getClassLoader().getResourceAsStream(resource);
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      reader.readLine();
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        int tab = hasDev ? line.indexOf('\t') : line.indexOf('\t', line.indexOf('\t') + 1);
        if (tab > 0 && !line.substring(tab + 1).isBlank()) {
          texts.add(line.substring(tab + 1));
        }
      }
    }
    return texts;
  }
}
