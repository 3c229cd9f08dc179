package ai.omniflow.leads;

import ai.omniflow.leads.FieldReader.Kind;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The words a {@link FieldReader} knows: which words of a form question carry no meaning, name a
 * contact detail or an attribution source, or ask for a kind of value; the names people give the
 * usual choice options; the words that are no service; and the options that are answers, not
 * things. Data only, read by the readers of this package.
 */
final class FieldVocabulary {
  private FieldVocabulary() {}

  static final Set<String> STOP_WORDS =
      Set.of(
          "a", "an", "the", "or", "and", "for", "to", "of", "in", "is", "are", "you", "your",
          "what", "do", "does", "wanted", "want", "have", "has", "be", "it", "on", "with", "my",
          "i");
  static final Set<String> CONTACT_WORDS =
      Set.of("name", "phone", "email", "mail", "first", "last", "full", "number", "contact");
  static final Map<Kind, List<String>> QUESTION_WORDS =
      Map.of(
          Kind.MONEY, List.of("budget", "price", "afford", "spend", "much"),
          Kind.ZIP, List.of("zip", "zipcode", "postal", "postcode"),
          Kind.AREA, List.of("area", "neighborhood", "neighbourhood", "location", "city", "where"),
          Kind.TIMELINE, List.of("when", "timeline", "timeframe", "soon", "move"),
          Kind.DATE, List.of("date", "day", "when"),
          Kind.SERVICE, List.of("service", "services", "interested", "need", "help"));

  /** Choice options known by another name in messages, keyed by the option written plainly. */
  static final Map<String, List<String>> OPTION_TERMS =
      Map.ofEntries(
          Map.entry(
              "house",
              List.of(
                  "single[\\s-]?family(?:\\s+(?:homes?|houses?))?",
                  "(?<!open |town |in-|full |guest |tiny |boat |ware)houses?(?!\\s*(?:hunting|hunt|warming|keeping|hacking|party|plants?)\\b)",
                  "detached\\s+homes?",
                  "(?<=\\ba )home(?!\\s*(?:loan|inspection|equity|owner|buyer|office)\\b)")),
          Map.entry("condo", List.of("condos?", "condominiums?", "apartments?", "lofts?")),
          Map.entry("townhouse", List.of("town\\s?houses?", "town\\s?homes?", "row\\s?houses?")),
          Map.entry(
              "multifamily",
              List.of(
                  "multi[\\s-]?family",
                  "duplex(?:es)?",
                  "triplex(?:es)?",
                  "fourplex(?:es)?",
                  "quadplex(?:es)?",
                  "multi[\\s-]?unit")),
          Map.entry(
              "land",
              List.of(
                  "(?:vacant|empty|buildable|building|raw)\\s+(?:lots?|land)",
                  "lots?\\s+to\\s+build",
                  "acreage",
                  "(?<!a )(?<!the )land(?!\\s+(?:a|the|an|on|in)\\b)")),
          Map.entry(
              "commercial",
              List.of(
                  "commercial",
                  "office\\s+(?:space|building)s?",
                  "retail\\s+space",
                  "warehouses?",
                  "storefronts?")));

  static final Map<String, String> OPTION_ALIASES =
      Map.ofEntries(
          Map.entry("house", "house"),
          Map.entry("singlefamily", "house"),
          Map.entry("singlefamilyhome", "house"),
          Map.entry("home", "house"),
          Map.entry("condo", "condo"),
          Map.entry("condominium", "condo"),
          Map.entry("apartment", "condo"),
          Map.entry("condoapartment", "condo"),
          Map.entry("townhouse", "townhouse"),
          Map.entry("townhome", "townhouse"),
          Map.entry("multifamily", "multifamily"),
          Map.entry("duplex", "multifamily"),
          Map.entry("land", "land"),
          Map.entry("lot", "land"),
          Map.entry("lotland", "land"),
          Map.entry("landlot", "land"),
          Map.entry("commercial", "commercial"));

  static final Set<String> NOT_SERVICES =
      Set.of(
          "to",
          "it",
          "you",
          "help",
          "more",
          "info",
          "information",
          "appointment",
          "an appointment",
          "quote",
          "price",
          "prices",
          "pricing",
          "time",
          "a time",
          "call",
          "callback",
          "call back",
          "someone",
          "something",
          "anything",
          "that",
          "this",
          "one",
          "details",
          "same",
          "slot",
          "the same",
          "availability",
          "cancel",
          "reschedule",
          "in",
          "out",
          "with",
          "about",
          "me",
          "us",
          "him",
          "her",
          "them",
          "know",
          "ask",
          "see",
          "come",
          "talk",
          "speak",
          "get",
          "go",
          "be",
          "have",
          "book",
          "make",
          "chat",
          "meet",
          "visit",
          "here",
          "there",
          "consultation",
          "session",
          "sessions",
          "spot",
          "today",
          "tomorrow",
          "now",
          "soon",
          "asap",
          "minute",
          "second",
          "moment",
          "sec",
          "bit",
          "while",
          "favor",
          "hand",
          "listing",
          "property",
          "ad",
          "post",
          "photo",
          "photos",
          "pics",
          "pictures",
          "home",
          "house",
          "place",
          "unit");

  static final Set<String> ATTRIBUTION_WORDS =
      Set.of("hear", "heard", "referral", "referred", "refer", "source", "campaign", "utm");

  /** Options that are answers, not things: a message saying "yes" has not chosen the option. */
  static final Set<String> ANSWER_WORDS =
      Set.of(
          "yes",
          "no",
          "maybe",
          "other",
          "none",
          "unknown",
          "n a",
          "na",
          "not sure",
          "either",
          "both",
          "all",
          "any",
          "true",
          "false",
          "1",
          "2",
          "3",
          "4",
          "5");
}
