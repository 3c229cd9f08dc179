/**
 * A {@link ai.omniflow.assist.spi.ReplySuggester} over any OpenAI-compatible chat-completions
 * endpoint: {@link ai.omniflow.connector.openai.OpenAiCompatibleReplySuggester}. It asks for
 * JSON-schema structured output, validates it, re-checks grounding, and falls back to the default
 * suggester on any failure.
 */
@NullMarked
package ai.omniflow.connector.openai;

import org.jspecify.annotations.NullMarked;
