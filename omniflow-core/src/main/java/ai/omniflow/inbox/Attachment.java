package ai.omniflow.inbox;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What is known about one attachment of a message: its kind ({@code image}, {@code video}, {@code
 * file}, ...), where the platform serves it and its file name. The bytes are never stored.
 *
 * @param kind what sort of attachment, as the platform names it
 * @param url where the platform serves it, or {@code null}
 * @param name its file name, or {@code null}
 */
public record Attachment(String kind, @Nullable String url, @Nullable String name) {
  /**
   * @throws IllegalArgumentException if {@code kind} is blank
   */
  public Attachment {
    Objects.requireNonNull(kind, "kind");
    if (kind.isBlank()) {
      throw new IllegalArgumentException("kind must not be blank");
    }
  }
}
