package ai.omniflow.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.assist.Guardrails;
import ai.omniflow.connector.spi.Channel;
import ai.omniflow.guardrails.MessageKind;
import ai.omniflow.guardrails.OutboundMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A thread's reply window")
class ReplyWindowTest {
  private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

  private static InboxThread thread(Channel channel, @Nullable Instant lastInbound) {
    return new InboxThread(
        UUID.randomUUID(),
        UUID.randomUUID(),
        UUID.randomUUID(),
        channel,
        "acct",
        "dm:psid:someone",
        ThreadStatus.OPEN,
        null,
        lastInbound,
        null,
        NOW.minus(Duration.ofDays(3)),
        0,
        NOW.minus(Duration.ofDays(3)),
        NOW.minus(Duration.ofDays(3)));
  }

  @Test
  @DisplayName("is open on WhatsApp, Messenger and Instagram within 24 hours of the last message")
  void metaChannelsAreOpenWithinADay() {
    Instant last = NOW.minus(Duration.ofHours(23));
    for (Channel c : new Channel[] {Channel.WHATSAPP, Channel.FACEBOOK_DM, Channel.INSTAGRAM_DM}) {
      assertThat(ReplyWindow.of(thread(c, last), NOW)).as(c.id()).isEqualTo(ReplyWindow.OPEN);
    }
  }

  @Test
  @DisplayName(
      "is closed on WhatsApp, Messenger and Instagram past 24 hours, even for a person's reply,"
          + " as the send refuses it")
  void metaChannelsCloseAfterADay() {
    Instant last = NOW.minus(Duration.ofHours(25));
    for (Channel c : new Channel[] {Channel.WHATSAPP, Channel.FACEBOOK_DM, Channel.INSTAGRAM_DM}) {
      assertThat(ReplyWindow.of(thread(c, last), NOW)).as(c.id()).isEqualTo(ReplyWindow.CLOSED);
      assertThat(ReplyWindow.of(thread(c, null), NOW)).as(c.id()).isEqualTo(ReplyWindow.CLOSED);
    }
  }

  @Test
  @DisplayName("is always open on SMS, email and comments, and never on a lead-ad form")
  void otherChannelsHaveNoWindow() {
    Instant monthAgo = NOW.minus(Duration.ofDays(30));
    for (Channel c :
        new Channel[] {
          Channel.SMS, Channel.EMAIL, Channel.FACEBOOK_COMMENT, Channel.INSTAGRAM_COMMENT
        }) {
      assertThat(ReplyWindow.of(thread(c, monthAgo), NOW)).as(c.id()).isEqualTo(ReplyWindow.OPEN);
    }
    assertThat(ReplyWindow.of(thread(Channel.LEAD_FORM, NOW), NOW))
        .isEqualTo(ReplyWindow.NOT_REPLYABLE);
  }

  @Test
  @DisplayName(
      "is what a reply suggestion warns of: window_closed exactly when the thread's window is"
          + " closed, on every channel, a channel no one knows having no window")
  void suggestionsWarnOfTheSameWindow() {
    for (Channel c : Channel.values()) {
      if (!ReplyWindow.replyable(c)) {
        continue;
      }
      for (Instant last :
          new Instant[] {
            null, NOW, NOW.minus(Duration.ofHours(24)), NOW.minus(Duration.ofHours(24).plusNanos(1))
          }) {
        boolean closed = ReplyWindow.of(thread(c, last), NOW) == ReplyWindow.CLOSED;
        Guardrails suggestion = Guardrails.of(c.id(), last, NOW);
        assertThat(suggestion.windowClosed()).as(c.id() + " " + last).isEqualTo(closed);
        assertThat(suggestion.channelWindow())
            .as(c.id())
            .isEqualTo(
                ai.omniflow.guardrails.Guardrails.channelWindow(
                    OutboundMessage.reply(c, MessageKind.CONVERSATIONAL)));
      }
    }
    assertThat(Guardrails.of("telegram", null, NOW).windowClosed()).isFalse();
    assertThat(Guardrails.windowFor("telegram")).isNull();
    assertThat(Guardrails.windowFor("whatsapp")).isEqualTo(Duration.ofHours(24));
  }
}
