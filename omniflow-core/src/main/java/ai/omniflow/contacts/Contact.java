package ai.omniflow.contacts;

import ai.omniflow.LanguageTags;
import ai.omniflow.Limits;
import ai.omniflow.OmniFlowException;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One person, as one org knows them. A contact merged into another keeps its row, with {@code
 * mergedIntoId} set and no identities, so that the merge can be undone.
 *
 * @param id the contact's id
 * @param orgId its org
 * @param displayName the name to show, 1 to 200 characters, or {@code null} if none is known
 * @param createdAt when it was made
 * @param updatedAt when it last changed (its name, identities or merge state)
 * @param mergedIntoId the contact it was merged into, or {@code null} while it stands on its own
 * @param language the language the contact writes in, a BCP 47 tag in canonical case ({@link
 *     LanguageTags}), or {@code null} while unknown: detected from their inbound messages ({@link
 *     ContactLanguages}) unless an agent set it
 * @param languageSetByAgent whether an agent set the language ({@link ContactService#setLanguage});
 *     detection then leaves it alone. Only with a language.
 */
public record Contact(
    UUID id,
    UUID orgId,
    @Nullable String displayName,
    Instant createdAt,
    Instant updatedAt,
    @Nullable UUID mergedIntoId,
    @Nullable String language,
    boolean languageSetByAgent) {
  /** The longest display name kept: {@link Limits#MAX_NAME}. */
  public static final int MAX_DISPLAY_NAME = Limits.MAX_NAME;

  /**
   * @throws OmniFlowException {@code invalid_display_name} (invalid input) if the display name is
   *     blank, longer than {@value #MAX_DISPLAY_NAME} characters or holds NUL; {@code
   *     invalid_language} (invalid input) if the language is not a tag {@link LanguageTags} accepts
   * @throws IllegalArgumentException if {@code languageSetByAgent} comes without a language
   */
  public Contact {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(orgId, "orgId");
    if (displayName != null) {
      displayName = displayName.strip();
      if (displayName.isEmpty()) {
        throw OmniFlowException.invalidInput(
            ContactErrors.INVALID_DISPLAY_NAME,
            "display_name must be 1 to " + MAX_DISPLAY_NAME + " characters when given.");
      }
      Limits.text("display_name", displayName, MAX_DISPLAY_NAME);
    }
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    if (id.equals(mergedIntoId)) {
      throw new IllegalArgumentException("a contact cannot be merged into itself");
    }
    language = LanguageTags.normalizeOptional(language);
    if (languageSetByAgent && language == null) {
      throw new IllegalArgumentException("languageSetByAgent needs a language");
    }
  }

  /** A contact whose language is not known yet. */
  public Contact(
      UUID id,
      UUID orgId,
      @Nullable String displayName,
      Instant createdAt,
      Instant updatedAt,
      @Nullable UUID mergedIntoId) {
    this(id, orgId, displayName, createdAt, updatedAt, mergedIntoId, null, false);
  }

  /** Whether it has been merged into another contact. */
  public boolean isMerged() {
    return mergedIntoId != null;
  }

  public Contact withDisplayName(@Nullable String name, Instant at) {
    return new Contact(id, orgId, name, createdAt, at, mergedIntoId, language, languageSetByAgent);
  }

  public Contact mergedInto(@Nullable UUID survivorId, Instant at) {
    return new Contact(
        id, orgId, displayName, createdAt, at, survivorId, language, languageSetByAgent);
  }

  public Contact touched(Instant at) {
    return new Contact(
        id, orgId, displayName, createdAt, at, mergedIntoId, language, languageSetByAgent);
  }

  /**
   * A copy with {@code tag} as its language ({@code null}: unknown), set by an agent or detected.
   *
   * @throws OmniFlowException {@code invalid_language} (invalid input) if the tag is not one {@link
   *     LanguageTags} accepts
   */
  public Contact withLanguage(@Nullable String tag, boolean byAgent, Instant at) {
    return new Contact(
        id, orgId, displayName, createdAt, at, mergedIntoId, tag, byAgent && tag != null);
  }
}
