package ai.omniflow.assist;

import ai.omniflow.pack.VerticalPack;
import java.util.Objects;

/**
 * What a {@link ai.omniflow.assist.spi.ReplySuggester} is asked: one inbound message of one
 * contact, with the pack, the facts a reply may use and the guardrail inputs. It carries only this
 * contact's data.
 *
 * <pre>{@code
 * new SuggestionRequest(pack, "how much?", facts, Guardrails.of("sms", lastInbound, now));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param pack the org's vertical pack: intents, reply templates, next actions
 * @param text the inbound message, as the contact wrote it
 * @param facts the facts a reply may state
 * @param guardrails opt-out, channel window and quiet hours
 */
public record SuggestionRequest(
    VerticalPack pack, String text, Facts facts, Guardrails guardrails) {
  /** The longest inbound text accepted, in characters. */
  public static final int MAX_TEXT = 4096;

  /**
   * @throws IllegalArgumentException if the text is blank or longer than {@link #MAX_TEXT}
   * @throws NullPointerException if an argument is null
   */
  public SuggestionRequest {
    Objects.requireNonNull(pack, "pack");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(facts, "facts");
    Objects.requireNonNull(guardrails, "guardrails");
    if (text.isBlank()) {
      throw new IllegalArgumentException("text must not be blank");
    }
    if (text.length() > MAX_TEXT) {
      throw new IllegalArgumentException(
          "text must be at most " + MAX_TEXT + " characters, was " + text.length());
    }
  }
}
