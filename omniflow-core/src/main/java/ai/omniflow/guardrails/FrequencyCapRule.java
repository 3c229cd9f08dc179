package ai.omniflow.guardrails;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Frequency caps: a marketing message only while the contact has had fewer than the cap today and
 * this week. Blocked until the next day (or week, Monday) starts in the counting zone. Thread-safe.
 */
final class FrequencyCapRule {
  private final FrequencyCap cap;

  FrequencyCapRule(FrequencyCap cap) {
    this.cap = Objects.requireNonNull(cap, "cap");
  }

  /**
   * When the cap lets the next marketing message go, or {@code null} if it lets it go now.
   *
   * @param zone the zone whose days the sends were counted in
   */
  @Nullable Instant blockedUntil(ContactFacts facts, ZoneId zone, Instant now) {
    boolean day = facts.sendsToday() >= cap.perDay();
    boolean week = facts.sendsThisWeek() >= cap.perWeek();
    if (!day && !week) {
      return null;
    }
    LocalDate today = now.atZone(zone).toLocalDate();
    LocalDate next =
        week ? today.with(TemporalAdjusters.next(DayOfWeek.MONDAY)) : today.plusDays(1);
    return next.atStartOfDay(zone).toInstant();
  }
}
