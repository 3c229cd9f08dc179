package ai.omniflow.enrollment;

import ai.omniflow.fields.Condition;
import ai.omniflow.fields.LeadField;
import ai.omniflow.leads.ScoreBand;
import ai.omniflow.scoring.CompiledRules;
import ai.omniflow.scoring.LeadFacts;
import ai.omniflow.sla.BusinessCalendar;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What {@link EnrollmentStepper} reads of the lead and the org when a step runs, besides the
 * contact's guardrail facts and replies: the lead's fields as the scoring rules read them (for
 * branches on a field), its score band (for branches on a band), and the org's business calendar
 * (for waits in business time).
 *
 * <pre>{@code
 * LeadState lead = new LeadState(pack.leadFields(),
 *     CompiledRules.facts(pack.leadFields()).set("budget", 650_000).build(),
 *     ScoreBand.HOT, orgCalendar);
 * boolean big = lead.holds(new Condition.Leaf("budget", Operator.GTE, List.of(500_000)));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param fields the pack's lead fields, the layout {@code facts} were made for
 * @param facts the lead's facts, made by {@link CompiledRules#facts(List)} for {@code fields}
 * @param band the lead's score band, or {@code null} if it was never scored
 * @param calendar the org's business calendar ({@link BusinessCalendar#alwaysOpen()} if it has
 *     none)
 */
public record LeadState(
    List<LeadField> fields, LeadFacts facts, @Nullable ScoreBand band, BusinessCalendar calendar) {

  /**
   * Nothing known of the lead: no lead fields, never scored, a calendar open around the clock. A
   * field branch on a pack field cannot be decided with it.
   */
  public static final LeadState UNKNOWN =
      new LeadState(
          List.of(), CompiledRules.facts(List.of()).build(), null, BusinessCalendar.alwaysOpen());

  /**
   * @throws NullPointerException if a value other than the band is null
   */
  public LeadState {
    fields = List.copyOf(fields);
    Objects.requireNonNull(facts, "facts");
    Objects.requireNonNull(calendar, "calendar");
  }

  /**
   * Whether {@code condition} holds for the lead, compiled as scoring compiles its rules.
   *
   * @throws IllegalArgumentException if the condition does not compile against {@link #fields()}
   *     (an unknown field, a wrong operand type)
   */
  public boolean holds(Condition condition) {
    return CompiledRules.condition(fields, condition).test(facts);
  }
}
