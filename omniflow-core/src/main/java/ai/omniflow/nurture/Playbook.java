package ai.omniflow.nurture;

import ai.omniflow.OmniFlowException;
import ai.omniflow.fields.Problem;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A nurture recipe: ordered steps that a lead goes through once enrolled (an enrollment), from the
 * first step on. A pack ships playbooks in its {@code nurture} section; docs/nurture.md gives the
 * file format.
 *
 * <pre>{@code
 * Playbook p = new Playbook("gentle-follow-up", "Gentle follow-up", "Two nudges, then a call.",
 *     true, List.of(
 *         new PlaybookStep.Send("nudge", "check_in", null),
 *         new PlaybookStep.Wait("two_days", Duration.ofDays(2)),
 *         new PlaybookStep.CreateTask("call", TaskKind.CALL, "Call the lead", Duration.ZERO)));
 * }</pre>
 *
 * <p>The constructor refuses a playbook whose steps do not hold together ({@link
 * PlaybookValidator#structureProblems}: keys used twice, branches to no step, cycles, steps never
 * reached, waits adding up past {@link #MAX_TOTAL_WAIT}); what needs the pack (templates, intents)
 * is checked by {@link PlaybookValidator#problems}. Immutable and thread-safe.
 *
 * @param key the playbook's key, unique in its pack (e.g. {@code gentle-follow-up})
 * @param name its display name, 1 to {@value #MAX_NAME} characters
 * @param description what it is for, at most {@value #MAX_DESCRIPTION} characters (may be empty)
 * @param stopOnReply whether any reply from the contact ends the enrollment; when {@code false},
 *     replies are read by the playbook's branches instead (an opt-out ends it either way)
 * @param steps 1 to {@value #MAX_STEPS} steps, the first is where an enrollment starts
 * @param fits which leads it is meant for, as suggestions read it ({@link Fit#ANY}: every open
 *     lead)
 */
public record Playbook(
    String key,
    String name,
    String description,
    boolean stopOnReply,
    List<PlaybookStep> steps,
    Fit fits) {

  /** The most steps of one playbook. */
  public static final int MAX_STEPS = 50;

  /** The longest name. */
  public static final int MAX_NAME = 200;

  /** The longest description. */
  public static final int MAX_DESCRIPTION = 1000;

  /** The most time the waits on any one path through a playbook may add up to: 365 days. */
  public static final java.time.Duration MAX_TOTAL_WAIT = java.time.Duration.ofDays(365);

  private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9-]{0,62}");

  /**
   * @throws OmniFlowException {@code invalid_playbook} if the key is not a slug, the name or
   *     description is out of bounds, there are no steps or more than {@value #MAX_STEPS}, or the
   *     steps do not hold together; the message names the step
   * @throws NullPointerException if a value or a step is null
   */
  public Playbook {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(fits, "fits");
    if (!KEY.matcher(key).matches()) {
      throw OmniFlowException.invalidInput(
          NurtureErrors.INVALID_PLAYBOOK,
          "A playbook key must be a lower-case letter, then lower-case letters, digits or '-', at"
              + " most 63; was '"
              + Problem.clip(key)
              + "'.");
    }
    if (name.isBlank() || name.length() > MAX_NAME || name.indexOf('\0') >= 0) {
      throw invalid(key, "needs a name of 1 to " + MAX_NAME + " characters");
    }
    if (description.length() > MAX_DESCRIPTION || description.indexOf('\0') >= 0) {
      throw invalid(key, "has a description over " + MAX_DESCRIPTION + " characters");
    }
    steps = List.copyOf(steps);
    if (steps.isEmpty() || steps.size() > MAX_STEPS) {
      throw invalid(key, "needs 1 to " + MAX_STEPS + " steps, has " + steps.size());
    }
    List<Problem> problems = PlaybookValidator.structureProblems(stopOnReply, steps);
    if (!problems.isEmpty()) {
      throw OmniFlowException.invalidInput(
          NurtureErrors.INVALID_PLAYBOOK,
          "Playbook '" + key + "': " + PlaybookValidator.summary(problems) + ".");
    }
  }

  /** A playbook meant for every open lead ({@link Fit#ANY}). */
  public Playbook(
      String key, String name, String description, boolean stopOnReply, List<PlaybookStep> steps) {
    this(key, name, description, stopOnReply, steps, Fit.ANY);
  }

  /** The step with {@code key}, if there is one. */
  public Optional<PlaybookStep> step(String key) {
    return steps.stream().filter(s -> s.key().equals(key)).findFirst();
  }

  /** The index of the step with {@code key}, or -1. */
  public int indexOf(String key) {
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).key().equals(key)) {
        return i;
      }
    }
    return -1;
  }

  private static OmniFlowException invalid(String key, String message) {
    return OmniFlowException.invalidInput(
        NurtureErrors.INVALID_PLAYBOOK, "Playbook '" + key + "' " + message + ".");
  }
}
