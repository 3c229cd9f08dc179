package ai.omniflow.examples.server;

import ai.omniflow.OmniFlow;
import ai.omniflow.contacts.Contact;
import ai.omniflow.tenancy.Actor;
import jakarta.validation.Valid;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A contact as JSON ({@code GET /contacts/{id}}) and the language it writes in ({@code PUT
 * /contacts/{id}/language}). Only adapts {@link ai.omniflow.contacts.ContactService}; an id that
 * does not parse, or names another org's contact, is 404.
 */
@RestController
final class ContactsApi {
  private final OmniFlow omniFlow;

  ContactsApi(OmniFlow omniFlow) {
    this.omniFlow = omniFlow;
  }

  /** The contact, merged away or not (then {@code merged_into_id} names the survivor). */
  @GetMapping("/contacts/{id}")
  ContactView contact(Actor actor, @PathVariable String id) {
    return ContactView.of(
        omniFlow.contacts().contact(actor, InboxApi.notFoundUnlessUuid(id, "The contact")));
  }

  /**
   * Sets the language the contact writes in, as an agent knows it ({@code {"language":"es-MX"}}):
   * 200 with the contact, detection leaving the language alone from then on; {@code null} hands it
   * back to detection. 422 {@code invalid_language} for a tag that is not well formed (the value is
   * never echoed), 404 for an unknown contact, 409 {@code contact_merged} for one merged away, 403
   * for viewers.
   */
  @PutMapping("/contacts/{id}/language")
  ContactView setLanguage(
      Actor actor, @PathVariable String id, @Valid @RequestBody LanguageBody body) {
    UUID contact = InboxApi.notFoundUnlessUuid(id, "The contact");
    return ContactView.of(omniFlow.contacts().setLanguage(actor, contact, body.language()));
  }

  record LanguageBody(@Nullable String language) {}

  record ContactView(
      UUID id,
      @Nullable String displayName,
      @Nullable String language,
      boolean languageSetByAgent,
      @Nullable UUID mergedIntoId,
      Instant createdAt,
      Instant updatedAt) {
    static ContactView of(Contact c) {
      return new ContactView(
          c.id(),
          c.displayName(),
          c.language(),
          c.languageSetByAgent(),
          c.mergedIntoId(),
          c.createdAt(),
          c.updatedAt());
    }
  }
}
