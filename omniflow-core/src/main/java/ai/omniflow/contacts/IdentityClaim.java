package ai.omniflow.contacts;

import java.util.Objects;

/**
 * A handle seen on a channel, claimed to belong to the person behind a message: what a connector
 * knows about a sender. {@link ContactService#resolve} normalizes it and finds or makes the
 * contact.
 *
 * <pre>{@code
 * IdentityClaim phone = IdentityClaim.of(IdentityKind.PHONE, "(415) 555-0123");
 * }</pre>
 *
 * @param kind what sort of handle it is
 * @param handle the handle as the channel gave it; validated when resolved
 */
public record IdentityClaim(IdentityKind kind, String handle) {
  public IdentityClaim {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(handle, "handle");
  }

  public static IdentityClaim of(IdentityKind kind, String handle) {
    return new IdentityClaim(kind, handle);
  }
}
