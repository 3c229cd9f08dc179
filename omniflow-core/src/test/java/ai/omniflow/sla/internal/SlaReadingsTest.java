package ai.omniflow.sla.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omniflow.connector.spi.Channel;
import ai.omniflow.inbox.InboxThread;
import ai.omniflow.inbox.ThreadStatus;
import ai.omniflow.sla.TimelineEvent;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A thread's SLA timeline, as its row tells it")
class SlaReadingsTest {
  private static final Instant IN = Instant.parse("2026-11-25T10:00:00Z");

  private static InboxThread thread(@Nullable Instant in, @Nullable Instant out) {
    Instant created = Instant.parse("2026-11-25T09:00:00Z");
    return new InboxThread(
        UUID.randomUUID(),
        UUID.randomUUID(),
        UUID.randomUUID(),
        Channel.INSTAGRAM_DM,
        null,
        "key",
        ThreadStatus.OPEN,
        null,
        in,
        out,
        created,
        0,
        created,
        created);
  }

  @Test
  @DisplayName("is empty without an inbound message, then an inbound alone or followed by a reply")
  void timeline() {
    assertThat(SlaReadings.timeline(thread(null, null))).isEmpty();
    assertThat(SlaReadings.timeline(thread(IN, null))).containsExactly(TimelineEvent.inbound(IN));
    assertThat(SlaReadings.timeline(thread(IN, IN.minusSeconds(60))))
        .containsExactly(TimelineEvent.inbound(IN));
    assertThat(SlaReadings.timeline(thread(IN, IN.plusSeconds(60))))
        .containsExactly(TimelineEvent.inbound(IN), TimelineEvent.humanReply(IN.plusSeconds(60)));
  }
}
