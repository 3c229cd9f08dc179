package ai.omniflow.routing;

import ai.omniflow.LanguageTags;
import ai.omniflow.scoring.LeadFacts;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What routing needs to know about one lead.
 *
 * <pre>{@code
 * RoutingRequest req = RoutingRequest.of(engine.facts().set("zip", "94110").build())
 *     .withPreviousOwner(contactsLastAgent)
 *     .withLanguage(lead.language());
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param facts the lead's fields for the rules, made by {@link RoutingEngine#facts()} (or any
 *     builder for the same pack fields)
 * @param previousOwner the agent who last owned a lead of the same contact, for sticky routing
 * @param excludedAgent an agent not to assign, e.g. the current owner when re-routing
 * @param expiredOffer the group whose first-to-claim offer expired unclaimed: routing starts at its
 *     fallback
 * @param language the lead's language, a BCP 47 tag ({@link LanguageTags}), or {@code null}:
 *     routing prefers agents who speak it along the chain and falls back to everyone when none who
 *     speaks it can take the lead ({@link RoutingEngine})
 * @param group the group routing starts at instead of the rules' (an SLA escalation re-routing to a
 *     group), or {@code null}; ignored when {@code expiredOffer} is set
 */
public record RoutingRequest(
    LeadFacts facts,
    @Nullable UUID previousOwner,
    @Nullable UUID excludedAgent,
    @Nullable String expiredOffer,
    @Nullable String language,
    @Nullable String group) {
  /**
   * @throws ai.omniflow.OmniFlowException {@code invalid_language} (invalid input) if the language
   *     is not a tag {@link LanguageTags} accepts
   */
  public RoutingRequest {
    Objects.requireNonNull(facts, "facts");
    language = LanguageTags.normalizeOptional(language);
  }

  /** A request that starts at the rules' group. */
  public RoutingRequest(
      LeadFacts facts,
      @Nullable UUID previousOwner,
      @Nullable UUID excludedAgent,
      @Nullable String expiredOffer,
      @Nullable String language) {
    this(facts, previousOwner, excludedAgent, expiredOffer, language, null);
  }

  /** A request without a language preference. */
  public RoutingRequest(
      LeadFacts facts,
      @Nullable UUID previousOwner,
      @Nullable UUID excludedAgent,
      @Nullable String expiredOffer) {
    this(facts, previousOwner, excludedAgent, expiredOffer, null, null);
  }

  /** A request for a lead with {@code facts}, no history. */
  public static RoutingRequest of(LeadFacts facts) {
    return new RoutingRequest(facts, null, null, null, null, null);
  }

  public RoutingRequest withPreviousOwner(@Nullable UUID agent) {
    return new RoutingRequest(facts, agent, excludedAgent, expiredOffer, language, group);
  }

  public RoutingRequest withExcludedAgent(@Nullable UUID agent) {
    return new RoutingRequest(facts, previousOwner, agent, expiredOffer, language, group);
  }

  public RoutingRequest withExpiredOffer(@Nullable String group) {
    return new RoutingRequest(facts, previousOwner, excludedAgent, group, language, this.group);
  }

  /**
   * A copy preferring agents who speak {@code tag} ({@code null}: no preference).
   *
   * @throws ai.omniflow.OmniFlowException {@code invalid_language} (invalid input) if the tag is
   *     not one {@link LanguageTags} accepts
   */
  public RoutingRequest withLanguage(@Nullable String tag) {
    return new RoutingRequest(facts, previousOwner, excludedAgent, expiredOffer, tag, group);
  }

  /**
   * A copy that starts at group {@code key} instead of the group the rules pick ({@code null}: the
   * rules' group), then follows its fallback chain as usual; an unknown group falls back to the
   * default group.
   */
  public RoutingRequest withGroup(@Nullable String key) {
    return new RoutingRequest(facts, previousOwner, excludedAgent, expiredOffer, language, key);
  }
}
