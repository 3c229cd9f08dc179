package ai.omniflow.contacts;

import ai.omniflow.OmniFlowException;
import java.util.Locale;

/**
 * What sort of handle an {@link Identity} is, which decides how it is normalized before matching.
 *
 * <pre>{@code
 * IdentityKind kind = IdentityKind.parse("phone"); // PHONE
 * }</pre>
 */
public enum IdentityKind {
  /** A Facebook Messenger page-scoped id; matched as given. */
  MESSENGER_PSID,
  /** An Instagram-scoped user id; matched as given. */
  INSTAGRAM_ID,
  /** A WhatsApp id ({@code wa_id}); matched as given, not as a phone number. */
  WHATSAPP_ID,
  /** A phone number; matched in E.164 form. */
  PHONE,
  /** An e-mail address; matched trimmed and lower-cased. */
  EMAIL;

  /** The kind's name on the wire and in the database: {@code messenger_psid}, {@code phone}, … */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a wire name, ignoring case.
   *
   * @throws OmniFlowException {@code invalid_identity_kind} (invalid input) if it is no kind
   */
  public static IdentityKind parse(String wireName) {
    for (IdentityKind kind : values()) {
      if (wireName != null && kind.wireName().equalsIgnoreCase(wireName.trim())) {
        return kind;
      }
    }
    throw OmniFlowException.invalidInput(
        ContactErrors.INVALID_IDENTITY_KIND,
        "'"
            + wireName
            + "' is not an identity kind; use messenger_psid, instagram_id, whatsapp_id, phone"
            + " or email.");
  }
}
