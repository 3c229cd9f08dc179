package ai.omniflow.examples.server;

import ai.omniflow.OmniFlow;
import ai.omniflow.connector.meta.MetaConnectorFactory;
import ai.omniflow.connector.spi.ConnectorFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Meta's connector, when {@code omniflow.connectors.providers.meta.app-id} is set, with the page
 * tokens core keeps: the OAuth flow stores each page's own token from {@code /me/accounts} (sealed
 * in the token vault, as every token), and a Lead Ads {@code leadgen} change reads its lead with
 * the token of the page it names. A page that needs re-authorization, or that no org connected,
 * gives no token, so the lead read fails with {@code no_page_token} without calling Meta and the
 * stored delivery waits to be replayed (decision 0068).
 */
@Configuration(proxyBeanMethods = false)
class MetaConnectorConfiguration {
  @Bean
  @ConditionalOnProperty(prefix = "omniflow.connectors.providers.meta", name = "app-id")
  ConnectorFactory metaConnectorFactory(ObjectProvider<OmniFlow> omniFlow) {
    // Read lazily: the OmniFlow bean is built from the connector factories, this one included.
    return new MetaConnectorFactory(
        pageId ->
            omniFlow
                .getObject()
                .webhooks()
                .platformAccessToken(MetaConnectorFactory.PROVIDER_ID, pageId));
  }
}
