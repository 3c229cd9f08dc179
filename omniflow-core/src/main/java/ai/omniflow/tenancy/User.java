package ai.omniflow.tenancy;

import ai.omniflow.OmniFlowException;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * A person who works in OmniFlow. A user belongs to orgs through {@link Membership}s and is seen by
 * an org only while a membership links them.
 *
 * @param id the user's id
 * @param email the login e-mail, stored lower-case
 * @param displayName the name shown to colleagues
 * @param createdAt when the user was created
 */
public record User(UUID id, String email, String displayName, Instant createdAt) {
  public User {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(createdAt, "createdAt");
    email = Names.require("email", email, 320).toLowerCase(Locale.ROOT);
    if (!email.matches("[^@\\s]+@[^@\\s]+")) {
      throw OmniFlowException.invalidInput(
          TenancyErrors.INVALID_EMAIL, "email must look like name@domain.");
    }
    displayName = Names.require("display_name", displayName, 200);
  }
}
