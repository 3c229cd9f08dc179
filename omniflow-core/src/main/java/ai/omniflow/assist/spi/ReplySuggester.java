package ai.omniflow.assist.spi;

import ai.omniflow.assist.Suggestion;
import ai.omniflow.assist.SuggestionRequest;

/**
 * Suggests a reply to an inbound message: its intent, the reply text, what to do next, the facts
 * that grounded it and the guardrail warnings. The default is {@link
 * ai.omniflow.assist.TemplateReplySuggester}, offline and deterministic; {@code
 * omniflow-connector-openai} offers one backed by any OpenAI-compatible endpoint.
 *
 * <pre>{@code
 * Suggestion s = suggester.suggest(new SuggestionRequest(pack, "can I see it saturday?", facts,
 *     Guardrails.of("instagram_dm", lastInbound, clock.instant())));
 * s.reply();       // "Hi Ana, thanks for your interest! I'm Sam Lee ..."
 * s.nextAction();  // "book_showing"
 * }</pre>
 *
 * <p>Rules every implementation keeps: the reply states no number, date, time, price or address
 * that is not in the request's facts; a contact who opted out, or an {@code opt_out} intent, gets
 * no reply text and the next action {@code stop_messaging}. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface ReplySuggester {
  /**
   * Suggests a reply.
   *
   * @param request the pack, the inbound text, the facts and the guardrail inputs
   * @return the suggestion; never null
   * @throws NullPointerException if {@code request} is null
   * @throws ai.omniflow.OmniFlowException with code {@code unavailable} if a suggester that needs
   *     an outside service cannot reach it and has no fallback (the shipped ones always fall back)
   */
  Suggestion suggest(SuggestionRequest request);
}
