package ai.omniflow.spring.boot;

import ai.omniflow.OmniFlow;

/**
 * Adjusts the {@link OmniFlow.Builder} the auto-configuration uses, after it has set the store,
 * packs and clock. Declare beans of this type to add to OmniFlow without replacing it.
 *
 * <pre>{@code
 * @Bean
 * OmniFlowBuilderCustomizer fixedClock() {
 *   return builder -> builder.clock(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
 * }
 * }</pre>
 *
 * <p>Called once, on the thread that creates the {@link OmniFlow} bean.
 */
@FunctionalInterface
public interface OmniFlowBuilderCustomizer {
  void customize(OmniFlow.Builder builder);
}
