package ai.omniflow.examples.server;

import ai.omniflow.tenancy.Role;
import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/**
 * Who signed in to the pages: the org, the user and the role they signed in with (a cap, not a
 * grant: each request resolves the membership again, see {@link Pages#actor}). Kept in the session.
 *
 * @param orgId the org
 * @param userId the member
 * @param role the role at sign-in
 * @param name the name to show
 */
record SignedIn(UUID orgId, UUID userId, Role role, String name) implements Serializable {
  private static final long serialVersionUID = 1L;

  SignedIn {
    Objects.requireNonNull(orgId, "orgId");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(name, "name");
  }
}
