package ai.omniflow.jdbc.internal;

import java.util.regex.Pattern;

/**
 * Checks names that are spliced into SQL (schema and role names cannot be bind parameters), so that
 * only plain lower-case identifiers ever reach a statement.
 */
public final class SqlNames {
  private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private SqlNames() {}

  /**
   * Returns {@code name} if it is a plain lower-case PostgreSQL identifier.
   *
   * @param what what the name is, for the message, e.g. {@code schema}
   * @throws IllegalArgumentException if it is null or not {@code [a-z_][a-z0-9_]{0,62}}
   */
  public static String require(String what, String name) {
    if (name == null || !IDENTIFIER.matcher(name).matches()) {
      throw new IllegalArgumentException(
          what
              + " must be a lower-case identifier of 1 to 63 letters, digits or underscores"
              + " that does not start with a digit");
    }
    return name;
  }
}
