package ai.omniflow.connector.spi;

import org.jspecify.annotations.Nullable;

/**
 * Who sent an inbound message, comment or lead form, as far as the platform says. Core matches or
 * creates a contact and an identity from it. At least one field is present.
 *
 * <pre>{@code
 * new Sender("1790012345", "Ana Lima", null, null); // an Instagram-scoped id and a name
 * }</pre>
 *
 * @param handle the platform's id of the person on this channel (IGSID, PSID, phone number, email
 *     address), or null
 * @param name the person's display name, or null
 * @param phone the person's phone number (E.164 where the platform gives it), or null
 * @param email the person's email address, or null
 */
public record Sender(
    @Nullable String handle,
    @Nullable String name,
    @Nullable String phone,
    @Nullable String email) {

  /**
   * Validates the components.
   *
   * @throws IllegalArgumentException if every field is null or blank
   */
  public Sender {
    handle = Checks.blankToNull(handle);
    name = Checks.blankToNull(name);
    phone = Checks.blankToNull(phone);
    email = Checks.blankToNull(email);
    if (handle == null && name == null && phone == null && email == null) {
      throw new IllegalArgumentException("a sender needs a handle, name, phone or email");
    }
  }

  /** A sender known only by the platform's handle. */
  public static Sender ofHandle(String handle) {
    return new Sender(handle, null, null, null);
  }
}
