package ai.omniflow.guardrails.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The region of an E.164 phone number, through libphonenumber, without parsing where the calling
 * code alone decides it: a calling code that belongs to one region (+34 Spain, +49 Germany) is
 * looked up in an array built once. Only a code shared by several regions (+1 across North America,
 * +44 with Jersey, Guernsey and Man, +7 Russia and Kazakhstan) needs the whole number parsed; those
 * answers are kept in one bounded Caffeine cache ({@value #MAX_CACHED} numbers, least recently used
 * going first), since the same contact's number is checked at every send. Thread-safe. Not API.
 */
public final class PhoneRegions {
  /** How many numbers of shared calling codes are kept resolved at most. */
  public static final int MAX_CACHED = 65_536;

  private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

  private static final String NONE = "";

  /**
   * The one region of each calling code that has one, by code (1 to 999); {@code ""} for a
   * non-geographic code; null for a code shared by several regions or not in use.
   */
  private static final @Nullable String[] SOLE_REGION = soleRegions();

  /** Calling codes in use, by code. */
  private static final boolean[] IN_USE = inUse();

  private static final Cache<String, String> SHARED =
      Caffeine.newBuilder().maximumSize(MAX_CACHED).build();

  private PhoneRegions() {}

  /**
   * The region (e.g. {@code US}) of {@code e164} ({@code +} and digits, as {@link
   * ai.omniflow.guardrails.ContactFacts} checks), or {@code null} if the number belongs to no
   * region (an unknown or non-geographic calling code, a number no region's plan takes).
   */
  public static @Nullable String regionOf(String e164) {
    int code = callingCode(e164);
    if (code == 0) {
      return null;
    }
    String sole = SOLE_REGION[code];
    if (sole != null) {
      return sole.isEmpty() ? null : sole;
    }
    String region = SHARED.get(e164, PhoneRegions::parseRegion);
    return region.isEmpty() ? null : region;
  }

  /** The calling code at the start of {@code e164} (codes are prefix-free), or 0 if none. */
  static int callingCode(String e164) {
    int code = 0;
    for (int i = 1; i <= 3 && i < e164.length(); i++) {
      char c = e164.charAt(i);
      if (c < '0' || c > '9') {
        return 0;
      }
      code = code * 10 + (c - '0');
      if (IN_USE[code]) {
        return code;
      }
    }
    return 0;
  }

  private static String parseRegion(String e164) {
    try {
      PhoneNumber number = PHONES.parse(e164, "ZZ");
      String region = PHONES.getRegionCodeForNumber(number);
      return region == null || region.equals("ZZ") || region.equals("001") ? NONE : region;
    } catch (NumberParseException e) {
      return NONE;
    }
  }

  private static boolean[] inUse() {
    boolean[] used = new boolean[1000];
    for (int code : PHONES.getSupportedCallingCodes()) {
      if (code > 0 && code < 1000) {
        used[code] = true;
      }
    }
    return used;
  }

  private static @Nullable String[] soleRegions() {
    @Nullable String[] sole = new String[1000];
    for (int code : PHONES.getSupportedCallingCodes()) {
      if (code <= 0 || code >= 1000) {
        continue;
      }
      List<String> regions = PHONES.getRegionCodesForCountryCode(code);
      if (regions.size() == 1) {
        // "001": a non-geographic code (+800, +881…), which no region's clock fits.
        sole[code] = regions.get(0).equals("001") ? NONE : regions.get(0);
      }
    }
    return sole;
  }
}
