package ai.omniflow.guardrails;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.connector.spi.Channel;
import ai.omniflow.testing.PropertyCheck;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The guardrails' promises over random contacts in every IANA zone, around daylight-saving changes,
 * with phone numbers of every region libphonenumber knows: nothing to an opted-out contact, no
 * marketing inside quiet hours, no free text outside a channel window, and every deferral lands on
 * a moment the time rules allow. The quiet-hours oracle here is written apart from the code: it
 * reads {@code zone.tab}'s zones for the region itself and checks each zone's local time.
 */
@DisplayName("The guardrails, over random contacts, zones and times")
class GuardrailsPropertyTest {
  private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
  private static final List<ZoneId> ZONES =
      new TreeSet<>(ZoneId.getAvailableZoneIds()).stream().map(ZoneId::of).toList();
  private static final List<String> NUMBERS = exampleNumbers();
  private static final Map<String, List<ZoneId>> REGION_ZONES = regionZones();
  private static final Channel[] CHANNELS = Channel.values();
  private static final ConsentState[] STATES = ConsentState.values();
  private static final MessageKind[] KINDS = MessageKind.values();
  private static final int TRIES = 2_000;

  record Case(
      Guardrails guardrails,
      List<ZoneId> orgZones,
      SendingHours hours,
      OutboundMessage message,
      ContactFacts facts,
      Instant now) {}

  @Test
  @DisplayName("never allow a message on a channel whose consent was withdrawn")
  void neverToAnOptedOutContact() {
    PropertyCheck.forAll(
        TRIES,
        GuardrailsPropertyTest::generate,
        c -> {
          GuardrailDecision d = c.guardrails().check(c.message(), c.facts(), c.now());
          if (c.facts().consentFor(c.message().channel()) == ConsentState.WITHDRAWN
              && !answersAHelpJustTakenIn(c)) {
            assertThat(d.allowed()).isFalse();
            assertThat(d.code()).isEqualTo(GuardrailErrors.CONTACT_OPTED_OUT);
          }
        });
  }

  @Test
  @DisplayName(
      "let a message pass an opt-out only as the answer to a HELP on its channel just taken in")
  void anExemptionIsOnlyTheAnswerToAHelp() {
    PropertyCheck.forAll(
        TRIES,
        GuardrailsPropertyTest::generate,
        c -> {
          GuardrailDecision d = c.guardrails().check(c.message(), c.facts(), c.now());
          if (d.exemption() != null) {
            assertThat(d.allowed()).isTrue();
            assertThat(d.exemption()).isEqualTo(GuardrailExemption.HELP_ANSWER);
            assertThat(c.facts().consentFor(c.message().channel()))
                .isEqualTo(ConsentState.WITHDRAWN);
            assertThat(answersAHelpJustTakenIn(c)).isTrue();
          }
        });
  }

  /** The oracle of the HELP exemption: the answer, on the HELP's channel, within 15 minutes. */
  private static boolean answersAHelpJustTakenIn(Case c) {
    Instant asked = c.facts().helpAskedOn(c.message().channel());
    return c.message().kind() == MessageKind.HELP_ANSWER
        && asked != null
        && !asked.isAfter(c.now())
        && Duration.between(asked, c.now()).compareTo(Duration.ofMinutes(15)) <= 0;
  }

  @Test
  @DisplayName("never allow marketing inside quiet hours in any zone the recipient may be in")
  void neverInsideQuietHours() {
    PropertyCheck.forAll(
        TRIES,
        GuardrailsPropertyTest::generate,
        c -> {
          GuardrailDecision d = c.guardrails().check(c.message(), c.facts(), c.now());
          if (d.allowed() && c.message().kind() == MessageKind.MARKETING) {
            assertThat(withinHours(c, c.now())).isTrue();
            assertThat(c.facts().consentFor(c.message().channel())).isEqualTo(ConsentState.GIVEN);
          }
        });
  }

  @Test
  @DisplayName("never allow free text outside the channel's window after the last inbound message")
  void neverFreeTextOutsideAWindow() {
    PropertyCheck.forAll(
        TRIES,
        GuardrailsPropertyTest::generate,
        c -> {
          GuardrailDecision d = c.guardrails().check(c.message(), c.facts(), c.now());
          Duration window = oracleWindow(c.message());
          if (d.allowed() && window != null) {
            Instant last = c.facts().lastInboundOn(c.message().channel());
            assertThat(last).isNotNull();
            assertThat(Duration.between(last, c.now())).isLessThanOrEqualTo(window);
          }
        });
  }

  @Test
  @DisplayName("defer a blocked message to a later moment the time rules allow, so no step is lost")
  void deferralsLandOnAllowedMoments() {
    PropertyCheck.forAll(
        TRIES,
        GuardrailsPropertyTest::generate,
        c -> {
          GuardrailDecision d = c.guardrails().check(c.message(), c.facts(), c.now());
          if (d.allowed()) {
            return;
          }
          if (d.rule() == GuardrailRule.CONSENT || d.rule() == GuardrailRule.CHANNEL_WINDOW) {
            assertThat(d.until()).isNull();
            return;
          }
          Instant until = d.until();
          if (until == null) {
            // Only org zones that share no sending hour leave no time to defer to.
            assertThat(c.facts().zone()).isNull();
            return;
          }
          assertThat(until).isAfterOrEqualTo(c.now());
          assertThat(withinHours(c, until)).as("until %s is within the hours", until).isTrue();
          if (d.rule() == GuardrailRule.QUIET_HOURS
              && oracleWindow(c.message()) == null
              && c.facts().consentFor(c.message().channel()) == ConsentState.GIVEN) {
            assertThat(c.guardrails().check(c.message(), c.facts(), until).allowed())
                .as("the same message at until")
                .isTrue();
          }
        });
  }

  // ---- the oracle

  private static boolean withinHours(Case c, Instant at) {
    SendingHours hours = c.hours();
    for (ZoneId zone : recipientZones(c)) {
      LocalTime local = at.atZone(zone).toLocalTime();
      if (local.isBefore(hours.from()) || !local.isBefore(hours.until())) {
        return false;
      }
    }
    return true;
  }

  private static List<ZoneId> recipientZones(Case c) {
    if (c.facts().zone() != null) {
      return List.of(Objects.requireNonNull(c.facts().zone()));
    }
    String phone = c.facts().phone();
    if (phone != null) {
      try {
        String region = PHONES.getRegionCodeForNumber(PHONES.parse(phone, "ZZ"));
        List<ZoneId> zones = region == null ? null : REGION_ZONES.get(region);
        if (zones != null) {
          return zones;
        }
      } catch (com.google.i18n.phonenumbers.NumberParseException e) {
        throw new AssertionError(e);
      }
    }
    return c.orgZones().isEmpty() ? List.of(ZoneId.of("UTC")) : c.orgZones();
  }

  private static @Nullable Duration oracleWindow(OutboundMessage m) {
    return switch (m.channel()) {
      case WHATSAPP -> m.approvedTemplate() ? null : Duration.ofHours(24);
      case FACEBOOK_DM, INSTAGRAM_DM -> m.humanAgent() ? Duration.ofDays(7) : Duration.ofHours(24);
      default -> null;
    };
  }

  // ---- generators

  static Case generate(Random r) {
    List<ZoneId> orgZones = new ArrayList<>();
    int orgCount = r.nextInt(4);
    for (int i = 0; i < orgCount; i++) {
      orgZones.add(ZONES.get(r.nextInt(ZONES.size())));
    }
    SendingHours hours =
        r.nextInt(4) == 0
            ? new SendingHours(
                LocalTime.of(8 + r.nextInt(3), 0), LocalTime.of(19 + r.nextInt(3), 0))
            : SendingHours.DEFAULT;
    Guardrails guardrails =
        Guardrails.builder()
            .sendingHours(hours)
            .orgZones(orgZones)
            .frequencyCap(new FrequencyCap(1 + r.nextInt(4), 4 + r.nextInt(8)))
            .build();
    ZoneId zone = r.nextInt(3) == 0 ? null : ZONES.get(r.nextInt(ZONES.size()));
    String phone = r.nextInt(3) == 0 ? null : NUMBERS.get(r.nextInt(NUMBERS.size()));
    Instant now = nearATransition(r, zone != null ? zone : ZONES.get(r.nextInt(ZONES.size())));
    ContactFacts.Builder facts = ContactFacts.builder().zone(zone).phone(phone);
    for (Channel channel : CHANNELS) {
      if (r.nextInt(3) > 0) {
        facts.consent(channel, STATES[r.nextInt(STATES.length)]);
      }
      if (r.nextBoolean()) {
        facts.lastInbound(channel, now.minusSeconds(r.nextInt(10 * 86_400)));
      }
      if (r.nextInt(4) == 0) {
        // A HELP a little before, just after, or long before now.
        facts.helpAsked(channel, now.plusSeconds(r.nextInt(2_000) - 1_900L));
      }
    }
    int today = r.nextInt(6);
    facts.sends(today, today + r.nextInt(10));
    OutboundMessage message =
        new OutboundMessage(
            CHANNELS[r.nextInt(CHANNELS.length)],
            KINDS[r.nextInt(KINDS.length)],
            r.nextBoolean(),
            r.nextBoolean());
    return new Case(guardrails, orgZones, hours, message, facts.build(), now);
  }

  /** A moment within a day of a daylight-saving change of {@code zone}, or any if it has none. */
  private static Instant nearATransition(Random r, ZoneId zone) {
    Instant base =
        Instant.parse("2020-01-01T00:00:00Z").plusSeconds((long) r.nextInt(20 * 365) * 86_400);
    ZoneOffsetTransition t = zone.getRules().nextTransition(base);
    Instant around = t == null || r.nextInt(4) == 0 ? base : t.getInstant();
    return around.plusSeconds(r.nextInt(2 * 86_400) - 86_400L);
  }

  private static List<String> exampleNumbers() {
    List<String> numbers = new ArrayList<>();
    for (String region : new TreeSet<>(PHONES.getSupportedRegions())) {
      for (PhoneNumberUtil.PhoneNumberType type :
          List.of(
              PhoneNumberUtil.PhoneNumberType.MOBILE, PhoneNumberUtil.PhoneNumberType.FIXED_LINE)) {
        PhoneNumber n = PHONES.getExampleNumberForType(region, type);
        if (n != null) {
          numbers.add(PHONES.format(n, PhoneNumberUtil.PhoneNumberFormat.E164));
        }
      }
    }
    return List.copyOf(numbers);
  }

  private static Map<String, List<ZoneId>> regionZones() {
    Map<String, List<ZoneId>> table = new HashMap<>();
    try (InputStream in =
        GuardrailsPropertyTest.class.getResourceAsStream(
            "/ai/omniflow/internal/region-zones.tsv")) {
      BufferedReader reader =
          new BufferedReader(
              new InputStreamReader(Objects.requireNonNull(in), StandardCharsets.UTF_8));
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.startsWith("#")) {
          continue;
        }
        String[] parts = line.split("\t");
        List<ZoneId> zones = new ArrayList<>();
        for (String id : parts[1].split(",")) {
          if (ZoneId.getAvailableZoneIds().contains(id)) {
            zones.add(ZoneId.of(id));
          }
        }
        if (!zones.isEmpty()) {
          table.put(parts[0], zones);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return table;
  }
}
