package ai.omniflow.examples.server;

import ai.omniflow.OmniFlow;
import ai.omniflow.sla.SlaReading;
import ai.omniflow.sla.ThreadSla;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Permission;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The {@code sla} object threads and leads carry: {@code {state, due_at, business_seconds_left,
 * policy}} from the thread's stored clock (docs/sla.md), or {@code null} for a thread without one
 * (or an actor who may not read SLAs). A lead shows its thread's first-response clock.
 */
final class SlaViews {
  private SlaViews() {}

  /** The stored clocks of {@code threadIds} (nulls skipped), read now; empty if not allowed. */
  static Map<UUID, ThreadSla> clocks(
      OmniFlow omniFlow, Actor actor, Collection<@Nullable UUID> threadIds) {
    if (!Permission.INBOX_READ.allows(actor.role()) || !Permission.SLA_READ.allows(actor.role())) {
      return Map.of();
    }
    List<UUID> ids = threadIds.stream().filter(Objects::nonNull).distinct().toList();
    return ids.isEmpty() ? Map.of() : omniFlow.sla().threadClocks(actor, ids);
  }

  static @Nullable Map<String, @Nullable Object> view(@Nullable ThreadSla sla) {
    if (sla == null) {
      return null;
    }
    SlaReading r = sla.reading();
    Map<String, @Nullable Object> out = new LinkedHashMap<>();
    out.put("state", r.state().wireName());
    out.put("due_at", r.dueAt() == null ? null : r.dueAt().toString());
    out.put("business_seconds_left", r.businessSecondsLeft());
    out.put("policy", sla.clock().policyLabel());
    return out;
  }

  /** The lead's view of its thread's clock: only the first-response one. */
  static @Nullable Map<String, @Nullable Object> leadView(@Nullable ThreadSla sla) {
    return sla == null || sla.clock().kind() != SlaReading.Clock.FIRST_RESPONSE ? null : view(sla);
  }
}
