package ai.omniflow.assist;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The facts a suggested reply may rest on, each a named string value: the org's facts ({@code
 * org_name}, {@code agent_name}, {@code booking_link}, …), the contact's name and the lead's fields
 * ({@code lead.budget}). A reply states nothing that is not here.
 *
 * <pre>{@code
 * Facts facts = Facts.builder()
 *     .put(Facts.CONTACT_FIRST_NAME, "Ana")
 *     .put(Facts.AGENT_NAME, "Sam Lee")
 *     .lead("budget", "450000 EUR")
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe; iteration follows the order the facts were put.
 *
 * @param values fact name to value; names are {@code snake_case}, optionally prefixed {@code
 *     lead.}; values are not blank
 */
public record Facts(Map<String, String> values) {
  /** The contact's first name. */
  public static final String CONTACT_FIRST_NAME = "contact_first_name";

  /** The contact's full name. */
  public static final String CONTACT_NAME = "contact_name";

  /** The full name of the agent who owns the thread or lead. */
  public static final String AGENT_NAME = "agent_name";

  /** That agent's first name. */
  public static final String AGENT_FIRST_NAME = "agent_first_name";

  /** The org's name. */
  public static final String ORG_NAME = "org_name";

  /** The org's booking link. */
  public static final String BOOKING_LINK = "booking_link";

  /** The prefix of a lead field's fact, e.g. {@code lead.budget}. */
  public static final String LEAD_PREFIX = "lead.";

  private static final Pattern NAME = Pattern.compile("(lead\\.)?[a-z][a-z0-9_]{0,62}");
  private static final Facts NONE = new Facts(Map.of());

  /**
   * @throws IllegalArgumentException if a name is malformed or a value is blank
   */
  public Facts {
    Map<String, String> copy = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : values.entrySet()) {
      String name = Objects.requireNonNull(e.getKey(), "fact name");
      String value = Objects.requireNonNull(e.getValue(), "fact value");
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "fact name must be snake_case, optionally prefixed 'lead.', was '" + name + "'");
      }
      if (value.isBlank()) {
        throw new IllegalArgumentException("fact '" + name + "' must not be blank");
      }
      copy.put(name, value.strip());
    }
    values = Collections.unmodifiableMap(copy);
  }

  /** No facts at all. */
  public static Facts none() {
    return NONE;
  }

  /** A builder of facts. */
  public static Builder builder() {
    return new Builder();
  }

  /** The value of a fact, or {@code null} if there is none. */
  public @Nullable String get(String name) {
    return values.get(name);
  }

  /** Builds {@link Facts}. Not thread-safe. */
  public static final class Builder {
    private final Map<String, String> values = new LinkedHashMap<>();

    private Builder() {}

    /** Puts a fact; a null or blank value is skipped, as if the fact were unknown. */
    public Builder put(String name, @Nullable String value) {
      if (value != null && !value.isBlank()) {
        values.put(name, value);
      }
      return this;
    }

    /** Puts a lead field's fact, named {@code lead.<field>}; null or blank is skipped. */
    public Builder lead(String field, @Nullable String value) {
      return put(LEAD_PREFIX + field, value);
    }

    /**
     * @throws IllegalArgumentException if a name is malformed
     */
    public Facts build() {
      return new Facts(values);
    }
  }
}
