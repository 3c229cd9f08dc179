package ai.omniflow.assist;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A suggested reply to an inbound message, for an agent to check, edit and send.
 *
 * <pre>{@code
 * Suggestion s = suggester.suggest(request);
 * s.intent();      // "showing_request"
 * s.reply();       // "Hi Ana, ... here: https://cal.example/sam ..."
 * s.factsUsed();   // ["contact_first_name", "agent_name", "booking_link"]
 * s.warnings();    // ["window_closed_template_required"]
 * s.language();    // "en": the language the contact wrote in, and the reply's
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param intent the intent found, a key of the pack's intents
 * @param confidence the classifier's confidence, in [0, 1]
 * @param runnerUp the second most likely intent, or {@code null}
 * @param reply the reply text, at most {@link #MAX_REPLY} characters, or {@code null} when nothing
 *     should be sent (the contact opted out, or the message is an opt-out)
 * @param nextAction what the agent should do next, one of {@link
 *     ai.omniflow.pack.VerticalPack#NEXT_ACTIONS}
 * @param factsUsed the names of the facts the reply states, in the order first used
 * @param warnings guardrail, fallback and language warnings: {@link #CONTACT_OPTED_OUT}, {@link
 *     #WINDOW_CLOSED}, {@link #QUIET_HOURS}, {@link #REPLY_LANGUAGE_UNAVAILABLE}, {@code
 *     llm_fallback:<reason>}
 * @param language the language the contact wrote in (ISO 639-1, see {@link LanguageDetector}); the
 *     reply is in it unless the warnings hold {@link #REPLY_LANGUAGE_UNAVAILABLE}
 */
public record Suggestion(
    String intent,
    double confidence,
    @Nullable String runnerUp,
    @Nullable String reply,
    String nextAction,
    List<String> factsUsed,
    List<String> warnings,
    String language) {

  /**
   * Warning: the pack has no reply templates in the language the contact wrote in, so the reply is
   * in the pack's default language.
   */
  public static final String REPLY_LANGUAGE_UNAVAILABLE = "reply_language_unavailable";

  private static final java.util.regex.Pattern LANGUAGE =
      java.util.regex.Pattern.compile("[a-z]{2}");

  /** The longest reply, in characters. */
  public static final int MAX_REPLY = 4096;

  /** Warning: the contact opted out; there is no reply text. */
  public static final String CONTACT_OPTED_OUT = "contact_opted_out";

  /** Warning: the channel's reply window has closed; only an approved template may be sent. */
  public static final String WINDOW_CLOSED = "window_closed_template_required";

  /** Warning: it is quiet hours for the contact; send later. */
  public static final String QUIET_HOURS = "quiet_hours";

  /** The next action of an opt-out. */
  public static final String STOP_MESSAGING = "stop_messaging";

  /** The next action of an intent the pack names none for. */
  public static final String HANDOFF = "handoff";

  /**
   * @throws IllegalArgumentException if the intent or next action is blank, the confidence is
   *     outside [0, 1], or the reply is blank or too long
   */
  public Suggestion {
    Objects.requireNonNull(intent, "intent");
    Objects.requireNonNull(nextAction, "nextAction");
    if (intent.isBlank() || nextAction.isBlank()) {
      throw new IllegalArgumentException("intent and nextAction must not be blank");
    }
    if (!(confidence >= 0 && confidence <= 1)) {
      throw new IllegalArgumentException("confidence must be in [0, 1], was " + confidence);
    }
    if (reply != null && (reply.isBlank() || reply.length() > MAX_REPLY)) {
      throw new IllegalArgumentException(
          "reply must be non-blank and at most " + MAX_REPLY + " characters");
    }
    factsUsed = List.copyOf(factsUsed);
    warnings = List.copyOf(warnings);
    Objects.requireNonNull(language, "language");
    if (!LANGUAGE.matcher(language).matches()) {
      throw new IllegalArgumentException("language must be two lower-case letters (ISO 639-1)");
    }
  }

  /**
   * A suggestion in English ({@link ai.omniflow.pack.VerticalPack#DEFAULT_LANGUAGE}).
   *
   * @throws IllegalArgumentException as the canonical constructor
   */
  public Suggestion(
      String intent,
      double confidence,
      @Nullable String runnerUp,
      @Nullable String reply,
      String nextAction,
      List<String> factsUsed,
      List<String> warnings) {
    this(
        intent,
        confidence,
        runnerUp,
        reply,
        nextAction,
        factsUsed,
        warnings,
        ai.omniflow.pack.VerticalPack.DEFAULT_LANGUAGE);
  }

  /** A copy with one more warning at the end. */
  public Suggestion withWarning(String warning) {
    List<String> more = new java.util.ArrayList<>(warnings);
    more.add(warning);
    return new Suggestion(
        intent, confidence, runnerUp, reply, nextAction, factsUsed, more, language);
  }
}
