package ai.omniflow.routing;

import ai.omniflow.LanguageTags;
import ai.omniflow.Limits;
import ai.omniflow.OmniFlowException;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A person who takes leads: routing assigns leads to agents, within their capacity and
 * availability.
 *
 * <pre>{@code
 * Agent ana = new Agent(UUID.randomUUID(), userId, "Ana", true, 1, 10, Set.of("en", "es"),
 *     Availability.ALWAYS);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * <p>Throws {@link IllegalArgumentException} if the name is blank, the weight is below 1 or the
 * capacity is negative
 *
 * @param userId the OmniFlow user this agent signs in as, or {@code null} for one without a login
 * @param active whether the agent takes leads at all; inactive agents are never assigned
 * @param weight the agent's share under the weighted policy, at least 1
 * @param capacity the most open leads the agent may hold; 0 takes none
 * @param languages the languages the agent speaks, BCP 47 tags ({@code en}, {@code es-MX}, …, see
 *     {@link LanguageTags}), kept in canonical case; routing prefers agents who speak the lead's
 *     language ({@link RoutingRequest#withLanguage}), a region aside ({@code es} speaks to {@code
 *     es-MX})
 */
public record Agent(
    UUID id,
    @Nullable UUID userId,
    String name,
    boolean active,
    int weight,
    int capacity,
    Set<String> languages,
    Availability availability) {

  /** The most languages an agent may list. */
  public static final int MAX_LANGUAGES = 50;

  /** The longest language tag, as BCP 47 advises: 35 characters ({@link LanguageTags}). */
  public static final int MAX_LANGUAGE = 35;

  /** The largest weight an agent may have. */
  public static final int MAX_WEIGHT = 1000;

  /**
   * @throws OmniFlowException {@code invalid_languages} (invalid input) for more than {@value
   *     #MAX_LANGUAGES} languages or one that is not a tag {@link LanguageTags} accepts
   */
  public Agent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank");
    }
    if (name.length() > 200) {
      throw new IllegalArgumentException("name must be at most 200 characters");
    }
    if (weight < 1 || weight > MAX_WEIGHT) {
      throw new IllegalArgumentException("weight must be between 1 and " + MAX_WEIGHT);
    }
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity must not be negative");
    }
    Limits.text("name", name, Limits.MAX_NAME);
    Limits.list("languages", languages, MAX_LANGUAGES);
    Set<String> tags = new LinkedHashSet<>();
    for (String language : languages) {
      if (!LanguageTags.isValid(language)) {
        throw OmniFlowException.invalidInput(
            "invalid_languages",
            "languages must be BCP 47 tags such as es or es-MX, each at most "
                + MAX_LANGUAGE
                + " characters.");
      }
      tags.add(LanguageTags.normalize(language));
    }
    languages = Set.copyOf(tags);
    Objects.requireNonNull(availability, "availability");
  }

  /** An active agent of weight 1, always available, speaking no listed language. */
  public static Agent of(UUID id, String name, int capacity) {
    return new Agent(id, null, name, true, 1, capacity, Set.of(), Availability.ALWAYS);
  }

  /** A copy with {@code availability}. */
  public Agent withAvailability(Availability availability) {
    return new Agent(id, userId, name, active, weight, capacity, languages, availability);
  }
}
