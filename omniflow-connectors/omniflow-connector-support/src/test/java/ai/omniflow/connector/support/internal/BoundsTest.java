package ai.omniflow.connector.support.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
