package ai.omniflow.nurture;

import ai.omniflow.OmniFlowException;
import ai.omniflow.connector.spi.Channel;
import ai.omniflow.fields.Condition;
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
 *     new PlaybookStep.Wait("two_business_hours", Duration.ofHours(2), true),
 *     new PlaybookStep.CreateTask("call", TaskKind.CALL, "Call the lead", Duration.ofHours(4)),
 *     new PlaybookStep.ChangeStage("mark_contacted", "contacted"),
 *     new PlaybookStep.Stop("done"));
 * }</pre>
 *
 * <p>Each step checks its own values when made and throws {@link OmniFlowException} {@code
 * invalid_playbook} naming the step; what depends on other steps or on the pack (targets, cycles,
 * templates, intents, stages) is checked by {@link PlaybookValidator}. Immutable and thread-safe.
 */
public sealed interface PlaybookStep
    permits PlaybookStep.Send,
        PlaybookStep.Wait,
        PlaybookStep.Branch,
        PlaybookStep.CreateTask,
        PlaybookStep.ChangeStage,
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
   * The longest wait in business time of one step: 30 days of open hours, the longest window the
   * SLA calendar counts ({@code BusinessCalendar.MAX_WINDOW}).
   */
  Duration MAX_BUSINESS_WAIT = Duration.ofDays(30);

  /**
   * The most parts (field tests, {@code all}, {@code any}, {@code not}) of a branch's condition.
   */
  int MAX_CONDITION_PARTS = 30;

  /** The most operands of one field test of a branch ({@code in}'s list). */
  int MAX_CONDITION_VALUES = 50;

  /** The longest text operand of a branch's field test. */
  int MAX_CONDITION_TEXT = 200;

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
   * Wait before the next step, in calendar time or in business time.
   *
   * <p>Business time is counted on the org's business calendar (the SLA calendar whose scope is the
   * org; open around the clock when it has none), with the SLA clocks' arithmetic: two business
   * hours set at 17:00 on a Friday, on a calendar open 09:00–17:00 on weekdays, end at 11:00 on
   * Monday.
   *
   * @param key the step's key
   * @param duration how long: in calendar time from {@link #MIN_WAIT} to {@link #MAX_WAIT}, in
   *     business time from {@link #MIN_WAIT} to {@link #MAX_BUSINESS_WAIT}
   * @param businessTime whether {@code duration} is business time (open hours of the org's
   *     calendar) rather than calendar time
   */
  record Wait(String key, Duration duration, boolean businessTime) implements PlaybookStep {
    /**
     * @throws OmniFlowException {@code invalid_playbook} if the key is malformed or the duration is
     *     outside its bounds
     */
    public Wait {
      requireKey(key);
      Objects.requireNonNull(duration, "duration");
      Duration max = businessTime ? MAX_BUSINESS_WAIT : MAX_WAIT;
      if (duration.compareTo(MIN_WAIT) < 0 || duration.compareTo(max) > 0) {
        throw invalid(
            key,
            "waits "
                + duration
                + (businessTime
                    ? " of business time; a wait in business time is from 1 minute to 30 days"
                    : "; a wait is from 1 minute to 90 days"));
      }
    }

    /** A wait in calendar time. */
    public Wait(String key, Duration duration) {
      this(key, duration, false);
    }

    @Override
    public String kind() {
      return "wait";
    }
  }

  /**
   * Jump to {@code then} when the condition holds, else to {@code otherwise} (or the next step when
   * that is {@code null}). A reply or intent branch looks at the contact's inbound messages since
   * the enrollment's latest send; a field or band branch looks at the lead as it is when the branch
   * runs.
   *
   * <pre>{@code
   * new Branch("big_budget", Branch.On.FIELD, List.of(), List.of(),
   *     new Condition.Leaf("budget", Operator.GTE, List.of(500_000)), "call", null);
   * new Branch("hot", Branch.On.BAND, List.of(), List.of("hot"), null, "call", null);
   * }</pre>
   *
   * @param key the step's key
   * @param on what the branch tests
   * @param intents for {@link On#INTENT}, the intents of which one must be the latest reply's (1 to
   *     {@link #MAX_BRANCH_INTENTS}); empty otherwise
   * @param bands for {@link On#BAND}, the score bands ({@code cold}, {@code warm}, {@code hot}, the
   *     wire names of the lead's {@code ScoreBand}) of which one must be the lead's, 1 to 3; empty
   *     otherwise. A lead never scored is in no band.
   * @param when for {@link On#FIELD}, the condition on the lead, in the scoring rules' condition
   *     language (docs/scoring.md) over the pack's lead fields and the built-in fields; at most
   *     {@link #MAX_CONDITION_PARTS} parts, {@link #MAX_CONDITION_VALUES} operands a test, text
   *     operands of at most {@link #MAX_CONDITION_TEXT} characters; {@code null} otherwise
   * @param then the key of the step to go to when the condition holds
   * @param otherwise the key of the step to go to otherwise, or {@code null} for the next step
   */
  record Branch(
      String key,
      On on,
      List<String> intents,
      List<String> bands,
      @Nullable Condition when,
      String then,
      @Nullable String otherwise)
      implements PlaybookStep {

    /** What a branch tests. */
    public enum On {
      /** Whether the contact replied. */
      REPLIED,
      /** Whether the latest reply's intent is one of the branch's intents. */
      INTENT,
      /** Whether the lead's fields meet the branch's condition. */
      FIELD,
      /** Whether the lead's score band is one of the branch's bands. */
      BAND;

      /** The condition's name in a playbook, e.g. {@code intent}. */
      public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
      }

      /** The condition named {@code wireName}, or {@code null} if there is none. */
      public static @Nullable On of(@Nullable String wireName) {
        for (On o : values()) {
          if (o.wireName().equals(wireName)) {
            return o;
          }
        }
        return null;
      }
    }

    /**
     * @throws OmniFlowException {@code invalid_playbook} if a key is malformed, the branch names
     *     intents, bands or a condition its {@code on} does not read, an intent-branch names none
     *     or more than {@link #MAX_BRANCH_INTENTS}, a band-branch names no band, one twice or one
     *     that is not cold, warm or hot, or a field-branch has no condition or one out of bounds
     */
    public Branch {
      requireKey(key);
      Objects.requireNonNull(on, "on");
      intents = List.copyOf(intents);
      bands = List.copyOf(bands);
      if (on != On.INTENT && !intents.isEmpty()) {
        throw invalid(
            key, "branches on " + on.wireName() + " and names intents; name them with on: intent");
      }
      if (on != On.BAND && !bands.isEmpty()) {
        throw invalid(
            key, "branches on " + on.wireName() + " and names bands; name them with on: band");
      }
      if (on != On.FIELD && when != null) {
        throw invalid(
            key, "branches on " + on.wireName() + " and has a condition; give it with on: field");
      }
      if (on == On.INTENT && (intents.isEmpty() || intents.size() > MAX_BRANCH_INTENTS)) {
        throw invalid(key, "branches on intent; it needs 1 to " + MAX_BRANCH_INTENTS + " intents");
      }
      for (String intent : intents) {
        if (!KEY.matcher(intent).matches()) {
          throw invalid(key, "names an intent key that is malformed; " + KEY_RULE);
        }
      }
      if (on == On.BAND) {
        if (bands.isEmpty() || Set.copyOf(bands).size() != bands.size()) {
          throw invalid(key, "branches on band; it needs 1 to 3 different bands: cold, warm, hot");
        }
        for (String band : bands) {
          if (!Fit.BANDS.contains(band)) {
            throw invalid(
                key,
                "names the band '" + Problem.clip(band) + "'; the bands are cold, warm and hot");
          }
        }
      }
      if (on == On.FIELD) {
        if (when == null) {
          throw invalid(key, "branches on field; it needs a condition (when)");
        }
        String problem = conditionProblem(when, new int[] {0});
        if (problem != null) {
          throw invalid(key, "has a condition that " + problem);
        }
      }
      if (then == null || !KEY.matcher(then).matches()) {
        throw invalid(key, "has a 'then' that is not a step key; " + KEY_RULE);
      }
      if (otherwise != null && !KEY.matcher(otherwise).matches()) {
        throw invalid(key, "has an 'else' that is not a step key; " + KEY_RULE);
      }
    }

    /** A branch on a reply ({@link On#REPLIED}) or on its intent ({@link On#INTENT}). */
    public Branch(
        String key, On on, List<String> intents, String then, @Nullable String otherwise) {
      this(key, on, intents, List.of(), null, then, otherwise);
    }

    @Override
    public String kind() {
      return "branch";
    }

    /** What breaks the condition's bounds, or {@code null}; {@code parts[0]} counts its parts. */
    private static @Nullable String conditionProblem(Condition c, int[] parts) {
      if (++parts[0] > MAX_CONDITION_PARTS) {
        return "has more than " + MAX_CONDITION_PARTS + " parts";
      }
      if (c instanceof Condition.All all) {
        return firstProblem(all.conditions(), parts);
      }
      if (c instanceof Condition.Any any) {
        return firstProblem(any.conditions(), parts);
      }
      if (c instanceof Condition.Not not) {
        return conditionProblem(not.condition(), parts);
      }
      Condition.Leaf leaf = (Condition.Leaf) c;
      if (!FIELD_KEY.matcher(leaf.field()).matches()) {
        return "tests a field whose key is malformed ('" + Problem.clip(leaf.field()) + "')";
      }
      if (leaf.values().size() > MAX_CONDITION_VALUES) {
        return "tests '" + leaf.field() + "' against more than " + MAX_CONDITION_VALUES + " values";
      }
      for (Object v : leaf.values()) {
        if (v instanceof String s && (s.length() > MAX_CONDITION_TEXT || s.indexOf('\0') >= 0)) {
          return "tests '"
              + leaf.field()
              + "' against text over "
              + MAX_CONDITION_TEXT
              + " characters";
        }
      }
      return null;
    }

    private static @Nullable String firstProblem(List<Condition> conditions, int[] parts) {
      for (Condition c : conditions) {
        String p = conditionProblem(c, parts);
        if (p != null) {
          return p;
        }
      }
      return null;
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
   * Move the lead to a stage of the pack, as a person editing the lead would (event {@code
   * lead.stage_changed}); a lead at that stage already is left as it is. Only an open stage: a
   * stage that closes the lead (won, lost) needs an outcome, which a person records.
   *
   * @param key the step's key
   * @param stage the key of a stage of the pack that does not close the lead
   */
  record ChangeStage(String key, String stage) implements PlaybookStep {
    /**
     * @throws OmniFlowException {@code invalid_playbook} if the key or the stage key is malformed
     */
    public ChangeStage {
      requireKey(key);
      if (stage == null || !FIELD_KEY.matcher(stage).matches()) {
        throw invalid(
            key,
            "names a stage key that is malformed; a stage key is a lower-case letter, then"
                + " lower-case letters, digits or '_', at most 63");
      }
    }

    @Override
    public String kind() {
      return "change_stage";
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

  /** A lead field's key as conditions name it: lower-case snake_case, at most 63 characters. */
  Pattern FIELD_KEY = Pattern.compile("[a-z][a-z0-9_]{0,62}");

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
