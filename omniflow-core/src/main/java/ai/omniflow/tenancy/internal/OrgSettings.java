package ai.omniflow.tenancy.internal;

import ai.omniflow.OmniFlowException;
import ai.omniflow.internal.Recorder;
import ai.omniflow.internal.Snapshots;
import ai.omniflow.store.spi.Store;
import ai.omniflow.store.spi.StoreTransaction;
import ai.omniflow.tenancy.Actor;
import ai.omniflow.tenancy.Org;
import ai.omniflow.tenancy.Permission;
import ai.omniflow.tenancy.TenancyErrors;
import ai.omniflow.tenancy.TenancyEvents;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Org settings an owner or admin changes on the org row: whether lead-ad forms become leads at
 * once, and the help text. {@link ai.omniflow.tenancy.TenancyService} delegates to it; the Javadoc
 * of its methods is the spec. Not API. Thread-safe.
 */
public final class OrgSettings {
  private final Store store;
  private final Clock clock;

  public OrgSettings(Store store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** As {@link ai.omniflow.tenancy.TenancyService#setLeadFormsBecomeLeads}. */
  public Org setLeadFormsBecomeLeads(Actor actor, boolean on) {
    Permission.ORG_SETTINGS_MANAGE.check(actor);
    Map<String, @Nullable Object> payload = new LinkedHashMap<>();
    payload.put("lead_forms_become_leads", on);
    return change(
        actor,
        o -> o.withLeadFormsBecomeLeads(on),
        TenancyEvents.ORG_LEAD_FORMS_BECOME_LEADS_SET,
        TenancyEvents.AUDIT_ORG_SET_LEAD_FORMS_BECOME_LEADS,
        payload);
  }

  /** As {@link ai.omniflow.tenancy.TenancyService#setHelpText}. */
  public Org setHelpText(Actor actor, @Nullable String text) {
    Permission.ORG_SETTINGS_MANAGE.check(actor);
    String t = text == null ? null : text.strip();
    if (t != null && !Org.isHelpText(t)) {
      throw OmniFlowException.invalidInput(
          TenancyErrors.INVALID_HELP_TEXT,
          "help_text must be 1 to "
              + Org.MAX_HELP_TEXT
              + " characters, not blank and without NUL, or null for the default.");
    }
    Map<String, @Nullable Object> payload = new LinkedHashMap<>();
    payload.put("help_text", t);
    return change(
        actor,
        o -> o.withHelpText(t),
        TenancyEvents.ORG_HELP_TEXT_SET,
        TenancyEvents.AUDIT_ORG_SET_HELP_TEXT,
        payload);
  }

  /** Applies {@code change} to the org; an unchanged org records nothing. */
  private Org change(
      Actor actor,
      UnaryOperator<Org> change,
      String event,
      String action,
      Map<String, @Nullable Object> payload) {
    return store.inTransaction(
        actor,
        (StoreTransaction tx) -> {
          Org before = tx.orgs().current().orElseThrow(() -> OmniFlowException.notFound("The org"));
          Org after = change.apply(before);
          if (after.equals(before)) {
            return before;
          }
          tx.orgs().update(after);
          Recorder.record(
              tx,
              clock.instant(),
              new Recorder.Change(
                  event,
                  action,
                  "org",
                  before.id().toString(),
                  payload,
                  Snapshots.org(before),
                  Snapshots.org(after)));
          return after;
        });
  }
}
