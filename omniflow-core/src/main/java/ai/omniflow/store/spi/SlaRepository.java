package ai.omniflow.store.spi;

import ai.omniflow.sla.SlaCalendar;
import ai.omniflow.sla.SlaPolicy;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The SLA configuration of the transaction's org: its own SLA policy (when it replaces the pack's
 * default) and its business calendars, each scoped to the org, a routing group or an agent.
 *
 * <p>Values arrive validated ({@link SlaPolicy} and {@link SlaCalendar} check themselves); a store
 * keeps them whole and reads them back equal. The service checks the per-org cap ({@link
 * SlaCalendar#MAX_PER_ORG}) before inserting.
 */
public interface SlaRepository {
  /** The org's own SLA policy, if it replaced the pack's default. */
  Optional<SlaPolicy> policy();

  /** Saves the org's own SLA policy; {@code null} goes back to the pack's default. */
  void savePolicy(@Nullable SlaPolicy policy);

  /**
   * @throws ai.omniflow.OmniFlowException {@code sla_calendar_exists} (conflict) if the id is
   *     taken; {@code sla_calendar_scope_taken} (conflict) if the org has a calendar of that scope
   */
  void insertCalendar(SlaCalendar calendar);

  /**
   * Replaces the calendar with the same id: its name, scope and definition.
   *
   * @throws ai.omniflow.OmniFlowException {@code not_found} if the org has no such calendar; {@code
   *     sla_calendar_scope_taken} (conflict) if another calendar of the org has that scope
   */
  void updateCalendar(SlaCalendar calendar);

  /** Deletes the calendar; {@code false} if the org has no such calendar. */
  boolean deleteCalendar(UUID id);

  Optional<SlaCalendar> findCalendar(UUID id);

  /** The org's calendars, oldest first. */
  List<SlaCalendar> calendars();

  /**
   * The org's calendars that may apply to a clock of a thread assigned to the user {@code
   * assigneeUserId}, oldest first: the org-wide calendar, the calendar of each routing agent who
   * signs in as that user ({@link ai.omniflow.routing.Agent#userId()}), and the calendar of each
   * routing group such an agent is a member of; without a user, the org-wide calendar alone. The
   * SLA clock keeping calls it on every message that moves a clock, so a store answers it without
   * reading every calendar of the org.
   */
  List<SlaCalendar> calendarsForAssignee(@Nullable UUID assigneeUserId);
}
