package ai.omniflow.leads;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads US ZIP codes and area names.
 *
 * <p>A ZIP code (5 digits, or ZIP+4) counts when it is called one ({@code zip 94110}), follows a
 * state ({@code CA 94110}) or an area word ({@code in 94110}, {@code area 94110}), or is the whole
 * message. An area is a capitalized place name after {@code in}, {@code around}, {@code near},
 * {@code moving to} and the like ({@code looking in the Mission}, {@code around Oakland}, {@code
 * Noe Valley or Bernal}); words that are capitalized but not places (months, days, loan types) are
 * not.
 */
final class PlaceReader {
  private static final Pattern ZIP =
      Pattern.compile("(?<![\\d$#-])(\\d{5})(?:-(\\d{4}))?(?![\\d,.]\\d|\\d|\\s?k\\b)");
  private static final Pattern ZIP_CUE =
      Pattern.compile(
          "(?:\\bzip(?:\\s*code)?|\\bzipcode|\\bpostal(?:\\s*code)?|\\b(?:in|around|near|area|areas|neighborhood|"
              + "neighbourhood|live in|near the)(?:\\s+the)?)\\s*(?:is|:|of|=|#)?\\s*$",
          Pattern.CASE_INSENSITIVE);

  /** A message that is only a ZIP code, at most {@link #ALONE_MAX} characters. */
  private static final Pattern ALONE =
      Pattern.compile("(?:zip(?:\\s*code)?:?\\s*)?\\d{5}(?:-\\d{4})?[.!]?");

  private static final int ALONE_MAX = 64;

  /** A ZIP code listed after another ({@code 94110 or 94114}): the two make it ambiguous. */
  private static final Pattern LISTED = Pattern.compile("\\d\\s*(?:,|/|or|and|&)\\s*$");

  private static final Pattern STATE_BEFORE = Pattern.compile("\\b[A-Z]{2},?\\s*$");
  private static final Pattern STREET_AFTER =
      Pattern.compile(
          "^\\s+[A-Z][a-z]+(?:\\s+[A-Z][a-z]+)?\\s+(?:st|street|ave|avenue|rd|road|blvd|dr|drive|ln|lane|way|ct|court|pl|place|terrace|ter)\\b",
          Pattern.CASE_INSENSITIVE);

  private static final String NAME = "(?:[A-Z][a-z]+(?:['’-][A-Za-z]+)?|[A-Z]{2,4}|St\\.?|Mt\\.?)";
  private static final Pattern AREA =
      Pattern.compile(
          "\\b(?:in|around|near|over in|out in|somewhere in|area of|close to|live in|living in|moving to|move to|"
              + "relocating to|relocate to|looking in|search in)\\s+(?:the\\s+)?"
              + "("
              + NAME
              + "(?:\\s+"
              + NAME
              + "){0,3}(?:\\s*(?:,|/|or|and)\\s*"
              + NAME
              + "(?:\\s+"
              + NAME
              + "){0,3})?)");
  private static final Set<String> NOT_PLACES =
      Set.of(
          "I",
          "I'm",
          "Im",
          "My",
          "The",
          "A",
          "An",
          "It",
          "We",
          "You",
          "This",
          "That",
          "Me",
          "Us",
          "Hi",
          "Hello",
          "Thanks",
          "Thank",
          "Please",
          "ASAP",
          "FHA",
          "VA",
          "HOA",
          "ADU",
          "USD",
          "OK",
          "TV",
          "AM",
          "PM",
          "ET",
          "PT",
          "PST",
          "EST",
          "CST",
          "MST",
          "USA",
          "US",
          "DM",
          "DMs",
          "IG",
          "FB",
          "Zillow",
          "Redfin",
          "Trulia",
          "Instagram",
          "Facebook",
          "Google",
          "Monday",
          "Tuesday",
          "Wednesday",
          "Thursday",
          "Friday",
          "Saturday",
          "Sunday",
          "January",
          "February",
          "March",
          "April",
          "May",
          "June",
          "July",
          "August",
          "September",
          "October",
          "November",
          "December",
          "Jan",
          "Feb",
          "Mar",
          "Apr",
          "Jun",
          "Jul",
          "Aug",
          "Sep",
          "Sept",
          "Oct",
          "Nov",
          "Dec",
          "Spring",
          "Summer",
          "Fall",
          "Autumn",
          "Winter",
          "Christmas",
          "Easter",
          "Thanksgiving",
          "House",
          "Condo",
          "Townhouse",
          "Home",
          "Land",
          "Lot",
          "Cash",
          "Yes",
          "No",
          "Not",
          "Just",
          "Touch",
          "Person",
          "Mind",
          "Total",
          "Advance",
          "Case",
          "Any",
          "Some",
          "Our",
          "Your",
          "His",
          "Her",
          "Their",
          "Mr",
          "Mrs",
          "Ms",
          "Dr",
          "Realtor",
          "Agent",
          "Lender",
          "Bank",
          "Chase",
          "Wells",
          "English",
          "Spanish",
          "Mortgage",
          "Pre",
          "Budget",
          "Zip",
          "ZIP",
          "Tomorrow",
          "Today",
          "Tonight",
          "Next",
          "Week",
          "Month",
          "Year",
          "BART",
          "MUNI",
          "Muni",
          "Caltrain",
          "Metro",
          "Subway",
          "Station",
          "Costco",
          "Starbucks",
          "Walmart",
          "Target");
  private static final Set<String> JOINERS = Set.of("or", "and", ",", "/");

  /** What comes before a place someone is in, not one they are looking in. */
  private static final Pattern NOT_SOUGHT =
      Pattern.compile(
          "(?i)\\b(?:work|works|worked|working|job|office|grew up|born|raised|school|college|studied|"
              + "vacation|visiting|stuck|staying|stay|i'?m|i am|we'?re|we are|currently|married|"
              + "parents|mom|dad|family|friends?)\\s*$");

  private static final Pattern SEEKING = Pattern.compile("(?i)(?:mov|reloc|look|search|liv)");

  private PlaceReader() {}

  static List<FoundValue> zips(MessageText text) {
    MessageText masked = MoneyReader.mask(text);
    List<FoundValue> found = new ArrayList<>();
    String stripped = text.text().strip();
    boolean alone = stripped.length() <= ALONE_MAX && ALONE.matcher(stripped).matches();
    Matcher m = masked.matcher(ZIP);
    int taken = 0;
    while (MessageText.next(m, taken++)) {
      int from = Math.max(0, m.start() - 40);
      int to = masked.windowAfter(m.end());
      if (masked.findIn(STREET_AFTER, m.end(), to)
          || masked.findIn(MoneyReader.UNIT_AFTER, m.end(), to)) {
        continue;
      }
      boolean listed = !found.isEmpty() && masked.findIn(LISTED, from, m.start());
      if (alone
          || listed
          || masked.findIn(ZIP_CUE, from, m.start())
          || masked.findIn(STATE_BEFORE, from, m.start())) {
        found.add(new FoundValue(m.group(), m.start(), m.end(), true));
      }
    }
    return found;
  }

  static List<FoundValue> areas(MessageText message) {
    String text = message.text();
    long letters = text.chars().filter(Character::isLetter).count();
    long upper = text.chars().filter(Character::isUpperCase).count();
    if (letters > 0 && upper * 2 > letters) {
      return List.of(); // shouting or title case: capitals say nothing
    }
    List<FoundValue> found = new ArrayList<>();
    Matcher m = message.matcher(AREA);
    int taken = 0;
    while (MessageText.next(m, taken++)) {
      int start = m.start(1);
      String[] parts = m.group(1).split("(?<=\\s)|(?=\\s)|(?=[,/])|(?<=[,/])");
      // keep the names up to the first word that is not a place
      StringBuilder value = new StringBuilder();
      String pending = "";
      for (String part : parts) {
        String p = part.strip();
        if (p.isEmpty()) {
          pending += part;
          continue;
        }
        if (JOINERS.contains(p)) {
          pending += part;
          continue;
        }
        if (NOT_PLACES.contains(p.replaceAll("[.]$", ""))) {
          break;
        }
        if (!value.isEmpty()) {
          value.append(pending);
        }
        pending = "";
        value.append(part);
      }
      String v = value.toString().strip();
      if (v.isEmpty() || v.length() < 2) {
        continue;
      }
      int end = start + v.length();
      if (!text.startsWith(v, start)) {
        continue;
      }
      boolean sought = SEEKING.matcher(m.group()).lookingAt();
      if (!sought && message.findIn(NOT_SOUGHT, Math.max(0, m.start() - 30), m.start())) {
        continue; // "I work in Palo Alto", "I grew up in Texas"
      }
      found.add(new FoundValue(v, start, end, true));
    }
    return found;
  }
}
