package ai.omniflow.connector.support.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The connector bounds")
class BoundsTest {

  @Test
  @DisplayName("take an id of 1 to 256 characters and refuse others naming the field only")
  void boundIds() {
    assertThat(Bounds.id("x".repeat(Bounds.MAX_ID), "recipient")).hasSize(Bounds.MAX_ID);
    String tooLong = "secret-looking-value-" + "y".repeat(Bounds.MAX_ID);
    assertThatThrownBy(() -> Bounds.id(tooLong, "recipient"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("recipient must be 1 to 256 characters");
    assertThatThrownBy(() -> Bounds.id("  ", "recipient"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("  ");
  }

  @Test
  @DisplayName("cut text to 20,000 characters without splitting a surrogate pair")
  void cutText() {
    assertThat(Bounds.text("short")).isEqualTo("short");
    assertThat(Bounds.text("a".repeat(Bounds.MAX_TEXT + 5))).hasSize(Bounds.MAX_TEXT);
    String emojiAtTheEdge = "a".repeat(Bounds.MAX_TEXT - 1) + "\uD83D\uDE00tail";
    String cut = Bounds.text(emojiAtTheEdge);
    assertThat(cut).hasSize(Bounds.MAX_TEXT - 1);
    assertThat(Character.isHighSurrogate(cut.charAt(cut.length() - 1))).isFalse();
  }

  @Test
  @DisplayName("cut to any bound the same way, and leave text within it alone")
  void cutToAnyBound() {
    assertThat(Bounds.cut("abcdef", 3)).isEqualTo("abc");
    assertThat(Bounds.cut("ab\uD83D\uDE00", 3)).isEqualTo("ab");
    assertThat(Bounds.cut("abc", 3)).isEqualTo("abc");
    assertThat(Bounds.cut("\uD83D\uDE00", 1)).isEmpty();
  }

  @Test
  @DisplayName("refuse a blank, over-long or non-printable token without echoing it")
  void boundTokens() {
    Bounds.token("EAAB-token_123", "accessToken");
    assertThatThrownBy(() -> Bounds.token(null, "accessToken"))
        .hasMessage("accessToken must not be blank");
    assertThatThrownBy(() -> Bounds.token(" ", "accessToken"))
        .hasMessage("accessToken must not be blank");
    assertThatThrownBy(() -> Bounds.token("t".repeat(Bounds.MAX_TOKEN + 1), "accessToken"))
        .hasMessage("accessToken must be at most 4096 printable characters");
    assertThatThrownBy(() -> Bounds.token("tok\r\nX-Injected: 1", "accessToken"))
        .hasMessage("accessToken must be at most 4096 printable characters");
    assertThatThrownBy(() -> Bounds.token("tok en", "accessToken"))
        .hasMessageNotContaining("tok en");
  }

  @Test
  @DisplayName("take a platform's epoch-seconds expiry only between 2000 and 2200")
  void boundEpochSeconds() {
    assertThat(Bounds.epochSeconds(1898000000L)).isEqualTo(Instant.ofEpochSecond(1898000000L));
    assertThat(Bounds.epochSeconds(0)).as("Graph's never").isNull();
    assertThat(Bounds.epochSeconds(-5)).isNull();
    assertThat(Bounds.epochSeconds(42)).as("1970").isNull();
    assertThat(Bounds.epochSeconds(Long.MAX_VALUE)).isNull();
    assertThat(Bounds.epochSeconds(Bounds.LATEST.getEpochSecond())).isEqualTo(Bounds.LATEST);
  }

  @Test
  @DisplayName("add a platform's expires_in to now without overflow, none past 2200")
  void boundSecondsAfter() {
    Instant now = Instant.parse("2030-01-02T03:04:05Z");
    assertThat(Bounds.secondsAfter(now, 5183944)).isEqualTo(now.plusSeconds(5183944));
    assertThat(Bounds.secondsAfter(now, 0)).isNull();
    assertThat(Bounds.secondsAfter(now, -1)).isNull();
    assertThat(Bounds.secondsAfter(now, Long.MAX_VALUE)).isNull();
    long toLatest = Bounds.LATEST.getEpochSecond() - now.getEpochSecond();
    assertThat(Bounds.secondsAfter(now, toLatest)).isEqualTo(Bounds.LATEST);
    assertThat(Bounds.secondsAfter(now, toLatest + 1)).isNull();
  }
}
