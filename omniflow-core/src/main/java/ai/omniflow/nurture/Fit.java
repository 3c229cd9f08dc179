package ai.omniflow.nurture;

import ai.omniflow.OmniFlowException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which leads a playbook is meant for, as {@code POST /leads/{id}/nurture/suggest} reads it: every
 * criterion given must hold, and an empty list (or a {@code null} silence) asks nothing. A playbook
 * with no criteria ({@link #ANY}) fits every open lead.
 *
 * <pre>{@code
 * Fit fit = new Fit(List.of("new", "contacted"), List.of("warm", "hot"),
 *     List.of("showing_request"), Duration.ofDays(2));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param stages keys of the pack's stages the lead is in, at most {@value #MAX_ITEMS}
 * @param bands score bands ({@code cold}, {@code warm}, {@code hot}) the lead's score is in, at
 *     most three; a lead never scored is in none
 * @param intents intents of the pack the contact's latest message shows, at most {@value
 *     #MAX_ITEMS}
 * @param silentFor how long the contact has been silent at least since their latest message (which
 *     was answered), 1 minute to 365 days; {@code null} for no such criterion
 */
public record Fit(
    List<String> stages, List<String> bands, List<String> intents, @Nullable Duration silentFor) {

  /** A playbook for every open lead. */
  public static final Fit ANY = new Fit(List.of(), List.of(), List.of(), null);

  /** The most stages or intents one criterion names. */
  public static final int MAX_ITEMS = 20;

  /** The score bands' wire names. */
  public static final Set<String> BANDS = Set.of("cold", "warm", "hot");

  /** The longest silence a playbook may ask for. */
  public static final Duration MAX_SILENCE = Duration.ofDays(365);

  /**
   * @throws OmniFlowException {@code invalid_playbook} if a list is too long or has a malformed or
   *     repeated key, a band is not one, or the silence is out of bounds
   */
  public Fit {
    stages = keys(stages, "stages");
    bands = keys(bands, "bands");
    intents = keys(intents, "intents");
    for (String band : bands) {
      if (!BANDS.contains(band)) {
        throw invalid("bands are cold, warm or hot; '" + band + "' is none");
      }
    }
    if (silentFor != null
        && (silentFor.compareTo(PlaybookStep.MIN_WAIT) < 0
            || silentFor.compareTo(MAX_SILENCE) > 0)) {
      throw invalid("silent_for is from 1 minute to 365 days, was " + silentFor);
    }
  }

  /** Whether it asks nothing. */
  public boolean isAny() {
    return stages.isEmpty() && bands.isEmpty() && intents.isEmpty() && silentFor == null;
  }

  private static List<String> keys(List<String> values, String what) {
    List<String> copy = List.copyOf(Objects.requireNonNull(values, what));
    if (copy.size() > MAX_ITEMS) {
      throw invalid(what + " names at most " + MAX_ITEMS);
    }
    if (Set.copyOf(copy).size() != copy.size()) {
      throw invalid(what + " names a key twice");
    }
    for (String v : copy) {
      if (!PlaybookStep.KEY.matcher(v).matches()) {
        throw invalid(what + " names a malformed key; " + PlaybookStep.KEY_RULE);
      }
    }
    return copy;
  }

  private static OmniFlowException invalid(String message) {
    return OmniFlowException.invalidInput(
        NurtureErrors.INVALID_PLAYBOOK, "The playbook's fits: " + message + ".");
  }
}
