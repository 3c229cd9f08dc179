package ai.omniflow.nurture;

import ai.omniflow.OmniFlowException;
import ai.omniflow.connector.spi.Channel;
import ai.omniflow.fields.Problem;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One step of a {@link Playbook}, named by a key that is unique in the playbook. A step runs after
 * the one before it, except where a {@link Branch} jumps and after a {@link Stop}; the playbook
 * ends after its last step.
 *
 * <pre>{@code
 * List<PlaybookStep> steps = List.of(
 *     new PlaybookStep.Send("first_nudge", "check_in", null),
 *     new PlaybookStep.Wait("two_days", Duration.ofDays(2)),
 *     new PlaybookStep.CreateTask("call", TaskKind.CALL, "Call the lead", Duration.ofHours(4)),
 *     new PlaybookStep.Stop("done"));
 * }</pre>
 *
 * <p>Each step checks its own values when made and throws {@link OmniFlowException} {@code
 * invalid_playbook} naming the step; what depends on other steps or on the pack (targets, cycles,
 * templates, intents) is checked by {@link PlaybookValidator}. Immutable and thread-safe.
 */
public sealed interface PlaybookStep
    permits PlaybookStep.Send,
        PlaybookStep.Wait,
        PlaybookStep.Branch,
        PlaybookStep.CreateTask,
        PlaybookStep.Stop {

  /** A step key: a lower-case letter, then lower-case letters, digits, '_' or '-', at most 63. */
  Pattern KEY = Pattern.compile("[a-z][a-z0-9_-]{0,62}");

  /** The shortest wait: one minute. */
  Duration MIN_WAIT = Duration.ofMinutes(1);

  /** The longest wait of one step: 90 days. */
  Duration MAX_WAIT = Duration.ofDays(90);

  /** The latest a task may be due after it is made: 30 days. */
  Duration MAX_TASK_DUE = Duration.ofDays(30);

  /** The longest task title: 200 characters. */
  int MAX_TITLE = 200;

  /** The most intents a branch may test. */
  int MAX_BRANCH_INTENTS = 20;

  /**
   * The channels a send step may name: those on which OmniFlow can start a message. Comments and
   * lead-ad forms cannot be written to.
   */
  Set<Channel> SEND_CHANNELS =
      Set.of(
          Channel.SMS, Channel.WHATSAPP, Channel.EMAIL, Channel.FACEBOOK_DM, Channel.INSTAGRAM_DM);

  /** The step's key, unique in its playbook. */
  String key();

  /** The step's kind as the pack file writes it: {@code send}, {@code wait}, … */
  String kind();

  /**
   * Send a message from a pack template to the lead's contact. Every send passes the guardrails; a
   * blocked send waits until they allow it ({@code until}) or, where waiting cannot help (opt-out,
   * closed window), stops the enrollment.
   *
   * @param key the step's key
   * @param template the key of a template in the pack's nurture section
   * @param channel where to send it, or {@code null} for the channel the contact last wrote on
   */
  record Send(String key, String template, @Nullable Channel channel) implements PlaybookStep {
    /**
     * @throws OmniFlowException {@code invalid_playbook} if the key or the template key is
     *     malformed, or the channel is one OmniFlow cannot start a message on
     */
    public Send {
      requireKey(key);
      if (template == null || !KEY.matcher(template).matches()) {
        throw invalid(key, "names a template key that is malformed; " + KEY_RULE);
      }
      if (channel != null && !SEND_CHANNELS.contains(channel)) {
        throw invalid(
            key,
            "sends on "
                + channel.id()
                + ", where OmniFlow cannot start a message; use sms, whatsapp, email, facebook_dm"
                + " or instagram_dm");
      }
    }

    @Override
    public String kind() {
      return "send";
    }
  }

  /**
   * Wait before the next step, in calendar time.
   *
   * @param key the step's key
   * @param duration how long, from {@link #MIN_WAIT} to {@link #MAX_WAIT}
   */
  record Wait(String key, Duration duration) implements PlaybookStep {
    /**
     * @throws OmniFlowException {@code invalid_playbook} if the key is malformed or the duration is
     *     outside {@link #MIN_WAIT} to {@link #MAX_WAIT}
     */
    public Wait {
      requireKey(key);
      Objects.requireNonNull(duration, "duration");
      if (duration.compareTo(MIN_WAIT) < 0 || duration.compareTo(MAX_WAIT) > 0) {
        throw invalid(key, "waits " + duration + "; a wait is from 1 minute to 90 days");
      }
    }

    @Override
    public String kind() {
      return "wait";
    }
  }

  /**
   * Jump to {@code then} when the condition holds, else to {@code otherwise} (or the next step when
   * that is {@code null}). A branch looks at the contact's inbound messages since the enrollment's
   * previous branch (or its start).
   *
   * @param key the step's key
   * @param on what the branch tests
   * @param intents for {@link On#INTENT}, the intents of which one must be the latest reply's (1 to
   *     {@link #MAX_BRANCH_INTENTS}); empty for {@link On#REPLIED}
   * @param then the key of the step to go to when the condition holds
   * @param otherwise the key of the step to go to otherwise, or {@code null} for the next step
   */
  record Branch(String key, On on, List<String> intents, String then, @Nullable String otherwise)
      implements PlaybookStep {

    /** What a branch tests. */
    public enum On {
      /** Whether the contact replied. */
      REPLIED,
      /** Whether the latest reply's intent is one of the branch's intents. */
      INTENT
    }

    /**
     * @throws OmniFlowException {@code invalid_playbook} if a key is malformed, a reply-branch
     *     names intents, an intent-branch names none or more than {@link #MAX_BRANCH_INTENTS}
     */
    public Branch {
      requireKey(key);
      Objects.requireNonNull(on, "on");
      intents = List.copyOf(intents);
      if (on == On.REPLIED && !intents.isEmpty()) {
        throw invalid(key, "branches on a reply and names intents; name them with on: intent");
      }
      if (on == On.INTENT && (intents.isEmpty() || intents.size() > MAX_BRANCH_INTENTS)) {
        throw invalid(key, "branches on intent; it needs 1 to " + MAX_BRANCH_INTENTS + " intents");
      }
      for (String intent : intents) {
        if (!KEY.matcher(intent).matches()) {
          throw invalid(key, "names an intent key that is malformed; " + KEY_RULE);
        }
      }
      if (then == null || !KEY.matcher(then).matches()) {
        throw invalid(key, "has a 'then' that is not a step key; " + KEY_RULE);
      }
      if (otherwise != null && !KEY.matcher(otherwise).matches()) {
        throw invalid(key, "has an 'else' that is not a step key; " + KEY_RULE);
      }
    }

    @Override
    public String kind() {
      return "branch";
    }
  }

  /**
   * Create a task for the lead's owner (or the org's pond when no one owns the lead).
   *
   * @param key the step's key
   * @param task what to do
   * @param title what the task says, 1 to {@link #MAX_TITLE} characters
   * @param dueIn how long after the step the task is due, zero to {@link #MAX_TASK_DUE}
   */
  record CreateTask(String key, TaskKind task, String title, Duration dueIn)
      implements PlaybookStep {
    /**
     * @throws OmniFlowException {@code invalid_playbook} if the key is malformed, the title blank
     *     or too long, or the due time outside zero to {@link #MAX_TASK_DUE}
     */
    public CreateTask {
      requireKey(key);
      Objects.requireNonNull(task, "task");
      Objects.requireNonNull(title, "title");
      Objects.requireNonNull(dueIn, "dueIn");
      if (title.isBlank() || title.length() > MAX_TITLE || title.indexOf('\0') >= 0) {
        throw invalid(key, "has a title that is blank or over " + MAX_TITLE + " characters");
      }
      if (dueIn.isNegative() || dueIn.compareTo(MAX_TASK_DUE) > 0) {
        throw invalid(key, "is due " + dueIn + " after it is made; a task is due within 30 days");
      }
    }

    @Override
    public String kind() {
      return "task";
    }
  }

  /**
   * End the enrollment here.
   *
   * @param key the step's key
   */
  record Stop(String key) implements PlaybookStep {
    /**
     * @throws OmniFlowException {@code invalid_playbook} if the key is malformed
     */
    public Stop {
      requireKey(key);
    }

    @Override
    public String kind() {
      return "stop";
    }
  }

  /** How a key must look, for messages. */
  String KEY_RULE =
      "a key is a lower-case letter, then lower-case letters, digits, '_' or '-', at most 63";

  private static void requireKey(String key) {
    if (key == null || !KEY.matcher(key).matches()) {
      throw OmniFlowException.invalidInput(
          NurtureErrors.INVALID_PLAYBOOK,
          "A step has a malformed key"
              + (key == null ? "" : " '" + Problem.clip(key) + "'")
              + "; "
              + KEY_RULE
              + ".");
    }
  }

  private static OmniFlowException invalid(String key, String message) {
    return OmniFlowException.invalidInput(
        NurtureErrors.INVALID_PLAYBOOK, "Step '" + key + "' " + message + ".");
  }
}
