package ai.omniflow.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.contacts.ContactErrors;
import ai.omniflow.contacts.IdentityKind;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Locale;

/**
 * Turns a claimed handle into the value identities are matched by. The rules are those of
 * docs/contacts.md:
 *
 * <ul>
 *   <li>phone: parsed by libphonenumber, with the org's default region when it has no country code,
 *       refused unless it is a valid number, written in E.164 (an extension is dropped);
 *   <li>e-mail: surrounding space trimmed, lower-cased whole; nothing else (no Gmail dots, no
 *       {@code +tag} stripping: those may be different mailboxes);
 *   <li>platform ids: surrounding space trimmed, otherwise as given.
 * </ul>
 *
 * <p>Thread-safe.
 */
public final class IdentityNormalizer {
  /** The longest handle accepted, of any kind. */
  public static final int MAX_HANDLE = 320;

  private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

  private IdentityNormalizer() {}

  /** Whether libphonenumber knows the numbering plan of {@code region} (upper case). */
  public static boolean supportsRegion(String region) {
    return PHONES.getSupportedRegions().contains(region);
  }

  /**
   * The normalized value of {@code handle}.
   *
   * @param field the field to name in an error, e.g. {@code claims[1].handle}
   * @param defaultRegion the region for phone numbers without a country code
   * @throws OmniFlowException {@code invalid_phone}, {@code invalid_email} or {@code
   *     invalid_handle} (invalid input), naming {@code field}
   */
  public static String normalize(
      IdentityKind kind, String handle, String field, String defaultRegion) {
    String trimmed = handle.strip();
    if (trimmed.isEmpty() || trimmed.length() > MAX_HANDLE) {
      throw OmniFlowException.invalidInput(
          ContactErrors.INVALID_HANDLE, field + " must be 1 to " + MAX_HANDLE + " characters.");
    }
    return switch (kind) {
      case PHONE -> phone(trimmed, field, defaultRegion);
      case EMAIL -> email(trimmed, field);
      case MESSENGER_PSID, INSTAGRAM_ID, WHATSAPP_ID -> platformId(trimmed, field);
    };
  }

  private static String phone(String handle, String field, String defaultRegion) {
    PhoneNumber number;
    try {
      number = PHONES.parse(handle, defaultRegion);
    } catch (NumberParseException e) {
      throw invalidPhone(field, defaultRegion);
    }
    if (!PHONES.isValidNumber(number)) {
      throw invalidPhone(field, defaultRegion);
    }
    return PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
  }

  private static OmniFlowException invalidPhone(String field, String region) {
    return OmniFlowException.invalidInput(
        ContactErrors.INVALID_PHONE,
        field
            + " is not a valid phone number (numbers without a country code are read as "
            + region
            + " numbers).");
  }

  private static String email(String handle, String field) {
    int at = handle.indexOf('@');
    boolean ok =
        at > 0
            && at == handle.lastIndexOf('@')
            && at < handle.length() - 1
            && handle.length() <= 254
            && handle.chars().noneMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))
            && !handle.substring(at + 1).startsWith(".")
            && !handle.endsWith(".")
            && handle.substring(at + 1).contains(".");
    if (!ok) {
      throw OmniFlowException.invalidInput(
          ContactErrors.INVALID_EMAIL, field + " is not an e-mail address like name@example.com.");
    }
    return handle.toLowerCase(Locale.ROOT);
  }

  private static String platformId(String handle, String field) {
    if (handle.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
      throw OmniFlowException.invalidInput(
          ContactErrors.INVALID_HANDLE, field + " must not contain spaces or control characters.");
    }
    return handle;
  }
}
