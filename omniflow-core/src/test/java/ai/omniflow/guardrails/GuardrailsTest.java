package ai.omniflow.guardrails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.OmniFlowException;
import ai.omniflow.connector.spi.Channel;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The guardrails")
class GuardrailsTest {
  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
  static final ZoneId CANARY = ZoneId.of("Atlantic/Canary");
  static final Guardrails DEFAULTS = Guardrails.ofDefaults();
  static final OutboundMessage SMS_PROMO =
      new OutboundMessage(Channel.SMS, MessageKind.MARKETING, false, false);

  static Instant at(String local, ZoneId zone) {
    return LocalDateTime.parse(local).atZone(zone).toInstant();
  }

  static ContactFacts.Builder consenting() {
    return ContactFacts.builder().consentEverywhere(ConsentState.GIVEN);
  }

  @Nested
  @DisplayName("on consent")
  class Consent {
    @Test
    @DisplayName("block every kind of message to a contact who withdrew consent for the channel")
    void blockEveryKindAfterAnOptOut() {
      Instant now = at("2026-06-01T12:00", NEW_YORK);
      ContactFacts facts =
          ContactFacts.builder()
              .consent(Channel.WHATSAPP, ConsentState.WITHDRAWN)
              .lastInbound(Channel.WHATSAPP, now.minusSeconds(60))
              .zone(NEW_YORK)
              .build();
      for (MessageKind kind : MessageKind.values()) {
        GuardrailDecision d =
            DEFAULTS.check(new OutboundMessage(Channel.WHATSAPP, kind, true, true), facts, now);
        assertThat(d.allowed()).isFalse();
        assertThat(d.rule()).isEqualTo(GuardrailRule.CONSENT);
        assertThat(d.code()).isEqualTo(GuardrailErrors.CONTACT_OPTED_OUT);
        assertThat(d.until()).as("waiting does not help").isNull();
      }
    }

    @Test
    @DisplayName("block marketing where consent was never given, but let a reply through")
    void marketingNeedsConsentGiven() {
      Instant now = at("2026-06-01T12:00", NEW_YORK);
      ContactFacts unknown = ContactFacts.builder().zone(NEW_YORK).build();

      assertThat(DEFAULTS.check(SMS_PROMO, unknown, now).code())
          .isEqualTo(GuardrailErrors.CONSENT_MISSING);
      assertThat(DEFAULTS.check(OutboundMessage.agentReply(Channel.SMS), unknown, now).allowed())
          .isTrue();
    }

    @Test
    @DisplayName("withdrawal on one channel leaves the others as they were")
    void withdrawalIsPerChannel() {
      Instant now = at("2026-06-01T12:00", NEW_YORK);
      ContactFacts facts =
          consenting().consent(Channel.EMAIL, ConsentState.WITHDRAWN).zone(NEW_YORK).build();

      assertThat(DEFAULTS.check(SMS_PROMO, facts, now).allowed()).isTrue();
      assertThat(
              DEFAULTS
                  .check(
                      new OutboundMessage(Channel.EMAIL, MessageKind.MARKETING, false, false),
                      facts,
                      now)
                  .code())
          .isEqualTo(GuardrailErrors.CONTACT_OPTED_OUT);
    }
  }

  @Nested
  @DisplayName("on the answer to a HELP from a contact who opted out")
  class HelpAnswers {
    final Instant now = at("2026-06-01T23:30", NEW_YORK);
    final OutboundMessage smsHelp =
        new OutboundMessage(Channel.SMS, MessageKind.HELP_ANSWER, false, false);

    ContactFacts.Builder optedOut() {
      return ContactFacts.builder()
          .consentEverywhere(ConsentState.WITHDRAWN)
          .zone(NEW_YORK)
          .lastInbound(Channel.SMS, now.minusSeconds(1))
          .lastInbound(Channel.WHATSAPP, now.minusSeconds(1));
    }

    @Test
    @DisplayName(
        "let it through, at any hour, saying the help-answer exemption let it pass consent")
    void letTheHelpAnswerThrough() {
      GuardrailDecision d =
          DEFAULTS.check(
              smsHelp, optedOut().helpAsked(Channel.SMS, now.minusSeconds(2)).build(), now);

      assertThat(d).isEqualTo(GuardrailDecision.HELP_ANSWER);
      assertThat(d.allowed()).isTrue();
      assertThat(d.exemption()).isEqualTo(GuardrailExemption.HELP_ANSWER);
      assertThat(d.exemption().wireName()).isEqualTo("help_answer");
      assertThat(d.exemption().exemptFrom()).isEqualTo(GuardrailRule.CONSENT);
    }

    @Test
    @DisplayName("keep every other kind of message blocked though a HELP just came in")
    void keepEveryOtherKindBlocked() {
      ContactFacts facts = optedOut().helpAsked(Channel.SMS, now).build();
      for (MessageKind kind : MessageKind.values()) {
        if (kind == MessageKind.HELP_ANSWER) {
          continue;
        }
        for (boolean flag : List.of(false, true)) {
          assertThat(DEFAULTS.check(new OutboundMessage(Channel.SMS, kind, flag, flag), facts, now))
              .as("%s", kind)
              .extracting(GuardrailDecision::code)
              .isEqualTo(GuardrailErrors.CONTACT_OPTED_OUT);
        }
      }
    }

    @Test
    @DisplayName(
        "block it without a HELP, with a HELP on another channel, or one older than the window"
            + " or later than now")
    void blockItOutsideItsNarrowCase() {
      List<ContactFacts> none =
          List.of(
              optedOut().build(),
              optedOut().helpAsked(Channel.WHATSAPP, now).build(),
              optedOut()
                  .helpAsked(Channel.SMS, now.minus(Guardrails.HELP_ANSWER_WINDOW).minusSeconds(1))
                  .build(),
              optedOut().helpAsked(Channel.SMS, now.plusSeconds(1)).build());
      for (ContactFacts facts : none) {
        GuardrailDecision d = DEFAULTS.check(smsHelp, facts, now);
        assertThat(d.allowed()).isFalse();
        assertThat(d.code()).isEqualTo(GuardrailErrors.CONTACT_OPTED_OUT);
        assertThat(d.exemption()).isNull();
      }
      assertThat(
              DEFAULTS.check(
                  smsHelp,
                  optedOut()
                      .helpAsked(Channel.SMS, now.minus(Guardrails.HELP_ANSWER_WINDOW))
                      .build(),
                  now))
          .as("at the window's end")
          .isEqualTo(GuardrailDecision.HELP_ANSWER);
    }

    @Test
    @DisplayName("still keep the answer inside the channel's window")
    void stillKeepTheChannelWindow() {
      ContactFacts facts =
          ContactFacts.builder()
              .consentEverywhere(ConsentState.WITHDRAWN)
              .lastInbound(Channel.WHATSAPP, now.minus(Duration.ofHours(25)))
              .helpAsked(Channel.WHATSAPP, now)
              .build();
      assertThat(
              DEFAULTS
                  .check(
                      new OutboundMessage(Channel.WHATSAPP, MessageKind.HELP_ANSWER, false, false),
                      facts,
                      now)
                  .code())
          .isEqualTo(GuardrailErrors.WINDOW_CLOSED);
    }

    @Test
    @DisplayName("name no exemption when the contact never opted out: it is a reply like any other")
    void noExemptionWithoutAnOptOut() {
      ContactFacts facts =
          ContactFacts.builder().zone(NEW_YORK).helpAsked(Channel.SMS, now).build();
      assertThat(DEFAULTS.check(smsHelp, facts, now)).isEqualTo(GuardrailDecision.ALLOWED);
    }

    @Test
    @DisplayName("refuse a HELP time past 2200, and a blocked decision naming an exemption")
    void refuseBadHelpFacts() {
      assertThatThrownBy(
              () ->
                  ContactFacts.builder()
                      .helpAsked(Channel.SMS, Instant.parse("2999-01-01T00:00:00Z"))
                      .build())
          .extracting(e -> ((OmniFlowException) e).code())
          .isEqualTo("invalid_help_asked");
      assertThatThrownBy(
              () ->
                  new GuardrailDecision(
                      false,
                      GuardrailRule.CONSENT,
                      GuardrailErrors.CONTACT_OPTED_OUT,
                      null,
                      GuardrailExemption.HELP_ANSWER))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Nested
  @DisplayName("on channel windows")
  class Windows {
    final Instant now = Instant.parse("2026-06-01T16:00:00Z");

    @Test
    @DisplayName(
        "allow WhatsApp free text up to 24 hours after the last inbound, not a second more")
    void whatsAppFreeTextWithin24Hours() {
      OutboundMessage reply = OutboundMessage.agentReply(Channel.WHATSAPP);
      ContactFacts open = facts(Channel.WHATSAPP, now.minus(Duration.ofHours(24)));
      ContactFacts closed =
          facts(Channel.WHATSAPP, now.minus(Duration.ofHours(24)).minusSeconds(1));

      assertThat(DEFAULTS.check(reply, open, now).allowed()).isTrue();
      GuardrailDecision d = DEFAULTS.check(reply, closed, now);
      assertThat(d.code()).isEqualTo(GuardrailErrors.WINDOW_CLOSED);
      assertThat(d.rule()).isEqualTo(GuardrailRule.CHANNEL_WINDOW);
      assertThat(d.until()).isNull();
    }

    @Test
    @DisplayName("allow an approved WhatsApp template outside the window, and to a silent contact")
    void whatsAppTemplatesNeedNoWindow() {
      OutboundMessage template =
          new OutboundMessage(Channel.WHATSAPP, MessageKind.CONVERSATIONAL, true, false);

      assertThat(
              DEFAULTS
                  .check(template, facts(Channel.WHATSAPP, now.minus(Duration.ofDays(3))), now)
                  .allowed())
          .isTrue();
      assertThat(DEFAULTS.check(template, ContactFacts.builder().build(), now).allowed()).isTrue();
    }

    @Test
    @DisplayName("give a human agent 7 days on Messenger and Instagram, automatic replies 24 hours")
    void humanAgentsGetSevenDaysOnMeta() {
      for (Channel channel : List.of(Channel.FACEBOOK_DM, Channel.INSTAGRAM_DM)) {
        ContactFacts threeDays = facts(channel, now.minus(Duration.ofDays(3)));
        ContactFacts eightDays = facts(channel, now.minus(Duration.ofDays(8)));
        OutboundMessage bot =
            new OutboundMessage(channel, MessageKind.CONVERSATIONAL, false, false);

        assertThat(DEFAULTS.check(OutboundMessage.agentReply(channel), threeDays, now).allowed())
            .isTrue();
        assertThat(DEFAULTS.check(bot, threeDays, now).code())
            .isEqualTo(GuardrailErrors.WINDOW_CLOSED);
        assertThat(DEFAULTS.check(OutboundMessage.agentReply(channel), eightDays, now).code())
            .isEqualTo(GuardrailErrors.WINDOW_CLOSED);
      }
    }

    @Test
    @DisplayName("leave SMS and email without a window")
    void smsAndEmailHaveNoWindow() {
      assertThat(
              DEFAULTS
                  .check(
                      OutboundMessage.agentReply(Channel.SMS), ContactFacts.builder().build(), now)
                  .allowed())
          .isTrue();
      assertThat(
              DEFAULTS
                  .check(
                      OutboundMessage.agentReply(Channel.EMAIL),
                      ContactFacts.builder().build(),
                      now)
                  .allowed())
          .isTrue();
    }

    ContactFacts facts(Channel channel, Instant last) {
      return ContactFacts.builder().lastInbound(channel, last).build();
    }
  }

  @Nested
  @DisplayName("on quiet hours")
  class QuietHours {
    @Test
    @DisplayName("defer marketing at 21:00 in the contact's zone to 08:00 the next morning")
    void deferLateMarketingToTheMorning() {
      ContactFacts facts = consenting().zone(NEW_YORK).build();
      GuardrailDecision d = DEFAULTS.check(SMS_PROMO, facts, at("2026-06-01T21:00", NEW_YORK));

      assertThat(d.code()).isEqualTo(GuardrailErrors.QUIET_HOURS);
      assertThat(d.rule()).isEqualTo(GuardrailRule.QUIET_HOURS);
      assertThat(d.until()).isEqualTo(at("2026-06-02T08:00", NEW_YORK));
      assertThat(DEFAULTS.check(SMS_PROMO, facts, at("2026-06-01T20:59:59", NEW_YORK)).allowed())
          .isTrue();
      assertThat(DEFAULTS.check(SMS_PROMO, facts, at("2026-06-01T07:30", NEW_YORK)).until())
          .isEqualTo(at("2026-06-01T08:00", NEW_YORK));
    }

    @Test
    @DisplayName("never hold back a conversational reply or a transactional notice at night")
    void repliesAreNotQuietHoursBound() {
      ContactFacts facts = consenting().zone(NEW_YORK).build();
      Instant night = at("2026-06-01T23:30", NEW_YORK);

      assertThat(DEFAULTS.check(OutboundMessage.agentReply(Channel.SMS), facts, night).allowed())
          .isTrue();
      assertThat(
              DEFAULTS
                  .check(
                      new OutboundMessage(Channel.SMS, MessageKind.TRANSACTIONAL, false, false),
                      facts,
                      night)
                  .allowed())
          .isTrue();
    }

    @Test
    @DisplayName("read a Spanish number's zones from its region, the Canaries an hour behind")
    void zoneFromThePhoneNumbersRegion() {
      ContactFacts facts = consenting().phone("+34612345678").build();
      Instant nineThirtyInMadrid = at("2026-06-01T21:30", MADRID);

      assertThat(DEFAULTS.check(SMS_PROMO, facts, nineThirtyInMadrid).until())
          .as("08:00 on the Canaries is 09:00 in Madrid")
          .isEqualTo(at("2026-06-02T08:00", CANARY));
    }

    @Test
    @DisplayName("for a US number, keep within the hours in every US zone, Hawaii to New York")
    void aUsNumberUsesTheNarrowestWindowOfItsRegion() {
      ContactFacts facts = consenting().phone("+14155550101").build();
      // 10:00 in New York is 04:00 in Honolulu.
      GuardrailDecision d = DEFAULTS.check(SMS_PROMO, facts, at("2026-06-01T10:00", NEW_YORK));

      assertThat(d.code()).isEqualTo(GuardrailErrors.QUIET_HOURS);
      assertThat(d.until()).isEqualTo(at("2026-06-01T08:00", ZoneId.of("Pacific/Honolulu")));
      // 20:30 in New York is 14:30 in Honolulu: within the hours everywhere.
      assertThat(DEFAULTS.check(SMS_PROMO, facts, at("2026-06-01T20:30", NEW_YORK)).allowed())
          .isTrue();
    }

    @Test
    @DisplayName("fall back to the narrowest window across the org's zones")
    void fallBackToTheOrgsZones() {
      Guardrails g =
          Guardrails.builder().orgZones(List.of(NEW_YORK, ZoneId.of("Europe/London"))).build();
      ContactFacts facts = consenting().build();

      // 08:30 in New York is 13:30 in London: both within.
      assertThat(g.check(SMS_PROMO, facts, at("2026-06-01T08:30", NEW_YORK)).allowed()).isTrue();
      // 17:00 in New York is 22:00 in London.
      GuardrailDecision d = g.check(SMS_PROMO, facts, at("2026-06-01T17:00", NEW_YORK));
      assertThat(d.code()).isEqualTo(GuardrailErrors.QUIET_HOURS);
      assertThat(d.until()).isEqualTo(at("2026-06-02T08:00", NEW_YORK));
    }

    @Test
    @DisplayName("apply a stricter regional window to numbers of that region only")
    void regionalWindows() {
      Guardrails g =
          Guardrails.builder()
              .regionalHours("ES", new SendingHours(LocalTime.of(9, 0), LocalTime.of(20, 0)))
              .build();
      Instant halfPastEight = at("2026-06-01T20:30", MADRID);

      assertThat(
              g.check(SMS_PROMO, consenting().phone("+34612345678").build(), halfPastEight).until())
          .isEqualTo(at("2026-06-02T09:00", CANARY));
      assertThat(
              g.check(
                      SMS_PROMO,
                      consenting().zone(MADRID).phone("+4915112345678").build(),
                      halfPastEight)
                  .allowed())
          .isTrue();
    }

    @Test
    @DisplayName("refuse a regional window wider than the default")
    void regionalWindowsMayOnlyBeStricter() {
      assertThatThrownBy(
              () ->
                  Guardrails.builder()
                      .regionalHours(
                          "US", new SendingHours(LocalTime.of(7, 0), LocalTime.of(21, 0))))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("within the default");
    }

    @Test
    @DisplayName("on the night clocks spring forward, defer to 08:00 of the new offset")
    void acrossSpringForward() {
      ContactFacts facts = consenting().zone(NEW_YORK).build();
      // 2026-03-08 02:00 EST became 03:00 EDT.
      GuardrailDecision d = DEFAULTS.check(SMS_PROMO, facts, at("2026-03-07T22:00", NEW_YORK));

      assertThat(d.until()).isEqualTo(Instant.parse("2026-03-08T12:00:00Z"));
    }
  }

  @Nested
  @DisplayName("on frequency caps")
  class Caps {
    final Guardrails g = Guardrails.builder().frequencyCap(new FrequencyCap(2, 5)).build();

    @Test
    @DisplayName("defer the day's third marketing message to 08:00 the next day")
    void dailyCap() {
      ContactFacts facts = consenting().zone(NEW_YORK).sends(2, 2).build();
      GuardrailDecision d = g.check(SMS_PROMO, facts, at("2026-06-03T11:00", NEW_YORK));

      assertThat(d.code()).isEqualTo(GuardrailErrors.FREQUENCY_CAP);
      assertThat(d.rule()).isEqualTo(GuardrailRule.FREQUENCY_CAP);
      assertThat(d.until())
          .as("midnight is quiet; the morning is not")
          .isEqualTo(at("2026-06-04T08:00", NEW_YORK));
    }

    @Test
    @DisplayName("defer a message over the weekly cap to Monday morning")
    void weeklyCap() {
      ContactFacts facts = consenting().zone(NEW_YORK).sends(0, 5).build();
      // 2026-06-03 is a Wednesday.
      GuardrailDecision d = g.check(SMS_PROMO, facts, at("2026-06-03T11:00", NEW_YORK));

      assertThat(d.until()).isEqualTo(at("2026-06-08T08:00", NEW_YORK));
    }

    @Test
    @DisplayName("not count replies against the cap")
    void repliesAreNotCapped() {
      ContactFacts facts = consenting().zone(NEW_YORK).sends(2, 5).build();

      assertThat(
              g.check(
                      OutboundMessage.agentReply(Channel.SMS),
                      facts,
                      at("2026-06-03T11:00", NEW_YORK))
                  .allowed())
          .isTrue();
    }
  }

  @Nested
  @DisplayName("count a contact's sends in the days of")
  class CountingZone {
    final Guardrails withOrg =
        Guardrails.builder().orgZones(List.of(ZoneId.of("America/Chicago"))).build();

    @Test
    @DisplayName("the contact's own zone when it is known")
    void theContactsOwnZone() {
      ContactFacts facts = consenting().zone(MADRID).phone("+14155550101").build();

      assertThat(withOrg.countingZone(facts)).isEqualTo(MADRID);
    }

    @Test
    @DisplayName("the phone number's region when the region keeps one clock")
    void aOneClockRegion() {
      assertThat(withOrg.countingZone(consenting().phone("+442079460000").build()))
          .isEqualTo(ZoneId.of("Europe/London"));
      assertThat(withOrg.countingZone(consenting().phone("+493012345678").build()))
          .as("Busingen keeps Berlin's clock")
          .isEqualTo(ZoneId.of("Europe/Berlin"));
    }

    @Test
    @DisplayName("the org's zone when the region keeps several clocks, else UTC")
    void theOrgsZoneOtherwise() {
      ContactFacts us = consenting().phone("+14155550101").build();
      ContactFacts spain = consenting().phone("+34912345678").build();

      assertThat(withOrg.countingZone(us)).isEqualTo(ZoneId.of("America/Chicago"));
      assertThat(withOrg.countingZone(spain)).isEqualTo(ZoneId.of("America/Chicago"));
      assertThat(DEFAULTS.countingZone(us)).isEqualTo(java.time.ZoneOffset.UTC);
    }
  }

  @Nested
  @DisplayName("on bad facts")
  class BadFacts {
    @Test
    @DisplayName("refuse a phone that is not E.164, without echoing it")
    void refuseMalformedPhones() {
      for (String phone :
          List.of(
              "4155550101",
              "+1-415-555",
              "+0123456789",
              "+1234567890123456",
              "+1" + "9".repeat(200))) {
        assertThatThrownBy(() -> ContactFacts.builder().phone(phone).build())
            .isInstanceOf(OmniFlowException.class)
            .hasMessageNotContaining(phone)
            .extracting(e -> ((OmniFlowException) e).code())
            .isEqualTo("invalid_phone");
      }
    }

    @Test
    @DisplayName("refuse negative or huge send counts and last-inbound times past 2200")
    void refuseUnboundedCounts() {
      assertThatThrownBy(() -> ContactFacts.builder().sends(-1, 0).build())
          .extracting(e -> ((OmniFlowException) e).code())
          .isEqualTo("invalid_sends");
      assertThatThrownBy(() -> ContactFacts.builder().sends(0, 2_000_000).build())
          .extracting(e -> ((OmniFlowException) e).code())
          .isEqualTo("invalid_sends");
      assertThatThrownBy(
              () ->
                  ContactFacts.builder()
                      .lastInbound(Channel.SMS, Instant.parse("2999-01-01T00:00:00Z"))
                      .build())
          .extracting(e -> ((OmniFlowException) e).code())
          .isEqualTo("invalid_last_inbound");
    }

    @Test
    @DisplayName("refuse caps below one and a weekly cap below the daily")
    void refuseBadCaps() {
      assertThatThrownBy(() -> new FrequencyCap(0, 3)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> new FrequencyCap(3, 2)).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
