package ai.omniflow.leads;

import ai.omniflow.inbox.Message;
import ai.omniflow.inbox.MessageDirection;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What lead fields are read from: the text of an inbound message, or the answers of a lead form
 * (e.g. a Meta lead ad: {@code budget → "$500,000"}, {@code when_are_you_looking_to_buy? → "0-3
 * months"}).
 *
 * <pre>{@code
 * List<ExtractionSource> sources = new ArrayList<>(ExtractionSource.inbound(thread.messages()));
 * sources.add(ExtractionSource.form(Map.of("zip_code", "94110"), submittedAt));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface ExtractionSource {
  /** When the message was sent or the form submitted; later sources win over earlier ones. */
  Instant at();

  /**
   * The text of a message a contact sent.
   *
   * @param text the message text, as sent
   * @param at when it was sent
   */
  record InboundText(String text, Instant at) implements ExtractionSource {
    /**
     * @throws NullPointerException if an argument is null
     */
    public InboundText {
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(at, "at");
    }
  }

  /**
   * The answers of a lead form.
   *
   * @param answers question or field key to the answer, in the form's order
   * @param at when the form was submitted
   */
  record FormAnswers(Map<String, String> answers, Instant at) implements ExtractionSource {
    /**
     * Copies {@code answers}, keeping its order.
     *
     * @throws NullPointerException if an argument, key or answer is null
     */
    public FormAnswers {
      Map<String, String> copy = new LinkedHashMap<>();
      answers.forEach(
          (k, v) ->
              copy.put(Objects.requireNonNull(k, "key"), Objects.requireNonNull(v, "answer")));
      answers = Collections.unmodifiableMap(copy);
      Objects.requireNonNull(at, "at");
    }
  }

  /** The text of a message a contact sent at {@code at}. */
  static ExtractionSource message(String text, Instant at) {
    return new InboundText(text, at);
  }

  /** The answers of a lead form submitted at {@code at}. */
  static ExtractionSource form(Map<String, String> answers, Instant at) {
    return new FormAnswers(answers, at);
  }

  /** The inbound messages of {@code messages}, in order; outbound ones are left out. */
  static List<ExtractionSource> inbound(List<Message> messages) {
    return messages.stream()
        .filter(m -> m.direction() == MessageDirection.INBOUND)
        .map(m -> message(m.text(), m.sentAt()))
        .toList();
  }
}
