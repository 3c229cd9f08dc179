package ai.omniflow.connector.meta;

import java.util.Optional;

/**
 * Where the connector finds a connected page's access token while it parses a webhook: a Lead Ads
 * {@code leadgen} change names only the lead's id, and the answers are read from the Graph API with
 * the page's token. The host answers from its token vault.
 *
 * <pre>{@code
 * PageTokens tokens = pageId -> vault.accessTokenOf("meta", pageId);
 * OmniFlow.builder().connector(new MetaConnectorFactory(tokens), config);
 * }</pre>
 *
 * <p>Implementations are thread-safe and must not throw for an unknown page.
 */
@FunctionalInterface
public interface PageTokens {
  /** No page has a token: lead-ad changes fail with {@link MetaException#NO_PAGE_TOKEN}. */
  PageTokens NONE = pageId -> Optional.empty();

  /** The access token of the connected page {@code pageId}, or empty if none is connected. */
  Optional<String> pageToken(String pageId);
}
