package ai.omniflow.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omniflow.OmniFlowException;
import ai.omniflow.sla.EscalationStep.Action;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("An SLA policy")
class SlaPolicyTest {
  static final Duration HOUR = Duration.ofHours(1);

  static SlaTarget target(String channel, String band, int minutes) {
    Duration d = Duration.ofMinutes(minutes);
    return new SlaTarget(channel, band, d, d, null);
  }

  static SlaPolicy policy(List<SlaTarget> targets) {
    return new SlaPolicy(targets, 0.75, true, false, List.of());
  }

  static void refused(ThrowingCallable call, String code) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            OmniFlowException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(OmniFlowException.Kind.INVALID_INPUT);
              assertThat(e.code()).isEqualTo(code);
            });
  }

  @Nested
  @DisplayName("picks a target")
  class Resolving {
    final SlaPolicy policy =
        policy(
            List.of(
                SlaTarget.everywhere(HOUR),
                target("instagram_dm", "hot", 5),
                target("instagram_dm", null, 30),
                target(null, "hot", 10),
                target("email", null, 240),
                target(null, "cold", 480)));

    @Test
    @DisplayName("naming both the channel and the band first")
    void exactFirst() {
      assertThat(policy.targetFor("instagram_dm", "hot").firstResponse())
          .isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    @DisplayName("else the stricter of the channel's and the band's, so neither loosens the other")
    void strictestOfChannelAndBand() {
      assertThat(policy.targetFor("email", "hot").firstResponse())
          .isEqualTo(Duration.ofMinutes(10));
      assertThat(policy.targetFor("instagram_dm", "cold").firstResponse())
          .isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    @DisplayName("else the channel's or the band's alone, else the default")
    void thenTheOneThatMatchesThenTheDefault() {
      assertThat(policy.targetFor("instagram_dm", null).firstResponse())
          .isEqualTo(Duration.ofMinutes(30));
      assertThat(policy.targetFor("sms", "hot").firstResponse()).isEqualTo(Duration.ofMinutes(10));
      assertThat(policy.targetFor("sms", "warm").firstResponse()).isEqualTo(HOUR);
      assertThat(policy.targetFor("whatsapp", null).isDefault()).isTrue();
    }

    @Test
    @DisplayName("only for the glossary's channels and bands")
    void unknownChannelOrBand() {
      refused(() -> policy.targetFor("telegram", null), "invalid_channel");
      refused(() -> policy.targetFor("sms", "lukewarm"), "invalid_band");
    }
  }

  @Nested
  @DisplayName("refuses")
  class Refusing {
    @Test
    @DisplayName("a window of zero, below zero or over 30 days")
    void badWindows() {
      refused(() -> SlaTarget.everywhere(Duration.ZERO), "invalid_first_response");
      refused(() -> SlaTarget.everywhere(Duration.ofMinutes(-1)), "invalid_first_response");
      refused(() -> SlaTarget.everywhere(Duration.ofDays(31)), "invalid_first_response");
      refused(
          () -> new SlaTarget(null, null, HOUR, Duration.ofDays(30).plusSeconds(1), null),
          "invalid_next_response");
      refused(() -> new SlaTarget(null, null, HOUR, HOUR, Duration.ZERO), "invalid_after_hours");
    }

    @Test
    @DisplayName("a warning threshold outside (0, 1)")
    void badThreshold() {
      for (double t : new double[] {0, 1, -0.5, 1.5, Double.NaN}) {
        refused(
            () -> new SlaPolicy(List.of(SlaTarget.everywhere(HOUR)), t, true, false, List.of()),
            "invalid_warning_threshold");
      }
    }

    @Test
    @DisplayName("targets without exactly one default, or with a channel and band twice")
    void badTargets() {
      refused(() -> policy(List.of(target("sms", null, 5))), "invalid_targets");
      refused(
          () -> policy(List.of(SlaTarget.everywhere(HOUR), SlaTarget.everywhere(HOUR))),
          "invalid_targets");
      refused(
          () ->
              policy(
                  List.of(
                      SlaTarget.everywhere(HOUR),
                      target("sms", "hot", 5),
                      target("sms", "hot", 9))),
          "invalid_targets");
      refused(() -> target("carrier_pigeon", null, 5), "invalid_channel");
    }

    @Test
    @DisplayName("escalation steps out of order, after the pond, or re-routing without a group")
    void badEscalation() {
      refused(
          () -> EscalationStep.onBreach(Duration.ZERO, Action.REROUTE_TO_GROUP),
          "invalid_escalation");
      refused(
          () -> EscalationStep.onBreach(Duration.ofMinutes(-1), Action.NOTIFY_MANAGER),
          "invalid_escalation");
      refused(
          () ->
              new EscalationStep(
                  EscalationStep.Trigger.BREACH, Duration.ZERO, Action.NOTIFY_MANAGER, "team"),
          "invalid_escalation");
      refused(
          () ->
              new SlaPolicy(
                  List.of(SlaTarget.everywhere(HOUR)),
                  0.75,
                  true,
                  false,
                  List.of(
                      EscalationStep.onBreach(Duration.ZERO, Action.MOVE_TO_POND),
                      EscalationStep.onBreach(Duration.ofMinutes(5), Action.NOTIFY_MANAGER))),
          "invalid_escalation");
      refused(
          () ->
              new SlaPolicy(
                  List.of(SlaTarget.everywhere(HOUR)),
                  0.75,
                  true,
                  false,
                  List.of(
                      EscalationStep.onBreach(Duration.ZERO, Action.NOTIFY_MANAGER),
                      EscalationStep.onWarning(Duration.ZERO, Action.NOTIFY_ASSIGNEE))),
          "invalid_escalation");
    }

    @Test
    @DisplayName("an escalation to a group the org does not have, when asked to check")
    void unknownGroup() {
      SlaPolicy policy =
          new SlaPolicy(
              List.of(SlaTarget.everywhere(HOUR)),
              0.75,
              true,
              false,
              List.of(
                  EscalationStep.onWarning(Duration.ZERO, Action.NOTIFY_ASSIGNEE),
                  EscalationStep.onBreach(Duration.ZERO, Action.NOTIFY_MANAGER),
                  EscalationStep.onBreach(Duration.ofMinutes(10), Action.REROUTE_TO_GROUP, "team"),
                  EscalationStep.onBreach(Duration.ofMinutes(30), Action.MOVE_TO_POND)));

      assertThat(policy.requireKnownGroups(Set.of("team")::contains)).isSameAs(policy);
      refused(() -> policy.requireKnownGroups(Set.of("sales")::contains), "invalid_escalation");
    }
  }

  @Nested
  @DisplayName("of a pack")
  class PackDefaults {
    @Test
    @DisplayName(
        "for real estate answers in 5 business minutes, or 15 wall-clock minutes after hours")
    void realEstate() {
      SlaTarget t = SlaPolicy.realEstateDefault().targetFor("instagram_dm", "hot");
      assertThat(t.firstResponse()).isEqualTo(Duration.ofMinutes(5));
      assertThat(t.afterHours()).isEqualTo(Duration.ofMinutes(15));
      assertThat(SlaPolicy.realEstateDefault().businessHoursOnly()).isTrue();
    }

    @Test
    @DisplayName("for any other business answers within an hour")
    void generic() {
      assertThat(SlaPolicy.genericDefault().targetFor("email", null).firstResponse())
          .isEqualTo(HOUR);
      assertThat(SlaPolicy.genericDefault().warningThreshold()).isEqualTo(0.75);
    }
  }
}
